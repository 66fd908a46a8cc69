import { waitFor, WaitTimeoutError } from '../../common/wait.js';
import type { ContainerClient, ContainerDetails } from './container-client.js';
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

/** A container without a healthcheck counts as ready once it has run this long without a restart. */
const SETTLE_MS = 1_000;

/**
 * True when Docker will start this stopped container again by itself: its restart policy
 * restarts on this exit, and a policy's maximum is not reached.
 */
export function willRestart(details: Pick<ContainerDetails, 'restartPolicy' | 'restartCount' | 'exitCode'>): boolean {
  const { name, maximumRetries } = details.restartPolicy;
  if (name === 'always' || name === 'unless-stopped') return true;
  if (name !== 'on-failure') return false;
  if (details.exitCode === 0) return false;
  return maximumRetries === 0 || details.restartCount < maximumRetries;
}

function exitWords(details: ContainerDetails): string {
  const restarts = details.restartCount === 1 ? '1 restart' : `${details.restartCount} restarts`;
  return details.restartCount > 0 ? `it exited with code ${details.exitCode} after ${restarts}` : `it exited with code ${details.exitCode}`;
}

/** What the container's state says, in words, when the deadline comes. */
function stateAtDeadline(details: ContainerDetails | undefined, waitedSeconds: number): string {
  if (details && (details.restarting || details.restartCount > 0)) {
    // While it runs, Docker's exit code is reset to 0: only a stopped container's code is its last exit.
    const code = details.running && !details.restarting ? '' : `last exit code ${details.exitCode}, `;
    return `it kept exiting (${code}${details.restartCount} restarts) and was not healthy after ${waitedSeconds} s`;
  }
  if (details?.health === 'unhealthy') return `its healthcheck still reported it unhealthy after ${waitedSeconds} s`;
  return `it was not healthy after ${waitedSeconds} s`;
}

/**
 * Waits until the container runs and, when it has a healthcheck, until Docker calls it
 * healthy. Restarts and an unhealthy spell are tolerated until the deadline (a restart policy
 * or a slow start can still bring it round); it gives up at once only when the container is
 * gone, or exited and Docker will not start it again (no restart policy, exit code 0 under
 * on-failure, or the policy's maximum reached).
 */
export async function waitUntilReady(
  client: ContainerClient,
  service: string,
  containerId: string,
  options: { timeoutMs: number; signal?: AbortSignal; settleMs?: number },
): Promise<void> {
  let outcome: Outcome;
  let last: ContainerDetails | undefined;
  // Without a healthcheck, "running" is only believed when two looks apart saw the same run.
  let seenRunning: { at: number; restartCount: number } | undefined;
  try {
    outcome = await waitFor<Outcome>(
      async () => {
        const details = await client.inspectContainer(containerId);
        last = details;
        if (!details) return { ready: false, reason: 'its container was removed' };
        if (details.status === 'dead') return { ready: false, reason: `its container is dead (exit code ${details.exitCode})` };
        const stopped = !details.running && !details.restarting && (details.status === 'exited' || details.status === 'created');
        // "created" right after a restart was asked for is a moment, not an end: only an exit counts.
        if (stopped && details.status === 'exited' && !willRestart(details)) {
          const policy = details.restartPolicy;
          const why =
            policy.name !== 'on-failure'
              ? 'it has no restart policy'
              : details.exitCode === 0
                ? 'on-failure does not restart a clean exit'
                : `Docker gave up restarting it (on-failure:${policy.maximumRetries})`;
          return { ready: false, reason: `${exitWords(details)}; ${why}` };
        }
        const running = details.running && !details.restarting;
        if (running && details.health === 'healthy') return { ready: true };
        if (running && details.health === undefined) {
          if (seenRunning?.restartCount !== details.restartCount) seenRunning = { at: Date.now(), restartCount: details.restartCount };
          if (Date.now() - seenRunning.at >= (options.settleMs ?? SETTLE_MS)) return { ready: true };
        } else {
          seenRunning = undefined;
        }
        return undefined;
      },
      { what: `${service} to become healthy`, timeoutMs: options.timeoutMs, intervalMs: 250, signal: options.signal },
    );
  } catch (error) {
    if (error instanceof WaitTimeoutError) throw new ServiceNotReadyError(service, stateAtDeadline(last, Math.round(options.timeoutMs / 1000)));
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
