import Docker from 'dockerode';
import type { Readiness } from '../types.js';
import { DEFAULT_COMPOSE_FILE, loadComposeFile } from './compose-file.js';
import { DockerodeClient } from './container-client.js';
import { engineUnreachable } from './docker-errors.js';
import { servicesToRun, SHAPE_ONLY_VARIABLES, type PlanChoices } from './environment-plan.js';
import { checkImages, unavailableImagesSentence } from './image-availability.js';
import { UserError } from '../../common/errors.js';

export { DockerRuntime, type DockerRuntimeOptions } from './docker-runtime.js';
export { ImageUnavailableError } from './docker-errors.js';
export { doctor, type DoctorOptions } from './doctor.js';
export { OPTIONAL_PROFILES, type KafkaSqlEngine, type OptionalProfile } from './environment-plan.js';

/** True when a Docker engine (DOCKER_HOST, or the default socket) answers within a moment. */
export async function dockerEngineAnswers(docker: Docker = new Docker(), timeoutMs = 1_500): Promise<boolean> {
  try {
    await new DockerodeClient(docker).ping(timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export interface DockerReadinessOptions {
  docker?: Docker;
  choices?: PlanChoices;
  /** Tests only: replaces image references, as DockerRuntimeOptions.images does. */
  images?: Record<string, string>;
  composeFile?: string;
  pingTimeoutMs?: number;
}

/** The images the environment would run with these choices. */
export function plannedImages(choices: PlanChoices, composeFile = DEFAULT_COMPOSE_FILE, images: Record<string, string> = {}): string[] {
  const project = loadComposeFile(composeFile, SHAPE_ONLY_VARIABLES);
  const names = servicesToRun(project, choices).map((service) => project.services.get(service)!.image);
  return [...new Set(names.map((image) => images[image] ?? image))];
}

/**
 * Can the Docker runtime run here? An engine must answer, and have every pinned image or be
 * able to fetch it (asked of the engine's registry lookup: a fast no, nothing is pulled).
 */
export async function dockerReadiness(options: DockerReadinessOptions = {}): Promise<Readiness> {
  const client = new DockerodeClient(options.docker ?? new Docker());
  try {
    await client.ping(options.pingTimeoutMs ?? 1_500);
  } catch (error) {
    return { ok: false, problem: engineUnreachable(error) };
  }
  const images = plannedImages(options.choices ?? { profiles: [], engine: 'trino' }, options.composeFile, options.images);
  const availability = await checkImages(client, images);
  const sentence = unavailableImagesSentence(availability);
  if (sentence) {
    return {
      ok: false,
      problem: new UserError(sentence, {
        tryThis: 'let Docker reach its registry (internet, proxy, "docker login"), or load the images another way ("docker load"); or use --runtime local',
      }),
    };
  }
  const toFetch = availability.filter((a) => a.state === 'fetchable').length;
  return { ok: true, summary: toFetch === 0 ? 'a Docker engine answers and has every image' : `a Docker engine answers and can fetch the ${toFetch} images it lacks` };
}
