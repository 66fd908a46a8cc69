/**
 * A second single-node Kafka for the platform tests, as a company would expose one to producers:
 * SASL (PLAIN) over TLS, with a certificate from the test's private CA. A plaintext listener beside
 * it lets the test create the topic and count what arrived without going through the login under
 * test. It runs from the jars the local runtime resolved, on the same Java.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Admin } from '@platformatic/kafka';
import { cacheHome } from '../../src/common/paths.js';
import { pickPort } from '../../src/common/ports.js';
import { runProgram } from '../../src/common/run-program.js';
import { loadVersions } from '../../src/common/versions.js';
import { waitFor } from '../../src/common/wait.js';
import { findTools } from '../../src/runtime/local/tools.js';
import { certificates } from './test-ca.js';
import { startTestServer } from './test-server.js';

export interface SecureKafka {
  /** The SASL_SSL listener: what a platform file's kafka.bootstrap names. */
  bootstrap: string;
  /** A plaintext listener for the test itself. */
  plainBootstrap: string;
  user: string;
  password: string;
  caFile: string;
  /** Records on the topic now (the end offset of its one partition). */
  count(topic: string): Promise<number>;
  createTopic(topic: string): Promise<void>;
  stop(): Promise<void>;
}

class KafkaExited extends Error {}

export async function startSecureKafka(dir: string): Promise<SecureKafka> {
  const tools = await findTools();
  const classpath = join(cacheHome(), `kafka-${loadVersions().kafka}`, 'lib', '*');
  const { caFile, keystore } = await certificates(dir);
  const user = 'producer';
  const password = `Pw-${randomBytes(9).toString('base64url')}`;
  const secure = await pickPort(42000);
  const plain = await pickPort(secure + 1);
  const controller = await pickPort(plain + 1);
  const config = join(dir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controller}`,
      'controller.listener.names=CONTROLLER',
      `listeners=SECURE://127.0.0.1:${secure},PLAIN://127.0.0.1:${plain},CONTROLLER://127.0.0.1:${controller}`,
      `advertised.listeners=SECURE://127.0.0.1:${secure},PLAIN://127.0.0.1:${plain}`,
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAIN:PLAINTEXT,SECURE:SASL_SSL',
      'inter.broker.listener.name=PLAIN',
      'listener.name.secure.sasl.enabled.mechanisms=PLAIN',
      `listener.name.secure.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${user}="${password}";`,
      'listener.name.secure.ssl.keystore.type=PEM',
      `listener.name.secure.ssl.keystore.location=${keystore}`,
      'num.partitions=1',
      'auto.create.topics.enable=false',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      `log.dirs=${join(dir, 'logs')}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const jvm = ['-Xmx256m', '-XX:+UseSerialGC', '-cp', classpath];
  await runProgram(tools.java, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', 'c2xvd2RhdGEtc2VjdXJlLTE', '-c', config], { timeoutMs: 120_000 }, {
    message: 'Could not format the secure Kafka\'s data directory.',
    tryThis: 'see its output below',
  });
  const server = startTestServer(tools.java, [...jvm, 'kafka.Kafka', config], { cwd: dir, logFile: join(dir, 'kafka.log') });
  const stop = () => server.stop();
  const plainBootstrap = `127.0.0.1:${plain}`;
  const admin = () => new Admin({ clientId: 'slowdata-test-admin', bootstrapBrokers: [plainBootstrap], retries: 1, timeout: 5000 });
  try {
    await waitFor(
      async () => {
        if (server.exitCode() !== null) throw new KafkaExited(`the secure Kafka exited ${server.exitCode()}:\n${server.logTail()}`);
        const client = admin();
        try {
          await client.listTopics();
          return true;
        } finally {
          await client.close().catch(() => undefined);
        }
      },
      { what: 'the secure Kafka to start', timeoutMs: 120_000, intervalMs: 500, isFatal: (error) => error instanceof KafkaExited },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    bootstrap: `127.0.0.1:${secure}`,
    plainBootstrap,
    user,
    password,
    caFile,
    async createTopic(topic) {
      const client = admin();
      try {
        await client.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
      } finally {
        await client.close().catch(() => undefined);
      }
    },
    async count(topic) {
      const client = admin();
      try {
        const [listed] = await client.listOffsets({ topics: [{ name: topic, partitions: [{ partitionIndex: 0, timestamp: -1n }] }] });
        return Number(listed?.partitions[0]?.offset ?? 0n);
      } finally {
        await client.close().catch(() => undefined);
      }
    },
    stop,
  };
}
