// The Docker runtime against a real engine (test/setup/docker-engine.sh starts one), with the
// environment's shape from fixtures/busybox-compose.yml and every official image mapped to a
// local busybox image: what is checked is the runtime (create, labels, ports, order, health,
// stop/start, down, pull failures), not the official images themselves.
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError, isUserError, UserError } from '../../src/common/errors.js';
import { isPortOpen } from '../../src/common/ports.js';
import { DockerRuntime, dockerEngineAnswers, doctor, ImageUnavailableError } from '../../src/runtime/docker/index.js';
import { StateStore } from '../../src/runtime/state.js';
import { SERVICE_NAMES, type ProgressEvent } from '../../src/runtime/types.js';
import { FIXTURE_COMPOSE_FILE, FIXTURE_PROJECT, requireTestEngine, temporaryHome, testImageMap } from './engine.js';

const docker = new Docker();
const projectLabel = `com.docker.compose.project=${FIXTURE_PROJECT}`;
const home = temporaryHome();
const state = new StateStore(home.path);
const env = {};

function runtime(extra: Partial<ConstructorParameters<typeof DockerRuntime>[0]> = {}): DockerRuntime {
  return new DockerRuntime({ docker, state, images: testImageMap(), composeFile: FIXTURE_COMPOSE_FILE, env, ...extra });
}

async function leftovers() {
  const filters = { label: [projectLabel] };
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  return { containers: containers.length, networks: networks.length, volumes: (volumes.Volumes ?? []).length };
}

function httpGet(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  await requireTestEngine(docker);
  await runtime().down();
});

afterAll(async () => {
  await runtime().down();
  home.remove();
});

