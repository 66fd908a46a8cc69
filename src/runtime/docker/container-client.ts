import Docker from 'dockerode';
import type { ContainerCreateOptions } from 'dockerode';

export type HealthState = 'starting' | 'healthy' | 'unhealthy';

export interface ContainerSummary {
  id: string;
  name: string;
  service: string;
  /** Docker's state word: created, running, restarting, exited, paused, dead. */
  state: string;
}

export interface ContainerDetails {
  id: string;
  name: string;
  running: boolean;
  restarting: boolean;
  /** Docker's state word: created, running, restarting, exited, paused, dead. */
  status: string;
  exitCode: number;
  /** Undefined when the container has no healthcheck. */
  health?: HealthState;
  labels: Record<string, string>;
  /** How often Docker has restarted it under its restart policy. */
  restartCount: number;
  /** Docker's restart policy: '' or 'no' never restarts; maximumRetries 0 means no limit. */
  restartPolicy: { name: string; maximumRetries: number };
}

export interface PullProgress {
  currentBytes: number;
  totalBytes: number;
}

export interface EngineInfo {
  serverVersion: string;
  memoryBytes: number;
  dockerRootDir: string;
}

/** What the runtime needs from a Docker engine, and nothing more. Everything else talks to this. */
export interface ContainerClient {
  ping(timeoutMs: number): Promise<void>;
  info(): Promise<EngineInfo>;
  hasImage(ref: string): Promise<boolean>;
  /** Asks the engine to look the image up in its registry (the manifest only, no pull); rejects with the engine's reason. */
  lookUpInRegistry(ref: string, timeoutMs: number): Promise<void>;
  pullImage(ref: string, onProgress: (progress: PullProgress) => void): Promise<void>;
  ensureNetwork(name: string, labels: Record<string, string>): Promise<void>;
  ensureVolume(name: string, labels: Record<string, string>): Promise<void>;
  listContainers(filters: Record<string, string[]>): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerDetails | undefined>;
  createContainer(spec: ContainerCreateOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  logTail(id: string, lines: number): Promise<string[]>;
  listNetworks(filters: Record<string, string[]>): Promise<string[]>;
  removeNetwork(name: string): Promise<void>;
  listVolumes(filters: Record<string, string[]>): Promise<string[]>;
  removeVolume(name: string): Promise<void>;
}

/** The HTTP status the engine answered with, when a dockerode call failed with one. */
export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** The engine's own words for a failed call (dockerode puts them in `json.message`). */
export function engineMessageOf(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | null)?.json;
  if (json && typeof json.message === 'string') return json.message;
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function ignoring<T>(codes: number[], action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (codes.includes(statusCodeOf(error) ?? -1)) return undefined;
    throw error;
  }
}

export class DockerodeClient implements ContainerClient {
  constructor(private readonly docker: Docker = new Docker()) {}

  async ping(timeoutMs: number): Promise<void> {
    await withTimeout(this.docker.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
  }

  async info(): Promise<EngineInfo> {
    const info = (await this.docker.info()) as { ServerVersion?: string; MemTotal?: number; DockerRootDir?: string };
    return { serverVersion: info.ServerVersion ?? 'unknown', memoryBytes: info.MemTotal ?? 0, dockerRootDir: info.DockerRootDir ?? '' };
  }

  async hasImage(ref: string): Promise<boolean> {
    return (await ignoring([404], () => this.docker.getImage(ref).inspect())) !== undefined;
  }

  async lookUpInRegistry(ref: string, timeoutMs: number): Promise<void> {
    await withTimeout(this.docker.getImage(ref).distribution(), timeoutMs, `the registry did not answer about ${ref} within ${timeoutMs} ms`);
  }

  async pullImage(ref: string, onProgress: (progress: PullProgress) => void): Promise<void> {
    const stream = await this.docker.pull(ref);
    const layers = new Map<string, PullProgress>();
    await new Promise<void>((resolvePull, rejectPull) => {
      this.docker.modem.followProgress(
        stream,
        (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
          const failed = output.find((event) => event.error !== undefined || event.errorDetail !== undefined);
          if (error) rejectPull(error);
          else if (failed) rejectPull(new Error(failed.errorDetail?.message ?? failed.error));
          else resolvePull();
        },
        (event: { id?: string; progressDetail?: { current?: number; total?: number } }) => {
          const detail = event.progressDetail;
          if (event.id === undefined || detail?.total === undefined) return;
          layers.set(event.id, { currentBytes: detail.current ?? 0, totalBytes: detail.total });
          let currentBytes = 0;
          let totalBytes = 0;
          for (const layer of layers.values()) {
            currentBytes += layer.currentBytes;
            totalBytes += layer.totalBytes;
          }
          onProgress({ currentBytes, totalBytes });
        },
      );
    });
  }

  async ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    const existing = await this.listNetworks({ name: [name] });
    if (existing.includes(name)) return;
    await ignoring([409], () => this.docker.createNetwork({ Name: name, Driver: 'bridge', Labels: labels, CheckDuplicate: true }));
  }

