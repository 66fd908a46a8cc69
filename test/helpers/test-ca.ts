/**
 * A private certificate authority for the platform tests, made with openssl: its certificate (what a
 * platform file's tls.caFile names) and a server certificate it signed for 127.0.0.1 and localhost,
 * with its key, in one PEM file (the form Trino's and Kafka's PEM keystores read).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../../src/common/run-program.js';

async function openssl(args: string[], cwd: string): Promise<void> {
  await runProgram('openssl', args, { cwd, timeoutMs: 60_000 }, { message: `openssl ${args[0]} failed.`, tryThis: 'see its output below' });
}

export async function certificates(dir: string): Promise<{ caFile: string; keystore: string }> {
  const days = ['-days', '2'];
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=slowdata-tour test CA', ...days], dir);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-extfile', 'san.ext', ...days], dir);
  const keystore = join(dir, 'server-with-key.pem');
  writeFileSync(keystore, readFileSync(join(dir, 'server.key'), 'utf8') + readFileSync(join(dir, 'server.pem'), 'utf8'), { mode: 0o600 });
  return { caFile: join(dir, 'ca.pem'), keystore };
}
