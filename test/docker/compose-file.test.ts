// Static checks of environment/docker-compose.yml. The official images cannot be pulled on
// this machine, so what they do with this file (Kafka's KRaft start, Connect's sink, Trino's
// catalog, MySQL's init script, the healthcheck commands inside them) is only checked here,
// by shape; the runtime's own behaviour is checked against a real engine in docker-runtime.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors.js';
import { environmentDir, packageRoot } from '../../src/common/paths.js';
import { loadVersions } from '../../src/common/versions.js';
import { activeServices, DEFAULT_COMPOSE_FILE, dependencyOrder, loadComposeFile } from '../../src/runtime/docker/compose-file.js';
import { interpolate, parseDuration, parseMemory, parsePortMapping, parseVolumeMount } from '../../src/runtime/docker/compose-syntax.js';
import { containerSpec } from '../../src/runtime/docker/container-spec.js';
import {
  composeServiceFor,
  composeVariables,
  engineAmong,
  servicesToRun,
  SHAPE_ONLY_VARIABLES,
  tourNameFor,
} from '../../src/runtime/docker/environment-plan.js';
import { SERVICE_NAMES } from '../../src/runtime/types.js';

const project = loadComposeFile(DEFAULT_COMPOSE_FILE, SHAPE_ONLY_VARIABLES);
const service = (name: string) => project.services.get(name)!;
const GiB = 1024 ** 3;

