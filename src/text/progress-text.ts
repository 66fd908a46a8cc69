import type { ProgressEvent } from '../runtime/types.js';
import type { ProgressBoard } from '../tour/progress-board.js';
import { formatDuration } from './format.js';
import type { Paint } from './paint.js';

type ArtifactEvent = Extract<ProgressEvent, { kind: 'artifact' }>;
type ServiceEvent = Extract<ProgressEvent, { kind: 'service' }>;

function withDetail(text: string, detail: string | undefined): string {
  return detail ? `${text} · ${detail}` : text;
}

export function artifactLine(event: ArtifactEvent, paint: Paint): string {
  if (event.state === 'downloading') return paint('starting', withDetail(`↓ ${event.name} downloading`, event.detail));
  const word = event.state === 'cached' ? 'already here' : 'downloaded';
  return `${paint('healthy', '✓')} ${event.name} ${paint('muted', withDetail(word, event.detail))}`;
}

export function serviceLine(event: ServiceEvent, paint: Paint): string {
  switch (event.state) {
    case 'starting':
      return paint('starting', withDetail(`◌ ${event.name} starting…`, event.detail));
    case 'ready':
      return `${paint('healthy', `● ${event.name}`)} ready${event.ms === undefined ? '' : paint('muted', ` in ${formatDuration(event.ms)}`)}`;
    case 'stopped':
      return paint('stopped', withDetail(`■ ${event.name} stopped`, event.detail));
    case 'failed':
      return paint('error', withDetail(`✗ ${event.name} failed`, event.detail));
  }
}

export function progressEventLine(event: ProgressEvent, paint: Paint): string {
  if (event.kind === 'artifact') return artifactLine(event, paint);
  if (event.kind === 'service') return serviceLine(event, paint);
  return paint('muted', event.message);
}

export function progressBoardLines(board: ProgressBoard, paint: Paint): string[] {
  return [
    ...board.artifacts.map((event) => artifactLine(event, paint)),
    ...board.services.map((event) => serviceLine(event, paint)),
    ...board.notes.map((note) => paint('muted', note)),
  ];
}
