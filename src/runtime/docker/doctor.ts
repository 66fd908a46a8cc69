import { existsSync, statfsSync } from 'node:fs';
import Docker from 'dockerode';
import { isPortFree } from '../../common/ports.js';
import { StateStore } from '../state.js';
import type { DoctorCheck } from '../types.js';
import { DEFAULT_COMPOSE_FILE, loadComposeFile } from './compose-file.js';
import { DockerodeClient, type ContainerClient, type EngineInfo } from './container-client.js';
import { engineAddress, unreachableRegistry } from './docker-errors.js';
import { checkImages, type ImageAvailability } from './image-availability.js';
import { servicesToRun, SHAPE_ONLY_VARIABLES, type KafkaSqlEngine, type OptionalProfile } from './environment-plan.js';
import { PUBLISHED_PORTS, requestedPort } from './host-ports.js';

export interface DoctorOptions {
  docker?: Docker;
  state?: StateStore;
  profiles?: readonly OptionalProfile[];
  engine?: KafkaSqlEngine;
  composeFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Tests only: replaces image references, as DockerRuntimeOptions.images does. */
  images?: Record<string, string>;
}

/** Rough download-and-unpack sizes, only to say whether the disk can hold the images. */
const APPROXIMATE_IMAGE_BYTES: Record<string, number> = {
  'mysql:8.4': 0.8e9,
  'apache/kafka:4.3.1': 0.5e9,
  'trinodb/trino:476': 2.2e9,
  'node:20-alpine': 0.2e9,
  'confluentinc/cp-schema-registry:8.0.0': 1.6e9,
  'tchiotludo/akhq:0.25.1': 0.5e9,
  'apache/superset:4.1.2': 1.6e9,
  'streambased/streambased-enterprise:latest': 1.5e9,
};
const UNKNOWN_IMAGE_BYTES = 1e9;

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

/** Can this machine run the environment on Docker? One check per concern, each with what to do. */
export async function doctor(options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const client: ContainerClient = new DockerodeClient(options.docker ?? new Docker());
  const env = options.env ?? process.env;
  const state = (options.state ?? new StateStore()).read();
  const project = loadComposeFile(options.composeFile ?? DEFAULT_COMPOSE_FILE, SHAPE_ONLY_VARIABLES);
  const services = servicesToRun(project, { profiles: options.profiles ?? [], engine: options.engine ?? 'trino' });
  const checks: DoctorCheck[] = [];

  let info: EngineInfo | undefined;
  try {
    await client.ping(3_000);
    info = await client.info();
    checks.push({ name: 'engine', ok: true, message: `Docker engine ${info.serverVersion} answers at ${engineAddress(env)}.` });
  } catch {
    checks.push({
      name: 'engine',
      ok: false,
      message: `No Docker engine answers at ${engineAddress(env)}.`,
      tryThis: 'start Docker Desktop, Colima or dockerd (or point DOCKER_HOST at a running engine), or use --runtime local',
    });
  }

  if (info) {
    const need = services.reduce((total, service) => total + (project.services.get(service)!.memoryBytes ?? 256 * 1024 ** 2), 0);
    checks.push(
      info.memoryBytes >= need
        ? { name: 'memory', ok: true, message: `The engine has ${gib(info.memoryBytes)} of memory; the environment needs about ${gib(need)}.` }
        : {
            name: 'memory',
            ok: false,
            message: `The engine has ${gib(info.memoryBytes)} of memory, but the environment needs about ${gib(need)}.`,
            tryThis: 'give Docker more memory (Docker Desktop: Settings > Resources > Memory; Colima: colima start --memory 4), or leave out the --with services',
          },
    );
    const images = services.map((service) => project.services.get(service)!.image).map((image) => options.images?.[image] ?? image);
    // The same check the runtime choice makes: on the engine, or known to its registry (nothing is pulled).
    const availability = await checkImages(client, images);
    checks.push(imagesCheck(availability));
    checks.push(diskCheck(info, availability));
  }

  // Only an environment of the Docker runtime has published these ports; a local one's are its own.
  const ours = state?.runtime === 'docker' ? state : undefined;
  for (const service of services) {
    const spec = PUBLISHED_PORTS[service];
    if (!spec) continue;
    const requested = requestedPort(service, env);
    const port = ours?.ports[service] ?? requested ?? spec.preferred;
    const name = `port ${port}`;
    if (ours?.ports[service] !== undefined) {
      checks.push({ name, ok: true, message: `Port ${port} is the environment's own ${spec.what}.` });
    } else if (await isPortFree(port)) {
      checks.push({ name, ok: true, message: `Port ${port} for ${spec.what} is free.` });
    } else if (requested !== undefined) {
      checks.push({ name, ok: false, message: `Port ${port} for ${spec.what} (set by ${spec.variable}) is taken by another program.`, tryThis: `stop that program, or set ${spec.variable} to a free port` });
    } else {
      checks.push({
        name,
        ok: true,
        message: `Port ${port} for ${spec.what} is taken by another program; "up" will use the next free port above it.`,
        tryThis: `to choose the port yourself, set ${spec.variable}, e.g. ${spec.variable}=${port + 1}`,
      });
    }
  }
  return checks;
}

