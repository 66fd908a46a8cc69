import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { UserError } from '../common/errors.js';
import { stepsDir } from '../common/paths.js';
import { FrontMatterError, splitFrontMatter } from './front-matter.js';
import { MOVED_FIELDS, stepFrontMatterSchema, type Step } from './step-schema.js';

export class StepFileError extends UserError {}

const FILE_NAME = /^(\d{2})-[a-z0-9][a-z0-9-]*\.md$/;

function fieldProblems(error: z.ZodError, data: object): string {
  return error.issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `field "${key}": ${MOVED_FIELDS[key] ? `is not allowed here (${MOVED_FIELDS[key]})` : 'is not a known field (title, action)'}`);
      }
      const field = issue.path.length > 0 ? issue.path.join('.') : '(front matter)';
      const missing = issue.path.length === 1 && !(String(issue.path[0]) in data);
      return [`field "${field}": ${missing ? 'is missing' : issue.message}`];
    })
    .join('; ');
}

/** One step file, checked: its name gives the number, its front matter the title and action. */
export function parseStep(file: string, text: string): Step {
  const name = basename(file);
  const fail = (why: string) => new StepFileError(`Step file ${name}: ${why}.`, { tryThis: `fix ${file}` });
  const numbered = FILE_NAME.exec(name);
  if (!numbered) throw fail('its name must be NN-words.md, where NN is the step number (e.g. 04-query-kafka.md)');
  let split: ReturnType<typeof splitFrontMatter>;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) throw fail(error.message);
    throw error;
  }
  if (split.data === null || typeof split.data !== 'object' || Array.isArray(split.data)) {
    throw fail('its front matter must be a set of fields (title, action)');
  }
  const parsed = stepFrontMatterSchema.safeParse(split.data);
  if (!parsed.success) throw fail(fieldProblems(parsed.error, split.data));
  if (split.body === '') throw fail('it has no text after the front matter');
  return { number: Number(numbered[1]), ...parsed.data, body: split.body, file };
}

/** Reads every steps/*.md file, checks each, and returns them numbered 1…N without gaps. */
export async function loadSteps(dir: string = stepsDir): Promise<Step[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new StepFileError(`The steps folder ${dir} cannot be read.`, { cause: error, tryThis: 'reinstall slowdata-tour' });
  }
  if (names.length === 0) throw new StepFileError(`The steps folder ${dir} holds no step files.`, { tryThis: 'reinstall slowdata-tour' });
  const steps: Step[] = [];
  for (const name of names) {
    const file = join(dir, name);
    steps.push(parseStep(file, await readFile(file, 'utf8')));
  }
  steps.forEach((step, index) => {
    if (step.number === index + 1) return;
    const other = steps[index - 1];
    const why = other && other.number === step.number ? `step number ${step.number} is also used by ${basename(other.file)}` : `expected step number ${index + 1} here, so the files are numbered without a gap`;
    throw new StepFileError(`Step file ${basename(step.file)}: ${why}.`, { tryThis: `name the files in ${dir} 01-…, 02-…, 03-… without gaps` });
  });
  return steps;
}
