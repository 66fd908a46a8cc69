/**
 * The small pieces of Compose syntax the runtime reads: variable interpolation, durations,
 * memory sizes, and the short forms of ports and volumes.
 */

export type Variables = Readonly<Record<string, string | undefined>>;

export class ComposeSyntaxError extends Error {}

const VARIABLE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compose interpolation: $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $$. */
export function interpolate(text: string, variables: Variables): string {
  return text.replace(VARIABLE, (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = variables[name];
    const emptyCounts = operator?.startsWith(':') ?? false;
    const missing = value === undefined || (emptyCounts && value === '');
    if (operator === undefined) return value ?? '';
    if (operator.endsWith('-')) return missing ? (argument ?? '') : value!;
    if (missing) throw new ComposeSyntaxError(`variable ${name} is required: ${argument || 'it is not set'}`);
    return value!;
  });
}

/** Interpolates every string inside a parsed YAML value (keys are left as they are). */
export function interpolateDeep(value: unknown, variables: Variables): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, variables)]));
  }
  return value;
}

const DURATION_UNITS_NS: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Compose duration such as "1m30s" or "500ms", in nanoseconds (the Docker API's unit). */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new ComposeSyntaxError(`"${text}" is not a duration (use e.g. 5s, 1m30s)`);
  }
  return Math.round(parts.reduce((total, [, amount, unit]) => total + Number(amount) * DURATION_UNITS_NS[unit!]!, 0));
}

const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A Compose memory size such as "512m" or "1g", in bytes. */
export function parseMemory(text: string | number): number {
  if (typeof text === 'number') return text;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!match) throw new ComposeSyntaxError(`"${text}" is not a memory size (use e.g. 512m, 1g)`);
  return Math.round(Number(match[1]) * MEMORY_UNITS[match[2]!.toLowerCase()]!);
}

export interface PortMapping {
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

/** The short port form HOST_IP:HOST_PORT:CONTAINER_PORT; the host address is required here. */
export function parsePortMapping(text: string): PortMapping {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+):(\d+)(?:\/tcp)?$/.exec(text);
  if (!match) {
    throw new ComposeSyntaxError(`port "${text}" must be written as HOST_IP:HOST_PORT:CONTAINER_PORT, e.g. 127.0.0.1:8080:8080`);
  }
  const [hostPort, containerPort] = [Number(match[2]), Number(match[3])];
  for (const port of [hostPort, containerPort]) {
    if (port < 1 || port > 65535) throw new ComposeSyntaxError(`port "${text}" is out of range`);
  }
  return { hostIp: match[1]!, hostPort, containerPort };
}

export type VolumeMount =
  | { kind: 'bind'; source: string; target: string; readOnly: boolean }
  | { kind: 'volume'; name: string; target: string; readOnly: boolean };

/** The short volume form SOURCE:TARGET[:ro|rw]: a path source (./, ../, /) binds, a name is a named volume. */
export function parseVolumeMount(text: string): VolumeMount {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new ComposeSyntaxError(`volume "${text}" must be SOURCE:TARGET or SOURCE:TARGET:ro`);
  const [source, target, mode = 'rw'] = parts as [string, string, string?];
  if (mode !== 'ro' && mode !== 'rw') throw new ComposeSyntaxError(`volume "${text}": only the modes ro and rw are supported`);
  if (!target.startsWith('/')) throw new ComposeSyntaxError(`volume "${text}": the target must be an absolute path`);
  const readOnly = mode === 'ro';
  if (source === '.' || source === '..' || /^(\.\.?\/|\/)/.test(source)) return { kind: 'bind', source, target, readOnly };
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) throw new ComposeSyntaxError(`volume "${text}": "${source}" is neither a path nor a volume name`);
  return { kind: 'volume', name: source, target, readOnly };
}
