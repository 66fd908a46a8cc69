import type { StepFailure } from '../tour/outcomes.js';
import { Lines } from './Lines.js';
import { failureLines } from './text/failure-text.js';
import type { Paint } from './text/paint.js';

export function FailurePanel({ failure, paint }: { readonly failure: StepFailure; readonly paint: Paint }) {
  return <Lines lines={failureLines(failure, paint)} marginTop={1} />;
}