function imagesCheck(availability: readonly ImageAvailability[]): DoctorCheck {
  const unavailable = availability.filter((a): a is Extract<ImageAvailability, { state: 'unavailable' }> => a.state === 'unavailable');
  const fetchable = availability.filter((a) => a.state === 'fetchable').length;
  if (unavailable.length === 0) {
    return {
      name: 'images',
      ok: true,
      message: fetchable === 0 ? 'Every image is on the engine.' : `${fetchable} of ${availability.length} images are not on the engine yet; its registry has them, "up" downloads them.`,
    };
  }
  const unreachable = unavailable.every((a) => unreachableRegistry(a.reason));
  return {
    name: 'images',
    ok: false,
    message: `The engine lacks ${unavailable.map((a) => a.image).join(', ')} and cannot fetch ${unavailable.length === 1 ? 'it' : 'them'}: ${unreachable ? 'its image registry cannot be reached' : unavailable[0]!.reason}.`,
    tryThis: unreachable
      ? 'let Docker reach its registry (internet connection, proxy settings in Docker), or load the images with "docker load"; or use --runtime local'
      : 'run "docker pull <image>" to see Docker\'s own words (a login may be needed: "docker login"); or use --runtime local',
  };
}

function diskCheck(info: EngineInfo, availability: readonly ImageAvailability[]): DoctorCheck {
  const missing = availability.filter((a) => a.state !== 'present').map((a) => a.image);
  if (missing.length === 0) return { name: 'disk', ok: true, message: 'Every image is already on the engine.' };
  const need = missing.reduce((total, image) => total + (APPROXIMATE_IMAGE_BYTES[image] ?? UNKNOWN_IMAGE_BYTES), 0);
  // The engine's disk is only visible when it is this machine's (not inside a Desktop or Colima VM).
  if (!info.dockerRootDir || !existsSync(info.dockerRootDir)) {
    return { name: 'disk', ok: true, message: `${missing.length} images to download, about ${gib(need)}; the engine's free disk cannot be seen from here.` };
  }
  const stats = statfsSync(info.dockerRootDir);
  const free = stats.bavail * stats.bsize;
  if (free >= need) return { name: 'disk', ok: true, message: `${missing.length} images to download, about ${gib(need)}; ${gib(free)} free.` };
  return {
    name: 'disk',
    ok: false,
    message: `${missing.length} images need about ${gib(need)} of disk, but only ${gib(free)} is free under ${info.dockerRootDir}.`,
    tryThis: 'free some disk space ("docker system prune" removes unused images and containers)',
  };
}
