import type { StepFailure } from '../../tour/outcomes.js';
import { Lines } from './Lines.js';
import { failureLines } from '../../text/failure-text.js';
import type { Paint } from '../../text/paint.js';

export function FailurePanel({ failure, paint, columns }: { readonly failure: StepFailure; readonly paint: Paint; readonly columns: number }) {
  return <Lines lines={failureLines(failure, paint, columns)} marginTop={1} />;
}
