import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../common/errors.js';
import { stepsDir } from '../common/paths.js';
import { FrontMatterError, splitFrontMatter } from './front-matter.js';
import { stepFrontMatterSchema, type Step } from './step-schema.js';

export class StepFileError extends UserError {}

function fieldProblems(error: z.ZodError, data: object): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(front matter)';
      const missing = issue.path.length === 1 && !(String(issue.path[0]) in data);
      return `field "${field}": ${missing ? 'is missing' : issue.message}`;
    })
    .join('; ');
}

export function parseStep(file: string, text: string): Step {
  const name = basename(file);
  let split: ReturnType<typeof splitFrontMatter>;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new StepFileError(`Step file ${name}: ${error.message}.`, { tryThis: `fix ${file}` });
    throw error;
  }
  if (split.data === null || typeof split.data !== 'object' || Array.isArray(split.data)) {
    throw new StepFileError(`Step file ${name}: its front matter must be a set of fields (number, title, action, needs).`, { tryThis: `fix ${file}` });
  }
  const parsed = stepFrontMatterSchema.safeParse(split.data);
  if (!parsed.success) throw new StepFileError(`Step file ${name}: ${fieldProblems(parsed.error, split.data)}.`, { tryThis: `fix ${file}` });
  if (split.body === '') throw new StepFileError(`Step file ${name}: it has no text after the front matter.`, { tryThis: `fix ${file}` });
  return { ...parsed.data, body: split.body, file };
}

/** Reads every steps/*.md file, checks each, and returns them numbered 1…N without gaps. */
export async function loadSteps(dir: string = stepsDir): Promise<Step[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new StepFileError(`The steps folder ${dir} cannot be read.`, { cause: error, tryThis: 'reinstall slowdata-tour' });
  }
  const steps: Step[] = [];
  for (const name of names) {
    const file = join(dir, name);
    steps.push(parseStep(file, await readFile(file, 'utf8')));
  }
  steps.sort((a, b) => a.number - b.number);
  steps.forEach((step, index) => {
    if (step.number !== index + 1) {
      const other = steps[index - 1];
      const why = other && other.number === step.number ? `step number ${step.number} is also used by ${basename(other.file)}` : `expected step number ${index + 1}`;
      throw new StepFileError(`Step file ${basename(step.file)}: field "number": ${why}.`, { tryThis: `number the files in ${dir} 1, 2, 3… without gaps` });
    }
  });
  if (steps.length === 0) throw new StepFileError(`The steps folder ${dir} holds no step files.`, { tryThis: 'reinstall slowdata-tour' });
  return steps;
}
