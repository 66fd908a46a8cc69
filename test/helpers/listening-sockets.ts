/**
 * The TCP addresses a process listens on, read from Linux's /proc: its socket inodes from
 * /proc/<pid>/fd, matched against the LISTEN rows of /proc/net/tcp and tcp6.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** The kernel writes each 32-bit word of an address in host (little-endian) byte order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)));
  if (bytes.length === 4) return bytes.join('.');
  const mappedV4 = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mappedV4) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

function listeningRows(): Map<string, string> {
  const byInode = new Map<string, string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const [address, port] = fields[1]!.split(':');
      byInode.set(fields[9]!, `${decodeAddress(address!)}:${Number.parseInt(port!, 16)}`);
    }
  }
  return byInode;
}

export function listeningAddresses(pid: number): string[] {
  const rows = listeningRows();
  const found: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed while we looked
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const address = inode ? rows.get(inode) : undefined;
    if (address) found.push(address);
  }
  return found.sort();
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopback(address: string): boolean {
  const host = address.slice(0, address.lastIndexOf(':'));
  return /^(::ffff:)?127\./.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1';
}
