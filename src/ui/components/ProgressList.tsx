import type { ProgressBoard } from '../../tour/progress-board.js';
import { Lines } from './Lines.js';
import type { Paint } from '../../text/paint.js';
import { progressBoardLines } from '../../text/progress-text.js';

export function ProgressList({ board, paint }: { readonly board: ProgressBoard; readonly paint: Paint }) {
  return <Lines lines={progressBoardLines(board, paint)} marginTop={1} />;
}
