import { describe, expect, it } from 'vitest';
import { explainKafkaError, SqlOnKafkaError } from '../../src/engines/kafka-errors.js';
import { explainWarehouseError } from '../../src/engines/warehouse.js';

const endpoint = { host: '127.0.0.1', port: 3307, user: 'slowdata', password: 'secret-password', database: 'warehouse' };

describe('engine errors in words', () => {
  it('says the warehouse is down when nothing answers, without the password', () => {
    const text = explainWarehouseError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), endpoint);
    expect(text).toBe('The warehouse is not reachable: nothing answers on 127.0.0.1:3307 (is the db service stopped?)');
    expect(explainWarehouseError(Object.assign(new Error('x'), { code: 'ER_ACCESS_DENIED_ERROR' }), endpoint)).not.toContain('secret-password');
  });

  it('says SQL on Kafka is starting, or that a record has a field of the wrong type', () => {
    expect(explainKafkaError(new SqlOnKafkaError('No nodes available to run query'), 'http://127.0.0.1:8080')).toMatch(/still starting up/);
    expect(explainKafkaError(new SqlOnKafkaError("could not parse value 'abc' as 'double' for column 'amount'"), 'x')).toMatch(/wrong type .*set that record aside/);
    expect(explainKafkaError(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'http://127.0.0.1:8080')).toMatch(/not reachable: nothing answers on http:\/\/127\.0\.0\.1:8080/);
  });
});
