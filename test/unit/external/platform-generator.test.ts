import { describe, expect, it } from 'vitest';
import { generatorArgs } from '../../../src/runtime/external/platform-generator.js';

describe('the opt-in generator\'s flags on your own platform', () => {
  it('carry the bootstrap, topic, SASL user and TLS settings, never create a topic, and never the password', () => {
    const args = generatorArgs(
      { bootstrap: 'k1.example.com:9093,k2.example.com:9093', topic: 'payments', sasl: { mechanism: 'SCRAM-SHA-512', user: 'producer', passwordEnv: 'KAFKA_PW' }, tls: { verify: true, caFile: '/etc/ca.pem' } },
      5,
    );
    expect(args).toEqual(['--bootstrap', 'k1.example.com:9093,k2.example.com:9093', '--topic', 'payments', '--rate', '5', '--existing-topic', '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-user', 'producer', '--tls', '--tls-ca', '/etc/ca.pem']);
    expect(args.join(' ')).not.toContain('KAFKA_PW');
    expect(generatorArgs({ bootstrap: 'k:9092', topic: 't', tls: { verify: false } }, 2)).toContain('--tls-no-verify');
  });
});
