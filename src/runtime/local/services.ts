import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { environmentDir, packageRoot } from '../../common/paths.js';
import { runProgram } from '../../common/run-program.js';
import type { LocalPorts, LocalState } from '../state.js';
import { WAREHOUSE_DATABASE, WAREHOUSE_USER } from '../warehouse-account.js';
import type { Endpoints } from '../../engines/endpoints.js';
import type { ServiceName } from '../types.js';
import type { Artifacts } from './artifacts.js';
import { classDataArchive, classDataFlags, type ClassDataArchive } from './class-data.js';
import { dataDirTemplate, fillFromTemplate } from './data-dir-template.js';
import { programIdentity } from './program-identity.js';
import { initialiseDataDir, provisionWarehouse, rootAnswers, serverArgs } from './database.js';
import type { LocalLayout } from './layout.js';
import type { LaunchSpec } from './processes.js';
import { connectorRunning, kafkaBrokerAnswers, loggedReady, mysqlGreets, trinoAnswersQueries, trinoStarted } from './probes.js';
import type { Tools } from './tools.js';

/** Fixed, so a restarted broker keeps recognising its own data directory. */
const KAFKA_CLUSTER_ID = 'c2xvd2RhdGEtdG91ci0x';
export const CONNECTOR = 'datalake-sink';

export const PREFERRED_PORTS = {
  db: 3307,
  kafka: 9092,
  kafkaInternal: 9094,
  kafkaController: 9093,
  connect: 8083,
  trino: 8080,
} as const satisfies LocalPorts;
export type PortName = keyof LocalPorts;

export interface ServiceContext {
  layout: LocalLayout;
  state: LocalState;
  tools: Tools;
  artifacts: Artifacts;
  endpoints: Endpoints;
  /** The artifact cache: the JVMs' class-data archives are kept there, shared by every environment. */
  cacheDir: string;
}

/** What a health check of a running service needs: no tools, no artifacts. */
export type HealthContext = Pick<ServiceContext, 'layout' | 'state' | 'endpoints'>;

export interface LocalService {
  name: ServiceName;
  /** Services that must be ready before this one starts. */
  after: readonly ServiceName[];
  /**
   * Services that must be ready (their `afterReady` done) before this one's readiness is checked,
   * though it may start beside them: Trino's JVM needs nothing, its readiness query needs the topic.
   */
  readyAfter?: readonly ServiceName[];
  readyTimeoutMs: number;
  /** One-time set-up before the first start (data directories, formatting). */
  prepare?(ctx: ServiceContext): Promise<void>;
  launch(ctx: ServiceContext): LaunchSpec;
  /** Readiness right after a start; `logOffset` is where this start's log begins. */
  ready(ctx: ServiceContext, logOffset: number): Promise<boolean>;
  /** Health of a running service, for status. */
  healthy(ctx: HealthContext): Promise<boolean>;
  afterReady?(ctx: ServiceContext): Promise<void>;
  /** A JVM service's class-data archive: used when there is one, written once ready when not (class-data.ts). */
  classData?(ctx: ServiceContext): ClassDataArchive;
}

export function port(state: LocalState, name: PortName): number {
  return state.ports[name];
}

export function endpointsOf(state: LocalState): Endpoints {
  return {
    kafka: `127.0.0.1:${port(state, 'kafka')}`,
    trino: `http://127.0.0.1:${port(state, 'trino')}`,
    mysql: { host: '127.0.0.1', port: port(state, 'db'), user: WAREHOUSE_USER, password: state.dbPassword, database: WAREHOUSE_DATABASE },
  };
}

/**
 * Heap and JIT of the JVMs on JDK 17 (Kafka and Connect), measured on 2 cores (npm run bench):
 * the serial collector and a small starting heap keep the resident set down where G1's regions
 * and remembered sets bought nothing; Connect only moves a few records a second, so it stops at
 * the C1 compiler (less code cache and no C2 threads); Kafka serves Trino's reads, so it keeps C2,
 * but only for code run ten times as often as by default: the code it runs while starting no
 * longer competes with Trino's start for the CPU (1.6 CPU-seconds less), and what a bulk load or
 * a 1M-record query runs still gets there in a fraction of it.
 */
