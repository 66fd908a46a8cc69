import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { UserError } from '../../common/errors.js';
import { packageRoot, stateHome } from '../../common/paths.js';
import { tlsProblem } from '../../engines/tls-text.js';
import { parseRefusalLine } from '../../services/kafka-refusal.js';
import { isAlive, launch, readFrom, tail, terminate } from '../local/processes.js';
import type { Platform } from './platform-file.js';

const READY_TIMEOUT_MS = 60_000;

const recordSchema = z.object({ platformFile: z.string(), topic: z.string(), bootstrap: z.string(), pid: z.number().int(), startTicks: z.number().optional(), startEpochMs: z.number().optional() });
type GeneratorRecord = z.infer<typeof recordSchema>;

/** The flags that point the generator at the platform's Kafka; the SASL password goes in its environment, never on the command line. */
export function generatorArgs(kafka: NonNullable<Platform['data']['kafka']>, rate: number): string[] {
  return [
    '--bootstrap', kafka.bootstrap,
    '--topic', kafka.topic,
    '--rate', String(rate),
    '--existing-topic',
    ...(kafka.sasl ? ['--sasl-mechanism', kafka.sasl.mechanism, '--sasl-user', kafka.sasl.user] : []),
    ...(kafka.tls ? ['--tls', ...(kafka.tls.caFile ? ['--tls-ca', kafka.tls.caFile] : []), ...(kafka.tls.verify ? [] : ['--tls-no-verify'])] : []),
  ];
}

/**
 * The opt-in generator on your own platform (`--produce`): the one process the tour may start
 * there, recorded in your state home so that `status`, `stop generator` and `down` find exactly it.
 */
export class PlatformGenerator {
  private readonly dir: string;

  constructor(
    private readonly platform: Platform,
    home: string = stateHome(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.dir = join(home, 'platform-generator');
  }

  private get recordFile(): string {
    return join(this.dir, 'generator.json');
  }

  get logFile(): string {
    return join(this.dir, 'generator.log');
  }

  private read(): GeneratorRecord | undefined {
    try {
      const parsed = recordSchema.safeParse(JSON.parse(readFileSync(this.recordFile, 'utf8')));
      return parsed.success && parsed.data.platformFile === resolve(this.platform.file) ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  running(): GeneratorRecord | undefined {
    const record = this.read();
    return record && isAlive(record.pid, record) ? record : undefined;
  }

  /** The file's Kafka settings; refused in one sentence when it names none. */
  kafka(): NonNullable<Platform['data']['kafka']> {
    const kafka = this.platform.data.kafka;
    if (!kafka) {
      throw new UserError(`--produce needs the field "kafka" (bootstrap and topic) in the platform file ${this.platform.file}; without it nothing is written to your platform.`, {
        tryThis: 'add kafka: { bootstrap: host:port, topic: NAME } to the file, or leave out --produce',
      });
    }
    return kafka;
  }

  /** Starts it (once) and waits until it produces. */
  async start(rate: number, note: (message: string) => void): Promise<void> {
    const kafka = this.kafka();
    const already = this.running();
    if (already) {
      note(`The generator the tour started (pid ${already.pid}) already produces to ${kafka.topic} at ${kafka.bootstrap}.`);
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const password = kafka.sasl ? this.env[kafka.sasl.passwordEnv] ?? '' : undefined;
    const launched = launch({
      command: process.execPath,
      args: [join(packageRoot, 'dist', 'bundles', 'generator.mjs'), ...generatorArgs(kafka, rate)],
      env: password === undefined ? {} : { SLOWDATA_KAFKA_PASSWORD: password },
      logFile: this.logFile,
    });
    const record: GeneratorRecord = { platformFile: resolve(this.platform.file), topic: kafka.topic, bootstrap: kafka.bootstrap, ...launched };
    writeFileSync(this.recordFile, JSON.stringify(record));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (/\bready:/.test(await readFrom(this.logFile, launched.logOffset))) {
        note(`The generator produces to ${kafka.topic} at ${kafka.bootstrap}, ${rate} records/s (pid ${launched.pid}); "slowdata-tour stop generator --platform ${this.platform.file}" stops it.`);
        return;
      }
      if (!isAlive(launched.pid, launched)) break;
      await sleep(250);
    }
    await this.stop();
    const last = (await tail(this.logFile, 1))[0]?.replace(/^\S+ generator /, '') ?? 'no output';
    const refusal = parseRefusalLine(last);
    if (refusal?.kind === 'login' && kafka.sasl) {
      throw new UserError(`Kafka at ${kafka.bootstrap} refused the login of user ${kafka.sasl.user}: check the password in $${kafka.sasl.passwordEnv}.`, {
        tryThis: `check kafka.sasl (user and mechanism) in ${this.platform.file} too`,
      });
    }
    if (refusal?.kind === 'certificate') throw new UserError(`${tlsProblem(refusal.code, '', kafka.bootstrap)}.`, { tryThis: `set kafka.tls.caFile in ${this.platform.file}` });
    throw new UserError(`The generator could not produce to ${kafka.topic} at ${kafka.bootstrap}: ${last}.`, { tryThis: `check the field "kafka" in ${this.platform.file} and its password variable` });
  }

  /** Stops the generator the tour started, and nothing else; false when none ran. */
  async stop(): Promise<boolean> {
    const record = this.read();
    if (!record) return false;
    const outcome = await terminate(record.pid, record, 10_000);
    rmSync(this.recordFile, { force: true });
    return outcome.kind === 'stopped';
  }
}
