import * as z from 'zod';
import { ACTION_NAMES, type ActionName } from './actions/names.js';

/**
 * The front matter every steps/NN-name.md file carries: only what the file alone decides. Its
 * number is the NN of the file name; what it needs and whether its view stays live come from
 * its action, so neither can disagree with the code that runs.
 */
export const stepFrontMatterSchema = z
  .object({
    title: z.string().trim().min(1),
    action: z.enum(ACTION_NAMES),
  })
  .strict();

/** Front-matter fields that now belong elsewhere, and where: a file still carrying one is told so. */
export const MOVED_FIELDS: Readonly<Record<string, string>> = {
  number: 'the step number is the NN- prefix of the file name',
  needs: "what a step needs comes from its action",
  live: "whether a step's view stays live comes from its action",
};

export interface Step {
  /** 1…N, from the file name's NN- prefix. */
  number: number;
  title: string;
  action: ActionName;
  /** The text for people, Markdown, without the front matter. */
  body: string;
  /** The file it came from, for error messages. */
  file: string;
}
