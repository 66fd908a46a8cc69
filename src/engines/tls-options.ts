import { readFileSync } from 'node:fs';
import type { TlsSettings } from './endpoints.js';

/** Node's TLS options for a platform file's `tls`: its CA file to trust, and whether to check the server at all. */
export function nodeTlsOptions(tls: TlsSettings): { ca?: string; rejectUnauthorized: boolean } {
  return { ...(tls.caFile ? { ca: readFileSync(tls.caFile, 'utf8') } : {}), rejectUnauthorized: tls.verify !== false };
}
