import { waitFor, WaitTimeoutError } from '../../common/wait.js';
import type { ContainerClient } from './container-client.js';
import type { Healthcheck } from './compose-file.js';

/** Why a service did not become ready: in words, for the sentence the user reads. */
export class ServiceNotReadyError extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
  ) {
    super(`${service} did not become ready: ${reason}`);
    this.name = 'ServiceNotReadyError';
  }
}

type Outcome = { ready: true } | { ready: false; reason: string };

/**
 * Waits until the container runs and, when it has a healthcheck, until Docker calls it
 * healthy. Gives up at once when it exits, keeps restarting or is reported unhealthy, and at
 * the deadline otherwise; the error says which.
 */
export async function waitUntilReady(
  client: ContainerClient,
  service: string,
  containerId: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await waitFor<Outcome>(
      async () => {
        const details = await client.inspectContainer(containerId);
        if (!details) return { ready: false, reason: 'its container was removed' };
        if (details.status === 'exited' || details.status === 'dead') return { ready: false, reason: `it exited with code ${details.exitCode}` };
        if (details.restarting) return { ready: false, reason: `it exited with code ${details.exitCode} and is being restarted` };
        if (details.health === 'unhealthy') return { ready: false, reason: 'its healthcheck reports it unhealthy' };
        if (details.running && (details.health === undefined || details.health === 'healthy')) return { ready: true };
        return undefined;
      },
      { what: `${service} to become healthy`, timeoutMs: options.timeoutMs, intervalMs: 250, signal: options.signal },
    );
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new ServiceNotReadyError(service, `it was not healthy after ${Math.round(error.waitedMs / 1000)} s`);
    }
    throw error;
  }
  if (!outcome.ready) throw new ServiceNotReadyError(service, outcome.reason);
}

/**
 * How long to wait by default: as long as Docker itself could take to call the service
 * unhealthy (start period plus every retry), and a margin; a minute without a healthcheck.
 */
export function defaultReadyTimeoutMs(healthcheck: Healthcheck | undefined): number {
  if (!healthcheck) return 60_000;
  const ns = (healthcheck.startPeriodNs ?? 0) + (healthcheck.retries ?? 3) * ((healthcheck.intervalNs ?? 30e9) + (healthcheck.timeoutNs ?? 30e9));
  return Math.round(ns / 1e6) + 30_000;
}