  async ensureVolume(name: string, labels: Record<string, string>): Promise<void> {
    if (await ignoring([404], () => this.docker.getVolume(name).inspect())) return;
    await this.docker.createVolume({ Name: name, Labels: labels });
  }

  async listContainers(filters: Record<string, string[]>): Promise<ContainerSummary[]> {
    const containers = await this.docker.listContainers({ all: true, filters });
    return containers.map((container) => ({
      id: container.Id,
      name: (container.Names[0] ?? '').replace(/^\//, ''),
      service: container.Labels['com.docker.compose.service'] ?? '',
      state: container.State,
    }));
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    const info = await ignoring([404], () => this.docker.getContainer(id).inspect());
    if (!info) return undefined;
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      running: info.State.Running,
      restarting: info.State.Restarting,
      status: info.State.Status,
      exitCode: info.State.ExitCode,
      health: info.State.Health?.Status as HealthState | undefined,
      labels: info.Config.Labels ?? {},
      restartCount: info.RestartCount ?? 0,
      restartPolicy: { name: info.HostConfig.RestartPolicy?.Name ?? '', maximumRetries: info.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0 },
    };
  }

  async createContainer(spec: ContainerCreateOptions): Promise<string> {
    return (await this.docker.createContainer(spec)).id;
  }

  async startContainer(id: string): Promise<void> {
    await ignoring([304], () => this.docker.getContainer(id).start());
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    await ignoring([304, 404], () => this.docker.getContainer(id).stop({ t: timeoutSeconds }));
  }

  async removeContainer(id: string): Promise<void> {
    await ignoring([404], () => this.docker.getContainer(id).remove({ force: true, v: true }));
  }

  async logTail(id: string, lines: number): Promise<string[]> {
    const output = await ignoring([404], () => this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false }));
    if (output === undefined) return [];
    const text = demultiplex(Buffer.isBuffer(output) ? output : Buffer.from(String(output)));
    return text.split(/\r?\n/).filter((line) => line.length > 0).slice(-lines);
  }

  async listNetworks(filters: Record<string, string[]>): Promise<string[]> {
    const networks = await this.docker.listNetworks({ filters });
    return networks.map((network) => network.Name);
  }

  async removeNetwork(name: string): Promise<void> {
    await ignoring([404], () => this.docker.getNetwork(name).remove());
  }

  async listVolumes(filters: Record<string, string[]>): Promise<string[]> {
    const result = await this.docker.listVolumes({ filters });
    return (result.Volumes ?? []).map((volume) => volume.Name);
  }

  async removeVolume(name: string): Promise<void> {
    await ignoring([404], () => this.docker.getVolume(name).remove());
  }
}

/**
 * A container without a TTY sends its log as frames: one byte for the stream, three zero
 * bytes, a big-endian length, then the payload. Anything not framed that way is plain text.
 */
export function demultiplex(buffer: Buffer): string {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const kind = buffer[offset];
    const framed = (kind === 0 || kind === 1 || kind === 2) && buffer[offset + 1] === 0 && buffer[offset + 2] === 0 && buffer[offset + 3] === 0;
    const size = buffer.readUInt32BE(offset + 4);
    if (!framed || offset + 8 + size > buffer.length) return buffer.toString('utf8');
    chunks.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  if (offset !== buffer.length) return buffer.toString('utf8');
  return Buffer.concat(chunks).toString('utf8');
}
