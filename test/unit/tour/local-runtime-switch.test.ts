import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/common/errors.js';
import { openTourSession } from '../../../src/tour/tour-session.js';
import { FakeRuntime, fakeEngines } from './fake-runtime.js';

async function sessionOn(docker: FakeRuntime, local?: FakeRuntime) {
  return openTourSession({ rate: 2, intervalSeconds: 60, keep: false }, { runtime: docker, engines: fakeEngines(docker), ...(local ? { localRuntime: async () => local } : {}) });
}

describe('going on with the local runtime', () => {
  it('switches when nothing of the failed runtime is left', async () => {
    const docker = new FakeRuntime();
    const local = new FakeRuntime();
    const session = await sessionOn(docker, local);
    expect(await session.useLocalRuntime()).toBeUndefined();
    expect(session.context.runtime).toBe(local);
    expect(session.context.runtimeReason).toMatch(/Docker images could not be downloaded/);
  });

  it('does not switch beside an environment that already exists, and says how to get out', async () => {
    const docker = new FakeRuntime();
    docker.exists = true;
    const session = await sessionOn(docker, new FakeRuntime());
    expect(await session.useLocalRuntime()).toMatch(/an environment exists on the local runtime; remove it with slowdata-tour down/);
    expect(session.context.runtime).toBe(docker);
  });

  it('does not switch when the local runtime refuses what was asked (--with, --engine), nor without one', async () => {
    const refusing = new (class extends FakeRuntime {
      override refuses(): UserError {
        return new UserError('--with belongs to the Docker runtime.');
      }
    })();
    const session = await sessionOn(new FakeRuntime(), refusing);
    expect(await session.useLocalRuntime()).toBe('--with belongs to the Docker runtime.');
    expect(await (await sessionOn(new FakeRuntime())).useLocalRuntime()).toMatch(/run slowdata-tour --runtime local/);
  });
});
