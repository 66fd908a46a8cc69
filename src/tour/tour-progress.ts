import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

const progressSchema = z.object({
  /** The number of the last step that ran to the end. */
  lastDone: z.number().int().min(1),
  /** How many steps the tour had then: a tour with other steps starts over. */
  total: z.number().int().min(1),
  at: z.number(),
});

export type TourProgress = z.infer<typeof progressSchema>;

/** Where the tour remembers the last step done, so that started again it can offer to go on there. */
export class TourProgressFile {
  constructor(readonly file: string) {}

  /** The remembered progress; nothing when there is none, or the file is unreadable (progress is a convenience, never a failure). */
  read(): TourProgress | undefined {
    try {
      const parsed = progressSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Remembers a step done; the last step of the tour forgets instead, so the next tour starts from the beginning. */
  recordDone(step: number, total: number): void {
    if (step >= total) {
      this.forget();
      return;
    }
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, `${JSON.stringify({ lastDone: step, total, at: Date.now() })}\n`);
    } catch {
      // An unwritable state folder costs the resume offer, not the tour.
    }
  }

  forget(): void {
    rmSync(this.file, { force: true });
  }
}
