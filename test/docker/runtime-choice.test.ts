// Choosing a runtime against a real engine (test/setup/docker-engine.sh starts one). The
// official images are not on this engine and no registry is reachable: exactly the machine
// on which the Docker runtime would strand a user. With every image mapped to the busybox
// stand-in, the engine has them all. The local runtime's check is replaced where a test needs
// a machine without its tools (a stand-in for a missing JDK; this machine has one).
import { writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError, UserError } from '../../src/common/errors.js';
import { DockerRuntime, doctor } from '../../src/runtime/docker/index.js';
import { chooseRuntime, createRuntime } from '../../src/runtime/index.js';
import { StateStore } from '../../src/runtime/state.js';
import type { Readiness } from '../../src/runtime/types.js';
import { FIXTURE_COMPOSE_FILE, requireTestEngine, temporaryHome, testImageMap } from './engine.js';
import { PREFERRED_PORTS } from '../../src/runtime/local/services.js';

const docker = new Docker();
const home = temporaryHome();
const store = new StateStore(home.path);
const localOk = async (): Promise<Readiness> => ({ ok: true, summary: 'tools found' });
const localMissing = async (): Promise<Readiness> => ({ ok: false, problem: new UserError('The local runtime needs Java 17 or newer, and none was found.', { tryThis: 'install a JDK' }) });
const noEngine = new Docker({ socketPath: '/nonexistent/docker.sock' });

beforeAll(async () => {
  await requireTestEngine(docker);
});

afterAll(() => home.remove());

describe('choosing a runtime that can run', () => {
  it('does not pick Docker when the engine answers but can neither find nor fetch the pinned images', async () => {
    const choice = await chooseRuntime(undefined, { store, docker, localReadiness: localOk });
    expect(choice.runtime.name).toBe('local');
    expect(choice.reason).toMatch(/^the services run as local processes: the Docker engine does not have mysql:8\.4, apache\/kafka:4\.3\.1, trinodb\/trino:476, node:20-alpine and cannot fetch them \(its image registry cannot be reached\)$/);
  });

  it('picks Docker when the engine has every image', async () => {
    const choice = await chooseRuntime(undefined, { store, docker, images: testImageMap(), localReadiness: localMissing });
    expect(choice.runtime.name).toBe('docker');
    expect(choice.reason).toBe('a Docker engine answers and has every image');
  });

  it('asks about the images of the chosen services only (Streambased brings its own and the schema registry)', async () => {
    const images = { ...testImageMap(), 'streambased/streambased-enterprise:latest': '127.0.0.1:5999/streambased:1' };
    const plain = await chooseRuntime(undefined, { store, docker, images, localReadiness: localMissing });
    expect(plain.runtime.name).toBe('docker');
    const withStreambased = await chooseRuntime(undefined, { store, docker, images, choices: { profiles: [], engine: 'streambased' }, localReadiness: localOk });
    expect(withStreambased.runtime.name).toBe('local');
    expect(withStreambased.reason).toContain('127.0.0.1:5999/streambased:1');
  });

  it('says what each runtime needs when neither can run', async () => {
    let error: unknown;
    try {
      await chooseRuntime(undefined, { store, docker: noEngine, localReadiness: localMissing });
    } catch (caught) {
      error = caught;
    }
    expect(isUserError(error)).toBe(true);
    const message = (error as UserError).message;
    expect(message).toMatch(/^Neither runtime can run on this machine\.\n {2}Docker: No Docker engine answers at .*\n {2}Local: The local runtime needs Java 17 or newer, and none was found\. \(install a JDK\)$/);
    expect((error as UserError).tryThis).toContain('slowdata-tour doctor');
  });

  it('keeps the runtime that owns an environment, and the one asked for, without checking', async () => {
    expect((await chooseRuntime('docker', { store, docker: noEngine, localReadiness: localMissing })).runtime.name).toBe('docker');
    store.write({ runtime: 'local', createdAt: 1, dbPassword: 'password-1', ports: { ...PREFERRED_PORTS }, options: { rate: 2, intervalSeconds: 60 }, services: {} });
    try {
      expect((await chooseRuntime(undefined, { store, docker: noEngine, localReadiness: localMissing })).runtime.name).toBe('local');
    } finally {
      store.clear();
    }
  });

  it('doctor runs the same image check: ✗ without the images, ✓ with them', async () => {
    const without = await doctor({ docker, state: store });
    const images = without.find((check) => check.name === 'images')!;
    expect(images.ok).toBe(false);
    expect(images.message).toBe('The engine lacks mysql:8.4, apache/kafka:4.3.1, trinodb/trino:476, node:20-alpine and cannot fetch them: its image registry cannot be reached.');
    expect(images.tryThis).toMatch(/--runtime local$/);
    const withImages = await doctor({ docker, state: store, images: testImageMap() });
    expect(withImages.find((check) => check.name === 'images')).toMatchObject({ ok: true, message: 'Every image is on the engine.' });
  });
});

describe('Docker-only choices are a capability of the runtime', () => {
  it('the local runtime refuses optional services and Streambased; the Docker runtime takes them', async () => {
    const local = await createRuntime({ name: 'local', store });
    expect(local.refuses({ profiles: [], engine: 'trino' })).toBeUndefined();
    expect(local.refuses({ profiles: ['superset'], engine: 'trino' })?.message).toMatch(/need the docker runtime/);
    expect(local.refuses({ profiles: [], engine: 'streambased' })).toBeInstanceOf(UserError);
    const dockerRuntime = await createRuntime({ name: 'docker', store, docker, choices: { profiles: ['superset'], engine: 'streambased' } });
    expect(dockerRuntime.refuses({ profiles: ['superset', 'akhq'], engine: 'streambased' })).toBeUndefined();
  });

  it('reads its compose file once per instance, however often status is asked', async () => {
    const folder = temporaryHome();
    const copy = join(folder.path, 'compose-copy.yml');
    copyFileSync(FIXTURE_COMPOSE_FILE, copy);
    const runtime = new DockerRuntime({ docker, state: store, composeFile: copy, images: testImageMap() });
    const first = await runtime.status();
    writeFileSync(copy, 'services: [this is not a compose file');
    const second = await runtime.status();
    expect(second.services).toEqual(first.services);
    // A new instance reads the file anew, and says it cannot be used.
    await expect(new DockerRuntime({ docker, state: store, composeFile: copy }).status()).rejects.toThrow(/cannot be used/);
    folder.remove();
  });
});