describe('the Docker runtime on a real engine', () => {
  const events: ProgressEvent[] = [];

  it('knows an engine answers, and says so in words when none does', async () => {
    expect(await dockerEngineAnswers(docker)).toBe(true);
    const nowhere = new Docker({ socketPath: '/nonexistent/docker.sock' });
    expect(await dockerEngineAnswers(nowhere)).toBe(false);
    const error = await caught(runtime({ docker: nowhere }).status());
    expect(isUserError(error)).toBe(true);
    expect((error as UserError).message).toMatch(/^No Docker engine answers at /);
    expect((error as UserError).tryThis).toMatch(/--runtime local/);
  });

  it('brings the environment up in dependency order, waiting on healthchecks', async () => {
    const result = await runtime().up({ rate: 2, intervalSeconds: 60, onProgress: (event) => events.push(event) });
    expect(result.changed).toBe(true);
    const at = (name: string, phase: string) => events.findIndex((e) => e.kind === 'service' && e.name === name && e.state === phase);
    for (const name of SERVICE_NAMES) expect(at(name, 'ready'), name).toBeGreaterThanOrEqual(0);
    expect(at('connect', 'starting')).toBeGreaterThan(at('kafka', 'ready'));
    expect(at('trino', 'starting')).toBeGreaterThan(at('kafka', 'ready'));
    expect(at('pipeline', 'starting')).toBeGreaterThan(at('db', 'ready'));
    expect(at('pipeline', 'starting')).toBeGreaterThan(at('connect', 'ready'));
    expect(events.filter((e) => e.kind === 'artifact').every((e) => e.kind === 'artifact' && e.state === 'cached')).toBe(true);

    const status = await runtime().status();
    expect(status.exists).toBe(true);
    expect(status.services.map((s) => s.state)).toEqual(SERVICE_NAMES.map(() => 'running'));
    expect(status.endpoints?.mysql).toMatchObject({ host: '127.0.0.1', user: 'slowdata', database: 'warehouse' });
    expect(status.endpoints?.mysql.password.length).toBeGreaterThanOrEqual(8);
  });

  it('creates containers, network and volumes with Docker Compose labels', async () => {
    const containers = await docker.listContainers({ all: true, filters: { label: [projectLabel] } });
    expect(containers.map((c) => c.Labels['com.docker.compose.service']).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const container of containers) {
      const service = container.Labels['com.docker.compose.service'];
      expect(container.Names).toEqual([`/${FIXTURE_PROJECT}-${service}-1`]);
      expect(container.Labels).toMatchObject({
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.container-number': '1',
        // The runtime mounts from its staged copy under the state home, not from the package.
        'com.docker.compose.project.config_files': join(home.path, 'docker', 'environment', 'busybox-compose.yml'),
      });
    }
    const [network] = await docker.listNetworks({ filters: { label: [projectLabel] } });
    expect(network?.Name).toBe(`${FIXTURE_PROJECT}_default`);
    expect(network?.Labels?.['com.docker.compose.network']).toBe('default');
    const volumes = (await docker.listVolumes({ filters: { label: [projectLabel] } })).Volumes ?? [];
    expect(volumes.map((v) => v.Name).sort()).toEqual(['datalake', 'db-data', 'kafka-data'].map((v) => `${FIXTURE_PROJECT}_${v}`));
    const pipeline = await docker.getContainer(`${FIXTURE_PROJECT}-pipeline-1`).inspect();
    expect(pipeline.NetworkSettings.Networks[`${FIXTURE_PROJECT}_default`]?.Aliases).toContain('pipeline');
  });

  it('publishes ports on 127.0.0.1 only, and they answer there', async () => {
    const ports = state.read()!.ports;
    for (const service of ['db', 'kafka', 'trino'] as const) {
      const info = await docker.getContainer(`${FIXTURE_PROJECT}-${service}-1`).inspect();
      const bindings = Object.values(info.HostConfig.PortBindings ?? {}).flat() as { HostIp: string; HostPort: string }[];
      expect(bindings, service).toEqual([{ HostIp: '127.0.0.1', HostPort: String(ports[service]) }]);
      expect((await httpGet(ports[service]!)).trim()).toBe(service);
    }
    const outside = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
    if (outside) expect(await isPortOpen(ports.db!, outside.address)).toBe(false);
  });

  it('a second up changes nothing', async () => {
    const again = await runtime().up({ rate: 2, intervalSeconds: 60 });
    expect(again.changed).toBe(false);
  });

  it('stopping db, connect and pipeline leaves the others running; start brings them back', async () => {
    await runtime().stop(['db', 'connect', 'pipeline']);
    const stopped = await runtime().status();
    const stateOf = (name: string) => stopped.services.find((s) => s.name === name)!.state;
    for (const name of ['db', 'connect', 'pipeline']) expect(stateOf(name), name).toBe('stopped');
    for (const name of ['kafka', 'trino', 'generator']) expect(stateOf(name), name).toBe('running');
    expect(await isPortOpen(state.read()!.ports.db!)).toBe(false);

    await runtime().start(['db', 'connect', 'pipeline']);
    const started = await runtime().status();
    expect(started.services.map((s) => s.state)).toEqual(SERVICE_NAMES.map(() => 'running'));
  });

  it('gives the last lines of a service log', async () => {
    expect(await runtime().logs('generator', 5)).toEqual(['generator: started']);
    // The node containers get the bundles and nothing else (no package folder, no node_modules).
    expect((await runtime().logs('pipeline', 5)).at(-1)).toBe('pipeline: /app has generator.mjs pipeline.mjs');
    await expect(runtime().logs('trino', 5)).resolves.toEqual([]);
  });

  it('fails clearly on a service Docker still calls unhealthy at the deadline, with its log', async () => {
    const error = await caught(runtime({ profiles: ['akhq'], readyTimeoutMs: 4000 }).up({ rate: 2, intervalSeconds: 60 }));
    expect(isUserError(error)).toBe(true);
    expect((error as UserError).message).toBe('The akhq service did not start: its healthcheck still reported it unhealthy after 4 s.');
    expect((error as UserError).logTail).toEqual(['akhq: cannot reach anything']);
    expect(describeError(error)).not.toMatch(/\n\s+at /);
  });

  it('gives up at the deadline on a service that never becomes healthy', async () => {
    const started = Date.now();
    const error = await caught(runtime({ profiles: ['superset'], readyTimeoutMs: 3000 }).up({ rate: 2, intervalSeconds: 60 }));
    expect((error as UserError).message).toBe('The superset service did not start: it was not healthy after 3 s.');
    expect((error as UserError).tryThis).toMatch(/slowdata-tour logs superset/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('status lists a running optional web service with where to open it, never with its password', async () => {
    const current = state.read()!;
    if (current.runtime !== 'docker') throw new Error(`the state belongs to the ${current.runtime} runtime`);
    const status = await runtime().status();
    const superset = status.extras?.find((extra) => extra.name === 'Superset');
    expect(superset).toEqual({ name: 'Superset', url: `http://127.0.0.1:${current.ports.superset}`, login: expect.stringMatching(/^user admin/) });
    expect(JSON.stringify(status.extras)).not.toContain(current.dbPassword);

    const [container] = await docker.listContainers({ filters: { label: [projectLabel, 'com.docker.compose.service=superset'] } });
    await docker.getContainer(container!.Id).stop({ t: 1 });
    expect((await runtime().status()).extras?.map((extra) => extra.name)).not.toContain('Superset');
  });

  it('says in words when an image cannot be pulled, and offers the local runtime when it can run', async () => {
    const images = { ...testImageMap(), 'mysql:8.4': '127.0.0.1:5999/nope:1' };
    const localCan = async () => ({ ok: true as const, summary: 'tools found' });
    const error = await caught(runtime({ images, localReadiness: localCan }).up({ rate: 2, intervalSeconds: 60 }));
    expect(error).toBeInstanceOf(ImageUnavailableError);
    expect((error as UserError).message).toBe('Could not download the image 127.0.0.1:5999/nope:1: the image registry (127.0.0.1:5999) could not be reached.');
    expect((error as ImageUnavailableError).localRuntimeCanRun).toBe(true);
    expect((error as UserError).tryThis).toMatch(/the local runtime can run on this machine without images: slowdata-tour up --runtime local$/);
    const localCannot = async () => ({ ok: false as const, problem: new UserError('no Java') });
    const without = await caught(runtime({ images, localReadiness: localCannot }).up({ rate: 2, intervalSeconds: 60 }));
    expect((without as ImageUnavailableError).localRuntimeCanRun).toBe(false);
    expect((without as UserError).tryThis).toMatch(/--runtime local \("slowdata-tour doctor" says what it needs\)$/);
    expect(state.read()?.runtime).toBe('docker');

    // A first `up` that cannot pull leaves no environment behind, so another runtime can start.
    const freshHome = temporaryHome();
    const freshState = new StateStore(freshHome.path);
    try {
      expect(isUserError(await caught(runtime({ images, state: freshState }).up({ rate: 2, intervalSeconds: 60 })))).toBe(true);
      expect(freshState.read()).toBeUndefined();
    } finally {
      freshHome.remove();
    }
    expect(describeError(error)).not.toMatch(/\n\s+at /);
  });

  it('doctor reports the engine, memory, disk and a taken port with the variable to move it', async () => {
    const taken = state.read()!.ports.trino!;
    const elsewhere = temporaryHome();
    const checks = await doctor({ docker, state: new StateStore(elsewhere.path), composeFile: FIXTURE_COMPOSE_FILE, env: { SLOWDATA_TRINO_HOST_PORT: String(taken) } });
    elsewhere.remove();
    const byName = new Map(checks.map((check) => [check.name, check]));
    expect(byName.get('engine')?.ok).toBe(true);
    expect(byName.get('memory')?.ok).toBe(true);
    expect(byName.get('disk')).toBeDefined();
    const port = byName.get(`port ${taken}`)!;
    expect(port.ok).toBe(false);
    expect(port.message).toContain(`Port ${taken}`);
    expect(port.tryThis).toContain('SLOWDATA_TRINO_HOST_PORT');
  });

  it('down leaves no container, network or volume, and no state', async () => {
    await runtime().down();
    expect(await leftovers()).toEqual({ containers: 0, networks: 0, volumes: 0 });
    expect(state.read()).toBeUndefined();
    const status = await runtime().status();
    expect(status.exists).toBe(false);
    expect(status.services.every((s) => s.state === 'absent')).toBe(true);
  });
});
