import { z } from 'zod';
import { ACTION_NAMES } from './actions/names.js';
import { CONDITION_NAMES } from './conditions.js';

/** The front matter every steps/*.md file carries. */
export const stepFrontMatterSchema = z
  .object({
    number: z.number().int().min(1),
    title: z.string().trim().min(1),
    action: z.enum(ACTION_NAMES),
    needs: z.array(z.enum(CONDITION_NAMES)),
    live: z.boolean().default(false),
  })
  .strict();

export type StepFrontMatter = z.infer<typeof stepFrontMatterSchema>;

export interface Step extends StepFrontMatter {
  /** The text for people, Markdown, without the front matter. */
  body: string;
  /** The file it came from, for error messages. */
  file: string;
}