describe('environment/docker-compose.yml', () => {
  it('parses within the supported subset, as project slowdata, with every service of the tour', () => {
    expect(project.name).toBe('slowdata');
    expect(activeServices(project, [])).toEqual([...SERVICE_NAMES]);
    expect(dependencyOrder(project, [...SERVICE_NAMES]).indexOf('kafka')).toBeLessThan(dependencyOrder(project, [...SERVICE_NAMES]).indexOf('connect'));
  });

  it('pins the same versions as environment/versions.json', () => {
    const versions = loadVersions();
    expect(service('kafka').image).toBe(`apache/kafka:${versions.kafka}`);
    expect(service('connect').image).toBe(`apache/kafka:${versions.kafka}`);
    expect(service('connect').environment.CLASSPATH).toBe(`/opt/kafka/libs/connect-file-${versions.kafka}.jar`);
    expect(service('trino').image).toBe(`trinodb/trino:${versions.trino}`);
    expect(service('db').image).toBe(`mysql:${versions.mysql}`);
    expect(service('generator').image).toMatch(new RegExp(`^node:${versions.node}(-alpine|-slim)?$`));
    expect(service('pipeline').image).toBe(service('generator').image);
  });

  it('has no floating tags except the commercial Streambased image, and no platform pinning', () => {
    for (const { name, image } of project.services.values()) {
      if (name === 'streambased') continue;
      expect(image, name).toMatch(/:[0-9][\w.-]*$/);
    }
  });

  it('mounts only files and folders that exist', () => {
    const binds = [...project.services.values()].flatMap((s) => s.mounts.flatMap((m) => (m.kind === 'bind' ? [m.source] : [])));
    expect(binds.length).toBeGreaterThan(10);
    for (const source of binds) expect(existsSync(source), source).toBe(true);
  });

  it('mounts configs read-only and keeps data on named volumes', () => {
    for (const s of project.services.values()) {
      for (const mount of s.mounts) if (mount.kind === 'bind') expect(mount.readOnly, `${s.name} ${mount.target}`).toBe(true);
    }
    const datalake = (name: string) => service(name).mounts.find((m) => m.kind === 'volume' && m.name === 'datalake');
    expect(datalake('connect')?.target).toBe('/datalake');
    expect(datalake('pipeline')?.target).toBe('/datalake');
    expect(service('connect').environment.DATALAKE_FILE).toBe('/datalake/transactions.jsonl');
  });

  it('publishes every port on 127.0.0.1 only, and only where the host needs it', () => {
    const published = [...project.services.values()].filter((s) => s.ports.length > 0).map((s) => s.name);
    expect(published.sort()).toEqual(['akhq', 'db', 'kafka', 'streambased', 'superset', 'trino']);
    for (const s of project.services.values()) for (const port of s.ports) expect(port.hostIp, s.name).toBe('127.0.0.1');
  });

  it('has a healthcheck on every long-lived server, and depends on health where it matters', () => {
    for (const name of ['db', 'kafka', 'connect', 'trino', 'schema-registry', 'akhq', 'superset']) {
      expect(service(name).healthcheck, name).toBeDefined();
    }
    expect(service('pipeline').dependsOn).toEqual(
      expect.arrayContaining([
        { service: 'db', condition: 'service_healthy' },
        { service: 'connect', condition: 'service_healthy' },
      ]),
    );
  });

  it('sets memory limits from the measured peaks (media/bench.json) with headroom, and JVM heaps that fit', () => {
    const bench = JSON.parse(readFileSync(join(packageRoot, 'media', 'bench.json'), 'utf8')) as {
      startup: { services: Array<{ name: string; rssMiB: { largest: number } }> };
    };
    const MiB = 1024 ** 2;
    for (const name of SERVICE_NAMES) {
      const peak = bench.startup.services.find((s) => s.name === name)!.rssMiB.largest * MiB;
      const limit = service(name).memoryBytes!;
      expect(limit, name).toBeGreaterThanOrEqual(peak * 1.35);
    }
    const heapOf = (text: string | undefined) => Number(/-Xmx(\d+)m/.exec(text ?? '')?.[1]) * MiB;
    // Room beside the heap for metaspace, code cache, threads and direct buffers.
    expect(service('kafka').memoryBytes! - heapOf(service('kafka').environment.KAFKA_HEAP_OPTS)).toBeGreaterThanOrEqual(256 * MiB);
    expect(service('connect').memoryBytes! - heapOf(service('connect').environment.KAFKA_HEAP_OPTS)).toBeGreaterThanOrEqual(256 * MiB);
    const trinoHeap = /^-Xmx(\d+)G$/m.exec(readFileSync(join(environmentDir, 'trino', 'jvm.config'), 'utf8'))!;
    expect(service('trino').memoryBytes! - Number(trinoHeap[1]) * GiB).toBeGreaterThanOrEqual(512 * MiB);
    const total = SERVICE_NAMES.reduce((sum, name) => sum + service(name).memoryBytes!, 0);
    expect(total).toBeLessThanOrEqual(4 * GiB);
  });

  it('checks Kafka without starting a second JVM inside the broker', () => {
    const test = service('kafka').healthcheck!.test.join(' ');
    expect(test).not.toMatch(/kafka-[a-z-]+\.sh|java/);
    expect(service('kafka').healthcheck!.test.slice(0, 3)).toEqual(['CMD', 'bash', '-c']);
    expect(test).toContain('/dev/tcp/127.0.0.1/19092');
  });

  it('restarts every long-lived service on failure, with a limit so a crash loop ends', () => {
    for (const { name, restart } of project.services.values()) {
      expect(restart, name).toEqual({ name: 'on-failure', maximumRetries: 5 });
      expect(containerSpec(project, service(name), 'x').HostConfig?.RestartPolicy, name).toEqual({ Name: 'on-failure', MaximumRetryCount: 5 });
    }
  });

  it('installs pinned Superset drivers once, skipping the install when they are there', () => {
    const init = readFileSync(join(environmentDir, 'docker', 'superset', 'init.sh'), 'utf8');
    const drivers = /^DRIVERS="([^"]+)"$/m.exec(init)?.[1] ?? '';
    expect(drivers.split(' ').sort()).toEqual([expect.stringMatching(/^PyMySQL==\d+\.\d+\.\d+$/), expect.stringMatching(/^trino==\d+\.\d+\.\d+$/)]);
    expect(init).toMatch(/if ! python - "\$DRIVERS"/);
    expect(init).not.toMatch(/pip install[^\n]*(pymysql|trino)/i);
  });

  it('runs Streambased with --engine streambased alone: its schema registry comes with it, and it has a healthcheck on its Trino port', () => {
    const services = servicesToRun(project, { profiles: [], engine: 'streambased' });
    for (const dependency of service('streambased').dependsOn) expect(services, dependency.service).toContain(dependency.service);
    expect(activeServices(project, ['streambased'])).toEqual(expect.arrayContaining(['streambased', 'schema-registry', 'kafka']));
    const health = service('streambased').healthcheck!;
    expect(health.test.join(' ')).toContain('127.0.0.1:8080/v1/info');
    expect(service('streambased').ports[0]?.containerPort).toBe(8080);
  });

  it('gives the generator and pipeline only the bundles, which need no node_modules', () => {
    for (const name of ['generator', 'pipeline']) {
      const binds = service(name).mounts.filter((m) => m.kind === 'bind');
      expect(binds, name).toEqual([{ kind: 'bind', source: join(packageRoot, 'dist', 'bundles'), target: '/app', readOnly: true }]);
    }
  });

  it('gives Kafka a listener for containers and one advertised as 127.0.0.1, and a fixed cluster id', () => {
    const kafka = service('kafka').environment;
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toBe('INTERNAL://kafka:19092,HOST://127.0.0.1:9092');
    expect(kafka.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(service('generator').command).toEqual(['node', '/app/generator.mjs', '--bootstrap', 'kafka:19092', '--rate', '2']);
    expect(service('pipeline').command).toEqual(['node', '/app/pipeline.mjs', '--datalake', '/datalake/transactions.jsonl', '--interval', '60']);
  });

  it('needs a database password to run by hand, and takes the tour\'s values from the runtime', () => {
    expect(() => loadComposeFile(DEFAULT_COMPOSE_FILE, {})).toThrow(/SLOWDATA_DB_PASSWORD/);
    const services = servicesToRun(project, { profiles: ['schema-registry'], engine: 'trino' });
    const variables = composeVariables(
      { dbPassword: 'a-password-1', ports: { db: 3310, kafka: 9095, trino: 8085 }, options: { rate: 5, intervalSeconds: 30 } },
      services,
      'trino',
    );
    const real = loadComposeFile(DEFAULT_COMPOSE_FILE, variables);
    expect(real.services.get('db')!.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: 3310, containerPort: 3306 }]);
    expect(real.services.get('pipeline')!.environment.SLOWDATA_DB_PASSWORD).toBe('a-password-1');
    expect(real.services.get('generator')!.command).toContain('5');
    expect(real.services.get('generator')!.environment.SLOWDATA_SCHEMA_REGISTRY_URL).toBe('http://schema-registry:8081');
    expect(real.services.get('kafka')!.environment.KAFKA_ADVERTISED_LISTENERS).toContain('HOST://127.0.0.1:9095');
  });

  it('keeps the optional services off by default; Streambased replaces Trino and brings its schema registry', () => {
    expect(servicesToRun(project, { profiles: [], engine: 'trino' })).toEqual([...SERVICE_NAMES]);
    const withAll = servicesToRun(project, { profiles: ['superset', 'akhq', 'schema-registry'], engine: 'trino' });
    expect(withAll).toEqual(expect.arrayContaining(['superset', 'akhq', 'schema-registry']));
    const streambased = servicesToRun(project, { profiles: [], engine: 'streambased' });
    expect(streambased).toContain('streambased');
    expect(streambased).toContain('schema-registry');
    expect(streambased).not.toContain('trino');
  });

  it('maps the tour\'s trino to the engine\'s compose service in one place, both ways', () => {
    expect(composeServiceFor('trino', 'trino')).toBe('trino');
    expect(composeServiceFor('trino', 'streambased')).toBe('streambased');
    expect(composeServiceFor('kafka', 'streambased')).toBe('kafka');
    expect(tourNameFor('streambased')).toBe('trino');
    expect(tourNameFor('trino')).toBe('trino');
    expect(tourNameFor('db')).toBe('db');
    expect(tourNameFor('superset')).toBeUndefined();
    // An environment brought up with the other engine is found by what runs.
    expect(engineAmong(new Set(['kafka', 'streambased']), 'trino')).toBe('streambased');
    expect(engineAmong(new Set(['kafka', 'trino', 'streambased']), 'streambased')).toBe('streambased');
    expect(engineAmong(new Set(['kafka']), 'streambased')).toBe('streambased');
    const streambased = composeVariables({ dbPassword: 'a-password-1', ports: {}, options: { rate: 2, intervalSeconds: 60 } }, [], 'streambased');
    expect(streambased.SLOWDATA_KAFKA_SQL_HOST).toBe('streambased');
  });

  it('turns a service into the container docker compose would create', () => {
    const spec = containerSpec(project, service('trino'), 'trinodb/trino:476');
    expect(spec.name).toBe('slowdata-trino-1');
    expect(spec.Labels).toMatchObject({
      'com.docker.compose.project': 'slowdata',
      'com.docker.compose.service': 'trino',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.project.config_files': DEFAULT_COMPOSE_FILE,
    });
    expect(spec.HostConfig?.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] });
    expect(spec.HostConfig?.Memory).toBe(2048 * 1024 ** 2);
    expect(spec.Healthcheck?.Interval).toBe(3e9);
    expect(spec.NetworkingConfig?.EndpointsConfig?.slowdata_default?.Aliases).toContain('trino');
  });
});

