import { UserError } from '../../common/errors.js';
import { engineMessageOf } from './container-client.js';

/** Where dockerode looks for the engine, in words. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'the default socket (/var/run/docker.sock or ~/.docker/run/docker.sock)';
}

export function engineUnreachable(cause?: unknown): UserError {
  return new UserError(`No Docker engine answers at ${engineAddress()}.`, {
    tryThis: 'start Docker Desktop, Colima or dockerd (or point DOCKER_HOST at a running engine), or run with --runtime local',
    cause,
  });
}

/** True when the engine's words say the registry could not be reached at all (DNS, refused, timeouts). */
export function unreachableRegistry(detail: string): boolean {
  return /connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|TLS handshake timeout|Client\.Timeout|server misbehaving|lookup |did not answer/i.test(detail);
}

/**
 * An image could not be downloaded. `localRuntimeCanRun` says whether the local runtime's
 * prerequisites are on this machine, so a front end can offer to go on with it.
 */
export class ImageUnavailableError extends UserError {
  constructor(
    readonly image: string,
    readonly localRuntimeCanRun: boolean,
    message: string,
    options: { tryThis: string; logTail: string[]; cause: unknown },
  ) {
    super(message, { ...options, alternative: localRuntimeCanRun ? 'local-runtime' : undefined });
    this.name = 'ImageUnavailableError';
  }
}

const LOCAL_CAN_RUN = 'the local runtime can run on this machine without images: slowdata-tour up --runtime local';
const LOCAL_ALTERNATIVE = 'or run without Docker images: --runtime local ("slowdata-tour doctor" says what it needs)';

/** A failed pull, said in words: no registry reachable, image not there, or the engine's own message. */
export function pullFailed(image: string, cause: unknown, localRuntimeCanRun = false): ImageUnavailableError {
  const detail = engineMessageOf(cause);
  const registry = /^([^/]+[.:][^/]*)\//.exec(image)?.[1] ?? 'Docker Hub';
  const local = localRuntimeCanRun ? `; or go on without Docker: ${LOCAL_CAN_RUN}` : `; ${LOCAL_ALTERNATIVE}`;
  let message: string;
  let tryThis: string;
  if (unreachableRegistry(detail)) {
    message = `Could not download the image ${image}: the image registry (${registry}) could not be reached.`;
    tryThis = `check this machine's internet connection or proxy settings, then try again ("docker pull ${image}" shows the same from Docker itself)${local}`;
  } else if (/not found|manifest unknown|pull access denied|repository does not exist|unauthorized/i.test(detail)) {
    message = `Could not download the image ${image}: ${registry} does not have it, or needs a login for it.`;
    tryThis = `check the image name, or run "docker login" for ${registry} and try again${local}`;
  } else {
    message = `Could not download the image ${image}.`;
    tryThis = `run "docker pull ${image}" to see Docker's own message${local}`;
  }
  return new ImageUnavailableError(image, localRuntimeCanRun, message, { tryThis, logTail: [`Docker said: ${detail}`], cause });
}
