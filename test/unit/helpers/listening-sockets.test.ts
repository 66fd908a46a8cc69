import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopback, listeningAddresses } from '../../helpers/listening-sockets.js';

const servers: Server[] = [];
function listen(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as { port: number }).port)));
}

describe('listeningAddresses (the loopback check of the local runtime reads it)', () => {
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('finds this process\'s own listeners with their real addresses, and tells loopback from every interface', async () => {
    const loopback = await listen('127.0.0.1');
    const everywhere = await listen('0.0.0.0');
    const found = listeningAddresses(process.pid);
    expect(found).toContain(`127.0.0.1:${loopback}`);
    expect(found).toContain(`0.0.0.0:${everywhere}`);
    expect(isLoopback(`127.0.0.1:${loopback}`)).toBe(true);
    expect(isLoopback(`0.0.0.0:${everywhere}`)).toBe(false);
    expect(isLoopback('::1:8080')).toBe(true);
    expect(isLoopback(':::8080')).toBe(false);
    expect(isLoopback('::ffff:127.0.0.1:9092')).toBe(true);
  });
});