const KAFKA_LATER_C2 = ['-XX:Tier4InvocationThreshold=50000', '-XX:Tier4MinInvocationThreshold=6000', '-XX:Tier4CompileThreshold=150000', '-XX:Tier4BackEdgeThreshold=400000'];

const JVM_FLAGS = {
  kafka: ['-Xms64m', '-Xmx384m', '-XX:+UseSerialGC', ...KAFKA_LATER_C2],
  connect: ['-Xms32m', '-Xmx192m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
  tool: ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
} as const;

function kafkaClasspath(ctx: ServiceContext, extraClasspath: readonly string[]): string[] {
  return [join(ctx.artifacts.kafkaLib, '*'), ...extraClasspath];
}

function javaOptions(ctx: ServiceContext, name: ServiceName, flags: readonly string[], extraClasspath: readonly string[] = []): string[] {
  return [
    ...flags,
    `-Dslowdata.service=${name}`,
    // Names the state home on the command line, so `down` can find a process the state missed.
    `-Dslowdata.home=${ctx.layout.home}`,
    `-Dlog4j2.configurationFile=${join(environmentDir, 'kafka', 'log4j2.properties')}`,
    '-cp',
    kafkaClasspath(ctx, extraClasspath).join(delimiter),
  ];
}

const kafkaArchive = (ctx: ServiceContext) => classDataArchive(ctx.cacheDir, 'kafka', ctx.tools.java, kafkaClasspath(ctx, []));
const connectArchive = (ctx: ServiceContext) => classDataArchive(ctx.cacheDir, 'connect', ctx.tools.java, kafkaClasspath(ctx, [ctx.artifacts.connectFilePlugin]));
/** What the storage format writes depends on Kafka's jars, the cluster id and the shared broker settings (node id, roles), not on ports or paths. */
const kafkaFormatTemplate = (ctx: ServiceContext) =>
  dataDirTemplate(ctx.cacheDir, 'kafka-format', [ctx.artifacts.kafkaLib, programIdentity(ctx.tools.java), KAFKA_CLUSTER_ID, readFileSync(join(environmentDir, 'kafka', 'server.properties'), 'utf8')]);
const trinoArchive = (ctx: ServiceContext) => classDataArchive(ctx.cacheDir, 'trino', ctx.tools.trinoJava, [join(ctx.artifacts.trinoHome, 'lib', '*')]);

/** environment/kafka/server.properties plus the host-specific listeners and log directory. */
function kafkaConfig(ctx: ServiceContext): string {
  const file = join(ctx.layout.dataDir('kafka'), 'server.properties');
  const shared = readFileSync(join(environmentDir, 'kafka', 'server.properties'), 'utf8');
  const host = port(ctx.state, 'kafka');
  const internal = port(ctx.state, 'kafkaInternal');
  const controller = port(ctx.state, 'kafkaController');
  const local = [
    '',
    '# Added by the local runtime:',
    `listeners=HOST://127.0.0.1:${host},INTERNAL://127.0.0.1:${internal},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=HOST://127.0.0.1:${host},INTERNAL://127.0.0.1:${internal}`,
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `log.dirs=${join(ctx.layout.dataDir('kafka'), 'logs')}`,
    '',
  ].join('\n');
  writeFileSync(file, shared + local);
  return file;
}

const db: LocalService = {
  name: 'db',
  after: [],
  readyTimeoutMs: 60_000,
  async prepare(ctx) {
    await initialiseDataDir(ctx.tools.db, ctx.layout.dataDir('db'), ctx.cacheDir);
  },
  launch(ctx) {
    return {
      command: ctx.tools.db.server,
      args: serverArgs(ctx.tools.db, ctx.layout.dataDir('db'), ctx.layout.dbSocket, port(ctx.state, 'db'), ctx.layout.logFile('db')),
      env: {},
      logFile: ctx.layout.logFile('db'),
    };
  },
  ready: (ctx) => rootAnswers(ctx.layout.dbSocket),
  healthy: (ctx) => mysqlGreets(ctx.endpoints.mysql),
  afterReady: (ctx) => provisionWarehouse(ctx.layout.dbSocket, ctx.endpoints.mysql),
};

const kafka: LocalService = {
  name: 'kafka',
  after: [],
  readyTimeoutMs: 90_000,
  async prepare(ctx) {
    const config = kafkaConfig(ctx);
    const logs = join(ctx.layout.dataDir('kafka'), 'logs');
    if (existsSync(join(logs, 'meta.properties'))) return;
    rmSync(logs, { recursive: true, force: true });
    await fillFromTemplate(kafkaFormatTemplate(ctx), logs, async () => {
      // The broker's class-data archive serves the format tool too: same JDK, same classpath.
      await runProgram(ctx.tools.java, [...classDataFlags(kafkaArchive(ctx)), ...javaOptions(ctx, 'kafka', JVM_FLAGS.tool), 'kafka.tools.StorageTool', 'format', '-t', KAFKA_CLUSTER_ID, '-c', config], { timeoutMs: 120_000 }, {
        message: 'Could not format the Kafka data directory.',
        tryThis: 'slowdata-tour down, then slowdata-tour up',
      });
    });
  },
  launch(ctx) {
    return {
      command: ctx.tools.java,
      args: [...classDataFlags(kafkaArchive(ctx)), ...javaOptions(ctx, 'kafka', JVM_FLAGS.kafka), 'kafka.Kafka', kafkaConfig(ctx)],
      env: {},
      logFile: ctx.layout.logFile('kafka'),
    };
  },
  // The topic is the generator's to create: importing a Kafka client here cost `up` 0.9 CPU-seconds
  // (it compiles its option schemas on load) while Trino starts beside Kafka.
  ready: (ctx) => kafkaBrokerAnswers(ctx.endpoints.kafka),
  healthy: (ctx) => kafkaBrokerAnswers(ctx.endpoints.kafka),
  classData: kafkaArchive,
};

const connectUrl = (ctx: HealthContext) => `http://127.0.0.1:${port(ctx.state, 'connect')}`;

const connect: LocalService = {
  name: 'connect',
  // Its sink subscribes to the topic, which the generator creates before it reports ready.
  after: ['generator'],
  readyTimeoutMs: 120_000,
  launch(ctx) {
    return {
      command: ctx.tools.java,
      args: [
        ...classDataFlags(connectArchive(ctx)),
        ...javaOptions(ctx, 'connect', JVM_FLAGS.connect, [ctx.artifacts.connectFilePlugin]),
        'org.apache.kafka.connect.cli.ConnectStandalone',
        join(environmentDir, 'connect', 'worker.properties'),
        join(environmentDir, 'connect', 'datalake-sink.properties'),
      ],
      env: {
        KAFKA_BOOTSTRAP: `127.0.0.1:${port(ctx.state, 'kafkaInternal')}`,
        CONNECT_REST_HOST: '127.0.0.1',
        CONNECT_PORT: String(port(ctx.state, 'connect')),
        CONNECT_OFFSETS_FILE: join(ctx.layout.dataDir('connect'), 'offsets'),
        DATALAKE_FILE: ctx.layout.datalakeFile,
      },
      logFile: ctx.layout.logFile('connect'),
    };
  },
  ready: (ctx) => connectorRunning(connectUrl(ctx), CONNECTOR),
  healthy: (ctx) => connectorRunning(connectUrl(ctx), CONNECTOR),
  classData: connectArchive,
};

/** What environment/trino/catalog/kafka.properties reads from the environment, for a Trino started from the cached tarball. */
export function trinoCatalogEnv(kafkaBootstrap: string): Record<string, string> {
  return {
    KAFKA_BOOTSTRAP: kafkaBootstrap,
    TRINO_TABLE_DIR: join(environmentDir, 'trino', 'kafka-tables'),
    TRINO_KAFKA_CLIENT_CONFIG: join(environmentDir, 'trino', 'kafka-client.properties'),
  };
}

/** Trino's JVM options from the shared jvm.config (the Docker runtime mounts the same file), without its comments. */
export function trinoJvmOptions(): string[] {
  return readFileSync(join(environmentDir, 'trino', 'jvm.config'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Local-only additions to jvm.config (later flags win): its InitialRAMPercentage is meant for a
 * container's memory limit; on a host it would start with the whole -Xmx as heap, and the young
 * generation that sizes touches far more memory than the tour needs.
 */
const TRINO_LOCAL_JVM_FLAGS = ['-Xms192m'];

const trino: LocalService = {
  name: 'trino',
  after: [],
  // Its readiness query reads the topic, which the generator creates.
  readyAfter: ['generator'],
  // It starts beside Kafka and Connect, sharing the CPUs with them.
  readyTimeoutMs: 300_000,
  launch(ctx) {
    const home = ctx.artifacts.trinoHome;
    return {
      command: ctx.tools.trinoJava,
      args: [
        ...trinoJvmOptions(),
        ...TRINO_LOCAL_JVM_FLAGS,
        ...classDataFlags(trinoArchive(ctx)),
        '-Dslowdata.service=trino',
        '-Dnode.environment=slowdata',
        '-Dnode.id=slowdata-local',
        // Airlift's HTTP server listens on every interface, and tells tasks the host's address, unless told otherwise.
        '-Dnode.bind-ip=127.0.0.1',
        '-Dnode.internal-address=127.0.0.1',
        `-Dnode.data-dir=${ctx.layout.dataDir('trino')}`,
        `-Dconfig=${join(environmentDir, 'trino', 'config.properties')}`,
        `-Dlog.levels-file=${join(environmentDir, 'trino', 'log.properties')}`,
        `-Dcatalog.config-dir=${join(environmentDir, 'trino', 'catalog')}`,
        `-Dplugin.dir=${join(home, 'plugin')}`,
        '-cp',
        join(home, 'lib', '*'),
        'io.trino.server.TrinoServer',
      ],
      env: {
        TRINO_PORT: String(port(ctx.state, 'trino')),
        ...trinoCatalogEnv(`127.0.0.1:${port(ctx.state, 'kafkaInternal')}`),
      },
      cwd: ctx.layout.dataDir('trino'),
      logFile: ctx.layout.logFile('trino'),
    };
  },
  ready: (ctx) => trinoAnswersQueries(ctx.endpoints.trino),
  healthy: (ctx) => trinoStarted(ctx.endpoints.trino),
  classData: trinoArchive,
};

/** The same single-file bundles the Docker runtime's containers run (src/build/bundle-services.ts). */
const nodeProgram = (script: string) => join(packageRoot, 'dist', 'bundles', script);

const generator: LocalService = {
  name: 'generator',
  after: ['kafka'],
  readyTimeoutMs: 60_000,
  launch(ctx) {
    return {
      command: process.execPath,
      args: [nodeProgram('generator.mjs'), '--bootstrap', ctx.endpoints.kafka, '--rate', String(ctx.state.options.rate), '--home', ctx.layout.home],
      env: {},
      logFile: ctx.layout.logFile('generator'),
    };
  },
  ready: (ctx, offset) => loggedReady(ctx.layout.logFile('generator'), offset),
  healthy: async () => true,
};

const pipeline: LocalService = {
  name: 'pipeline',
  after: ['db'],
  readyTimeoutMs: 60_000,
  launch(ctx) {
    const mysqlEndpoint = ctx.endpoints.mysql;
    return {
      command: process.execPath,
      args: [nodeProgram('pipeline.mjs'), '--datalake', ctx.layout.datalakeFile, '--interval', String(ctx.state.options.intervalSeconds)],
      // The password goes in the environment, not the command line, so `ps` does not show it.
      env: {
        SLOWDATA_DB_HOST: mysqlEndpoint.host,
        SLOWDATA_DB_PORT: String(mysqlEndpoint.port),
        SLOWDATA_DB_USER: mysqlEndpoint.user,
        SLOWDATA_DB_PASSWORD: mysqlEndpoint.password,
        SLOWDATA_DB_NAME: mysqlEndpoint.database,
      },
      logFile: ctx.layout.logFile('pipeline'),
    };
  },
  ready: (ctx, offset) => loggedReady(ctx.layout.logFile('pipeline'), offset),
  healthy: async () => true,
};

/** Every service of the local environment, in start order: each after those it waits for (status lists them in SERVICE_NAMES' order). */
export const LOCAL_SERVICES: readonly LocalService[] = [db, kafka, generator, connect, trino, pipeline];
