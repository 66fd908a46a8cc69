import type { StepOutcome } from '../tour/outcomes.js';
import type { Paint } from './paint.js';

type Outcome<K extends StepOutcome['kind']> = Extract<StepOutcome, { kind: K }>;

export function environmentReadyLine(outcome: Outcome<'environment'>, paint: Paint): string {
  const { endpoints } = outcome;
  const headline = outcome.changed ? '✓ The environment is up.' : '✓ The environment was already up.';
  return `${paint('healthy', headline)} ${paint('muted', `Kafka ${endpoints.kafka} · Trino ${endpoints.trino} · MySQL ${endpoints.mysql.host}:${endpoints.mysql.port}`)}`;
}

export function pipelineChangeLine(change: NonNullable<Outcome<'comparison'>['change']>, paint: Paint): string {
  return change.to === 'stopped'
    ? paint('stopped', `■ Stopped: ${change.services.join(', ')}`)
    : paint('healthy', `● Started: ${change.services.join(', ')}`);
}

/** A step the runtime cannot do, and why, in its place. */
export function skippedLine(outcome: Outcome<'skipped'>, paint: Paint): string {
  return `${paint('muted', '↷ Skipped:')} ${outcome.reason}`;
}

export function shutdownLine(outcome: Outcome<'shutdown'>, paint: Paint): string {
  if (outcome.removed) return paint('healthy', '✓ The environment is removed: its processes or containers, data and logs.');
  if (!outcome.existed) return 'There was no environment to remove.';
  return `The environment is left running. Remove it later with ${paint('strong', 'slowdata-tour down')}.`;
}
