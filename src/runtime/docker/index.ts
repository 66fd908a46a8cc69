import Docker from 'dockerode';
import { DockerodeClient } from './container-client.js';

export { DockerRuntime, type DockerRuntimeOptions } from './docker-runtime.js';
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
