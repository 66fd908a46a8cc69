import { readFileSync } from 'node:fs';

/** Node's error codes for a server certificate that is not trusted (as opposed to TLS not spoken at all). */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Node's TLS options for a `tls` setting: the CA file to trust, and whether to check the server at all (default yes). */
export function nodeTlsOptions(tls: { caFile?: string; verify?: boolean }): { ca?: string; rejectUnauthorized: boolean } {
  return { ...(tls.caFile ? { ca: readFileSync(tls.caFile, 'utf8') } : {}), rejectUnauthorized: tls.verify !== false };
}
