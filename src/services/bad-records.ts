import { Producer } from '@platformatic/kafka';
import { BAD_RECORD_IDS, BAD_RECORD_KINDS, type BadRecordKind } from './bad-record-kinds.js';

export interface ProducedBadRecord {
  kind: BadRecordKind;
  eventId: string;
  /** Where each copy landed: partition and offset. */
  offsets: Array<{ partition: number; offset: number }>;
}

/**
 * Produces the chosen kinds (all when `ids` is empty) to the topic with the project's own Kafka client,
 * as the generator does. Event ids are `bad-<tag>-<kind>` so repeated runs do not collide.
 */
export async function produceBadRecords(bootstrap: string, ids: readonly string[] = [], options: { topic?: string; tag?: string } = {}): Promise<ProducedBadRecord[]> {
  const topic = options.topic ?? 'transactions';
  const tag = options.tag ?? Date.now().toString(36);
  const kinds = ids.length === 0 ? BAD_RECORD_KINDS : ids.map((id) => {
    const kind = BAD_RECORD_KINDS.find((k) => k.id === id);
    if (!kind) throw new Error(`no bad-record kind "${id}"; there are ${BAD_RECORD_IDS.join(', ')}`);
    return kind;
  });
  const producer = new Producer({ clientId: 'slowdata-bad-records', bootstrapBrokers: [bootstrap], retries: 3 });
  try {
    const produced: ProducedBadRecord[] = [];
    for (const kind of kinds) {
      const eventId = `bad-${tag}-${kind.id}`;
      const value = kind.value(eventId);
      const offsets: ProducedBadRecord['offsets'] = [];
      for (let i = 0; i < (kind.times ?? 1); i += 1) {
        const result = await producer.send({ messages: [{ topic, value: value ?? undefined }] });
        for (const o of result.offsets ?? []) offsets.push({ partition: o.partition, offset: Number(o.offset) });
      }
      produced.push({ kind, eventId, offsets });
    }
    return produced;
  } finally {
    await producer.close().catch(() => undefined);
  }
}
