/** The actions a step file may name in its `action` field. */
export const ACTION_NAMES = [
  'start-environment',
  'peek-records',
  'query-warehouse',
  'query-kafka',
  'compare-engines',
  'ask-a-question',
  'write-bad-records',
  'stop-pipeline',
  'start-pipeline',
  'shut-down',
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];
