// Step 1 of the tour on the real Docker runtime, against the engine test/setup/docker-engine.sh
// starts: mysql:8.4 is mapped to a registry on 127.0.0.1 that is not there, so its pull fails
// as it would on a machine without a reachable registry. The tour offers the local runtime
// (its check replaced: the real local runtime would need minutes to start), going on with it
// runs step 1 again there, and the Docker runtime has left nothing behind.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerRuntime } from '../../src/runtime/docker/index.js';
import { StateStore } from '../../src/runtime/state.js';
import { openTourSession } from '../../src/tour/tour-session.js';
import { FakeRuntime, fakeEngines } from '../unit/tour/fake-runtime.js';
import { FIXTURE_COMPOSE_FILE, FIXTURE_PROJECT, requireTestEngine, temporaryHome, testImageMap } from './engine.js';

const docker = new Docker();
const home = temporaryHome();
const bundles = temporaryHome();

beforeAll(async () => {
  await requireTestEngine(docker);
  // The containers never start here: stand-ins for the generator's and pipeline's bundles do.
  mkdirSync(bundles.path, { recursive: true });
  for (const bundle of ['generator.mjs', 'pipeline.mjs']) writeFileSync(join(bundles.path, bundle), '');
});

afterAll(() => {
  home.remove();
  bundles.remove();
});

async function projectLeftovers() {
  const filters = { label: [`com.docker.compose.project=${FIXTURE_PROJECT}`] };
  const [containers, networks, volumes] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters }), docker.listVolumes({ filters })]);
  return { containers: containers.length, networks: networks.length, volumes: (volumes.Volumes ?? []).length };
}

describe('a failed pull at step 1, on a real engine', () => {
  it('offers the local runtime, leaves no Docker state, and runs step 1 again on the local runtime', async () => {
    const store = new StateStore(home.path);
    const dockerRuntime = new DockerRuntime({
      docker,
      state: store,
      images: { ...testImageMap(), 'mysql:8.4': '127.0.0.1:5999/nope:1' },
      composeFile: FIXTURE_COMPOSE_FILE,
      bundlesDir: bundles.path,
      localReadiness: async () => ({ ok: true, summary: 'tools found' }),
      env: {},
    });
    const local = new FakeRuntime();
    const session = await openTourSession({ step: 1, rate: 2, intervalSeconds: 60, keep: false }, { runtime: dockerRuntime, engines: fakeEngines(local), localRuntime: async () => local });
    const step = session.selected[0]!;

    const failed = await session.runner.run(step, () => {});
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.failure.message).toBe('Could not download the image 127.0.0.1:5999/nope:1: the image registry (127.0.0.1:5999) could not be reached.');
    expect(failed.failure.alternative).toBe('local-runtime');
    // Nothing of Docker's is left for the local runtime to trip on: no state, no staged files, no containers.
    expect(store.read()).toBeUndefined();
    // (clear() removes the state home itself once nothing of the person's is in it.)
    expect(existsSync(home.path) ? readdirSync(home.path) : []).toEqual([]);
    expect(await projectLeftovers()).toEqual({ containers: 0, networks: 0, volumes: 0 });

    // What the l key does: switch, then run step 1 again.
    expect(await session.useLocalRuntime()).toBeUndefined();
    const again = await session.runner.run(step, () => {});
    expect(again.ok && again.outcome.kind).toBe('environment');
    expect(local.exists).toBe(true);
    expect(session.context.runtime).toBe(local);
  });
});
