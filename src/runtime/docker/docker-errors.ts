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

/** A failed pull, said in words: no registry reachable, image not there, or the engine's own message. */
export function pullFailed(image: string, cause: unknown): UserError {
  const detail = engineMessageOf(cause);
  const registry = /^([^/]+[.:][^/]*)\//.exec(image)?.[1] ?? 'Docker Hub';
  let message: string;
  let tryThis: string;
  if (/connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|TLS handshake timeout|Client\.Timeout|server misbehaving|lookup /i.test(detail)) {
    message = `Could not download the image ${image}: the image registry (${registry}) could not be reached.`;
    tryThis = `check this machine's internet connection or proxy settings, then try again ("docker pull ${image}" shows the same from Docker itself); or run without Docker images: --runtime local`;
  } else if (/not found|manifest unknown|pull access denied|repository does not exist|unauthorized/i.test(detail)) {
    message = `Could not download the image ${image}: ${registry} does not have it, or needs a login for it.`;
    tryThis = `check the image name, or run "docker login" for ${registry} and try again`;
  } else {
    message = `Could not download the image ${image}.`;
    tryThis = `run "docker pull ${image}" to see Docker's own message`;
  }
  return new UserError(message, { tryThis, logTail: [`Docker said: ${detail}`], cause });
}