describe('the compose subset', () => {
  const withFile = (text: string) => {
    const folder = mkdtempSync(join(tmpdir(), 'slowdata-compose-'));
    const file = join(folder, 'docker-compose.yml');
    writeFileSync(file, text);
    try {
      return loadComposeFile(file, {});
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };

  it('rejects keys it does not support, with a UserError naming them', () => {
    const attempt = () => withFile('services:\n  a:\n    image: x:1\n    platform: linux/amd64\n');
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/platform/);
  });

  it('rejects ports without a host address, undeclared volumes, unknown dependencies and cycles', () => {
    expect(() => withFile('services:\n  a:\n    image: x:1\n    ports: ["8080:8080"]\n')).toThrow(/HOST_IP:HOST_PORT:CONTAINER_PORT/);
    expect(() => withFile('services:\n  a:\n    image: x:1\n    volumes: ["data:/data"]\n')).toThrow(/not declared/);
    expect(() => withFile('services:\n  a:\n    image: x:1\n    depends_on: {b: {condition: service_started}}\n')).toThrow(/not defined/);
    expect(() =>
      withFile('services:\n  a:\n    image: x:1\n    depends_on: {b: {condition: service_started}}\n  b:\n    image: x:1\n    depends_on: {a: {condition: service_started}}\n'),
    ).toThrow(/circle/);
  });

  it('interpolates like compose', () => {
    const vars = { SET: 'v', EMPTY: '' };
    expect(interpolate('a ${SET} $SET $$SET', vars)).toBe('a v v $SET');
    expect(interpolate('${EMPTY:-d} ${EMPTY-d} ${UNSET-d}', vars)).toBe('d  d');
    expect(() => interpolate('${UNSET:?say why}', vars)).toThrow(/UNSET is required: say why/);
  });

  it('reads durations, memory sizes, ports and volumes', () => {
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(5e8);
    expect(() => parseDuration('5 seconds')).toThrow();
    expect(parseMemory('448m')).toBe(448 * 1024 ** 2);
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parsePortMapping('127.0.0.1:3307:3306')).toEqual({ hostIp: '127.0.0.1', hostPort: 3307, containerPort: 3306 });
    expect(parseVolumeMount('./a:/b:ro')).toEqual({ kind: 'bind', source: './a', target: '/b', readOnly: true });
    expect(parseVolumeMount('..:/app:ro')).toMatchObject({ kind: 'bind', source: '..' });
    expect(parseVolumeMount('datalake:/datalake')).toEqual({ kind: 'volume', name: 'datalake', target: '/datalake', readOnly: false });
  });
});
