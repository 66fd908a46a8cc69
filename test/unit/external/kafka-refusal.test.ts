import { describe, expect, it } from 'vitest';
import { kafkaRefusal, parseRefusalLine, refusalLine } from '../../../src/services/kafka-refusal.js';

/** The shapes @platformatic/kafka gives (seen against a real SASL_SSL broker): one error per broker, the real one as its cause. */
function clientError(cause: object): Error {
  const network = Object.assign(new Error('Connection to 127.0.0.1:42000 failed.'), { code: 'PLT_KFK_NETWORK', cause });
  return Object.assign(new AggregateError([network], 'Cannot connect to any broker.'), { code: 'PLT_KFK_MULTIPLE' });
}

describe('kafkaRefusal: the failures waiting will not fix', () => {
  it('finds a refused SASL login and an untrusted certificate under the client\'s wrappers, and nothing in a plain network failure', () => {
    expect(kafkaRefusal(clientError(Object.assign(new Error('SASL authentication failed.'), { code: 'PLT_KFK_AUTHENTICATION' })))).toEqual({ kind: 'login' });
    expect(kafkaRefusal(clientError(Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })))).toEqual({ kind: 'certificate', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(kafkaRefusal(clientError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })))).toBeUndefined();
    expect(kafkaRefusal(new Error('metadata failed 4 times.'))).toBeUndefined();
  });

  it('its log line reads back as the same refusal', () => {
    for (const refusal of [{ kind: 'login' }, { kind: 'certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }] as const) {
      expect(parseRefusalLine(`2026-12-01T05:00:00.000Z generator ${refusalLine(refusal)}`)).toEqual(refusal);
    }
    expect(parseRefusalLine('generator waiting for Kafka at 127.0.0.1:9092: metadata failed')).toBeUndefined();
  });
});
