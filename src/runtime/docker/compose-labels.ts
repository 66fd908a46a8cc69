/** Docker Compose's own labels, so `docker compose -p slowdata ps/logs/down` by hand sees what the tour created. */
export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  oneoff: 'com.docker.compose.oneoff',
  containerNumber: 'com.docker.compose.container-number',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  configHash: 'com.docker.compose.config-hash',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
} as const;

export function containerName(project: string, service: string): string {
  return `${project}-${service}-1`;
}

export function networkName(project: string): string {
  return `${project}_default`;
}

export function volumeName(project: string, volume: string): string {
  return `${project}_${volume}`;
}

/** A label filter for the Docker API's list calls: everything of the project, or one service of it. */
export function projectFilter(project: string, service?: string): { label: string[] } {
  const labels = [`${LABEL.project}=${project}`];
  if (service !== undefined) labels.push(`${LABEL.service}=${service}`);
  return { label: labels };
}
