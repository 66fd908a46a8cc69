import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { registerValueSchema, transactionJsonSchema } from '../../src/services/schema-registry.js';

describe('the transactions value schema', () => {
  it('is JSON Schema with every field the pipeline requires', () => {
    const schema = JSON.parse(transactionJsonSchema()) as { type: string; required: string[]; properties: Record<string, { type: string }> };
    expect(schema.type).toBe('object');
    expect(schema.required.sort()).toEqual(['amount', 'eventId', 'eventTime', 'itemCode', 'paymentTermCode', 'paymentTime', 'storeId']);
    expect(schema.properties.amount?.type).toBe('number');
  });

  it('is registered under <topic>-value, retrying until the registry answers', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls += 1;
        if (calls === 1) {
          response.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"starting"}');
          return;
        }
        bodies.push(`${request.url} ${body}`);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":7}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const id = await registerValueSchema(`http://127.0.0.1:${port}`, 'transactions', new AbortController().signal, () => undefined);
      expect(id).toBe(7);
      expect(calls).toBe(2);
      expect(bodies[0]).toMatch(/^\/subjects\/transactions-value\/versions \{"schemaType":"JSON","schema":/);
    } finally {
      server.close();
    }
  }, 15_000);
});
