import { createHash } from 'node:crypto';
import type { ContainerCreateOptions } from 'dockerode';
import type { ComposeProject, ComposeService } from './compose-file.js';
import { containerName, LABEL, networkName, volumeName } from './compose-labels.js';

/**
 * What the Docker API is asked to create for one service: the same container
 * `docker compose up` would make (name, labels, network alias, mounts, ports, healthcheck).
 */
export function containerSpec(project: ComposeProject, service: ComposeService, image: string): ContainerCreateOptions {
  const network = networkName(project.name);
  const name = containerName(project.name, service.name);
  const exposed = Object.fromEntries(service.ports.map((port) => [`${port.containerPort}/tcp`, {}]));
  const bindings = Object.fromEntries(
    service.ports.map((port) => [`${port.containerPort}/tcp`, [{ HostIp: port.hostIp, HostPort: String(port.hostPort) }]]),
  );
  const health = service.healthcheck;
  return {
    name,
    Image: image,
    Cmd: service.command,
    Entrypoint: service.entrypoint,
    User: service.user,
    Env: Object.entries(service.environment).map(([key, value]) => `${key}=${value}`),
    Labels: {
      [LABEL.project]: project.name,
      [LABEL.service]: service.name,
      [LABEL.oneoff]: 'False',
      [LABEL.containerNumber]: '1',
      [LABEL.configFiles]: project.file,
      [LABEL.workingDir]: project.directory,
      [LABEL.configHash]: configHash(service, image),
      [LABEL.dependsOn]: service.dependsOn.map((d) => `${d.service}:${d.condition}:false`).join(','),
    },
    ExposedPorts: exposed,
    Healthcheck: health && {
      Test: health.test,
      Interval: health.intervalNs,
      Timeout: health.timeoutNs,
      Retries: health.retries,
      StartPeriod: health.startPeriodNs,
    },
    HostConfig: {
      NetworkMode: network,
      PortBindings: bindings,
      Mounts: service.mounts.map((mount) =>
        mount.kind === 'bind'
          ? { Type: 'bind' as const, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly }
          : { Type: 'volume' as const, Source: volumeName(project.name, mount.name), Target: mount.target, ReadOnly: mount.readOnly },
      ),
      Memory: service.memoryBytes,
      RestartPolicy:
        service.restart === undefined || service.restart.name === 'no'
          ? { Name: '' }
          : { Name: service.restart.name, ...(service.restart.name === 'on-failure' ? { MaximumRetryCount: service.restart.maximumRetries } : {}) },
    },
    NetworkingConfig: {
      EndpointsConfig: { [network]: { Aliases: [service.name, name] } },
    },
  };
}

/** Changes when anything that shapes the container changes; a container with another hash is re-created. */
export function configHash(service: ComposeService, image: string): string {
  return createHash('sha256').update(JSON.stringify({ ...service, image })).digest('hex');
}
