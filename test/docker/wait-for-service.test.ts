// Waiting for a container against a real engine (test/setup/docker-engine.sh starts one) with
// the busybox stand-in image: restarts under a restart policy are waited out, a container that
// exited and will not be restarted ends the wait at once, a crash loop ends at the deadline.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeClient } from '../../src/runtime/docker/container-client.js';
import { ServiceNotReadyError, waitUntilReady, willRestart } from '../../src/runtime/docker/wait-for-service.js';
import { requireTestEngine, TEST_IMAGE } from './engine.js';

const docker = new Docker();
const client = new DockerodeClient(docker);
const LABEL = 'slowdata-test.wait';
const created: string[] = [];

async function startContainer(script: string, restart: { Name: string; MaximumRetryCount?: number }, healthcheck?: string[]): Promise<string> {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', script],
    Labels: { [LABEL]: 'yes' },
    Healthcheck: healthcheck && { Test: healthcheck, Interval: 3e8, Timeout: 2e9, Retries: 1 },
    HostConfig: { RestartPolicy: restart },
  });
  created.push(container.id);
  await container.start();
  return container.id;
}

async function failure(promise: Promise<unknown>): Promise<ServiceNotReadyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceNotReadyError) return error;
    throw error;
  }
  throw new Error('expected the wait to fail');
}

async function removeOurs(): Promise<void> {
  const ours = await docker.listContainers({ all: true, filters: { label: [LABEL] } });
  await Promise.all(ours.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}

beforeAll(async () => {
  await requireTestEngine(docker);
  await removeOurs();
});

afterAll(removeOurs);

// Runs once: the first start leaves a marker in the container's own filesystem (kept across restarts) and fails.
const FAILS_FIRST_TIME = "if [ -f /tmp/ran-before ]; then touch /tmp/healthy; trap 'exit 0' TERM; while :; do sleep 1; done; else touch /tmp/ran-before; echo 'first start: failing'; exit 3; fi";

describe('waiting for a container on a real engine', () => {
  it('waits out a restart under on-failure until the container is healthy', async () => {
    const id = await startContainer(FAILS_FIRST_TIME, { Name: 'on-failure' }, ['CMD', 'test', '-f', '/tmp/healthy']);
    await waitUntilReady(client, 'flaky', id, { timeoutMs: 30_000 });
    const details = await client.inspectContainer(id);
    expect(details?.restartCount).toBe(1);
    expect(details?.health).toBe('healthy');
  });

  it('gives up at once on a container that exited with no restart policy', async () => {
    const id = await startContainer("echo 'cannot start: no config'; exit 3", { Name: '' });
    const started = Date.now();
    const error = await failure(waitUntilReady(client, 'broken', id, { timeoutMs: 60_000 }));
    expect(error.reason).toBe('it exited with code 3; it has no restart policy');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await client.logTail(id, 5)).toEqual(['cannot start: no config']);
  });

  it('gives up once on-failure reached its maximum, before the deadline', async () => {
    const id = await startContainer("echo 'still failing'; exit 4", { Name: 'on-failure', MaximumRetryCount: 2 });
    const started = Date.now();
    const error = await failure(waitUntilReady(client, 'looping', id, { timeoutMs: 60_000 }));
    expect(error.reason).toBe('it exited with code 4 after 2 restarts; Docker gave up restarting it (on-failure:2)');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('gives up on a clean exit that on-failure does not restart', async () => {
    const id = await startContainer('exit 0', { Name: 'on-failure' });
    const error = await failure(waitUntilReady(client, 'finished', id, { timeoutMs: 30_000 }));
    expect(error.reason).toBe('it exited with code 0; on-failure does not restart a clean exit');
  });

  it('ends a crash loop without a maximum at the deadline, saying it kept exiting', async () => {
    const id = await startContainer('exit 5', { Name: 'on-failure' });
    const started = Date.now();
    const error = await failure(waitUntilReady(client, 'crashing', id, { timeoutMs: 3_000 }));
    expect(error.reason).toMatch(/^it kept exiting \((last exit code 5, )?\d+ restarts\) and was not healthy after 3 s$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it('knows which exits Docker restarts', () => {
    const policy = (name: string, maximumRetries = 0) => ({ name, maximumRetries });
    expect(willRestart({ restartPolicy: policy(''), restartCount: 0, exitCode: 1 })).toBe(false);
    expect(willRestart({ restartPolicy: policy('no'), restartCount: 0, exitCode: 1 })).toBe(false);
    expect(willRestart({ restartPolicy: policy('always'), restartCount: 9, exitCode: 0 })).toBe(true);
    expect(willRestart({ restartPolicy: policy('unless-stopped'), restartCount: 9, exitCode: 0 })).toBe(true);
    expect(willRestart({ restartPolicy: policy('on-failure'), restartCount: 9, exitCode: 1 })).toBe(true);
    expect(willRestart({ restartPolicy: policy('on-failure', 5), restartCount: 4, exitCode: 1 })).toBe(true);
    expect(willRestart({ restartPolicy: policy('on-failure', 5), restartCount: 5, exitCode: 1 })).toBe(false);
    expect(willRestart({ restartPolicy: policy('on-failure'), restartCount: 0, exitCode: 0 })).toBe(false);
  });
});
