import { describe, expect, it } from 'vitest';
import { trinoHeaders } from '../../../src/engines/ad-hoc-query.js';
import { trinoLogin } from '../../../src/engines/endpoints.js';

describe('your own query on the platform\'s SQL-on-Kafka server', () => {
  it('logs in as the file\'s user with the password from its variable, on its catalog, schema and session properties', () => {
    process.env.TEST_TRINO_PW = 's3cret';
    const headers = trinoHeaders(trinoLogin({ url: 'https://trino.example.com', settings: { user: 'analyst', passwordVariable: 'TEST_TRINO_PW', catalog: 'kc', schema: 'payments', sessionProperties: { query_max_run_time: '1m' } } }));
    expect(headers).toMatchObject({ 'X-Trino-User': 'analyst', 'X-Trino-Catalog': 'kc', 'X-Trino-Schema': 'payments', 'X-Trino-Session': 'query_max_run_time=1m' });
    expect(headers.Authorization).toBe(`Basic ${Buffer.from('analyst:s3cret').toString('base64')}`);
    expect(trinoHeaders(trinoLogin('http://127.0.0.1:8080')).Authorization).toBeUndefined();
  });
});
