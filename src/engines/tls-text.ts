import { CERTIFICATE_CODES } from '../common/tls.js';

/** TLS failures in one sentence, for both engines and the generator's Kafka. */
export function tlsProblem(code: string | undefined, message: string, where: string): string | undefined {
  if (code && CERTIFICATE_CODES.has(code)) {
    return `TLS mismatch on ${where}: the server's certificate is not trusted (${code}); give its CA file in tls.caFile`;
  }
  if (code === 'EPROTO' || /wrong version number|packet length too long|ssl3_get_record|unknown protocol/i.test(message)) {
    return `TLS mismatch on ${where}: TLS is on in the platform file, but the server does not speak TLS on that port`;
  }
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT' || /does not support secure connection/i.test(message)) {
    return `TLS mismatch on ${where}: TLS is on in the platform file, but the server does not support TLS`;
  }
  return undefined;
}
