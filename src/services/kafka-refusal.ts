/**
 * A failure to reach Kafka that waiting will not fix: the broker refused the login, or its
 * certificate is not trusted. The Kafka client wraps the cause (one error per broker tried, each
 * with the socket's or the SASL exchange's error as its cause), so the whole chain is searched.
 */
import { CERTIFICATE_CODES } from '../common/tls.js';

export type KafkaRefusal = { kind: 'login' } | { kind: 'certificate'; code: string };

export function kafkaRefusal(error: unknown, depth = 0): KafkaRefusal | undefined {
  if (!error || typeof error !== 'object' || depth > 6) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (code === 'PLT_KFK_AUTHENTICATION') return { kind: 'login' };
  if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) return { kind: 'certificate', code };
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = kafkaRefusal(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The generator's log line for a refusal, and its reading back by whoever started the generator. */
export function refusalLine(refusal: KafkaRefusal): string {
  return refusal.kind === 'login' ? 'refused: login' : `refused: certificate ${refusal.code}`;
}

export function parseRefusalLine(line: string): KafkaRefusal | undefined {
  if (/\brefused: login\b/.test(line)) return { kind: 'login' };
  const certificate = /\brefused: certificate (\S+)/.exec(line);
  return certificate ? { kind: 'certificate', code: certificate[1]! } : undefined;
}
