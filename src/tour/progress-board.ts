import type { ProgressEvent } from '../runtime/types.js';

type ArtifactEvent = Extract<ProgressEvent, { kind: 'artifact' }>;
type ServiceEvent = Extract<ProgressEvent, { kind: 'service' }>;

/** The latest word on each artifact and service while the runtime works, in first-seen order. */
export interface ProgressBoard {
  artifacts: ArtifactEvent[];
  services: ServiceEvent[];
  notes: string[];
}

export const emptyProgressBoard: ProgressBoard = { artifacts: [], services: [], notes: [] };

const NOTES_KEPT = 3;

function replaceOrAppend<T>(list: readonly T[], item: T, same: (a: T) => boolean): T[] {
  const index = list.findIndex(same);
  if (index === -1) return [...list, item];
  return list.map((existing, i) => (i === index ? item : existing));
}

export function foldProgress(board: ProgressBoard, event: ProgressEvent): ProgressBoard {
  switch (event.kind) {
    case 'artifact':
      return { ...board, artifacts: replaceOrAppend(board.artifacts, event, (a) => a.name === event.name) };
    case 'service':
      return { ...board, services: replaceOrAppend(board.services, event, (s) => s.name === event.name) };
    case 'note':
      return { ...board, notes: [...board.notes, event.message].slice(-NOTES_KEPT) };
  }
}
