import { UserError } from '../../common/errors.js';
import { isPortFree, pickPort } from '../../common/ports.js';

/** The services that publish a port on 127.0.0.1, the variable that moves it, and what it is for. */
export const PUBLISHED_PORTS: Readonly<Record<string, { variable: string; preferred: number; what: string }>> = {
  db: { variable: 'SLOWDATA_DB_HOST_PORT', preferred: 3306, what: 'the warehouse database (MySQL)' },
  kafka: { variable: 'SLOWDATA_KAFKA_HOST_PORT', preferred: 9092, what: 'Kafka' },
  trino: { variable: 'SLOWDATA_TRINO_HOST_PORT', preferred: 8080, what: 'Trino (SQL on Kafka)' },
  streambased: { variable: 'SLOWDATA_STREAMBASED_HOST_PORT', preferred: 8091, what: 'the Streambased server (SQL on Kafka)' },
  superset: { variable: 'SLOWDATA_SUPERSET_HOST_PORT', preferred: 8088, what: 'Superset' },
  akhq: { variable: 'SLOWDATA_AKHQ_HOST_PORT', preferred: 9090, what: 'AKHQ' },
};

/** The port a person asked for through the service's variable, if any. */
export function requestedPort(service: string, env: NodeJS.ProcessEnv): number | undefined {
  const spec = PUBLISHED_PORTS[service];
  const text = spec ? env[spec.variable] : undefined;
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`${spec!.variable}=${text} is not a port number.`, { tryThis: `set ${spec!.variable} to a number between 1024 and 65535, or unset it` });
  }
  return port;
}

export function portTakenError(service: string, port: number): UserError {
  const spec = PUBLISHED_PORTS[service]!;
  return new UserError(`Port ${port} on 127.0.0.1, for ${spec.what}, is taken by another program.`, {
    tryThis: `stop that program, or set ${spec.variable} to a free port (e.g. ${spec.variable}=${port + 1})`,
  });
}

/**
 * Host ports for the services that publish one: kept from an earlier `up`, else the port
 * asked for (which must be free), else the usual port or the next free one above it.
 */
export async function chooseHostPorts(
  services: readonly string[],
  known: Readonly<Record<string, number>>,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, number>> {
  const chosen: Record<string, number> = {};
  const taken = new Set<number>(Object.values(known));
  for (const service of services) {
    const spec = PUBLISHED_PORTS[service];
    if (!spec) continue;
    const kept = known[service];
    if (kept !== undefined) {
      chosen[service] = kept;
      continue;
    }
    const requested = requestedPort(service, env);
    if (requested !== undefined) {
      if (taken.has(requested) || !(await isPortFree(requested))) throw portTakenError(service, requested);
      chosen[service] = requested;
    } else {
      chosen[service] = await pickPort(spec.preferred, taken);
    }
    taken.add(chosen[service]!);
  }
  return chosen;
}

/** The compose file's variables for these ports. */
export function portVariables(ports: Readonly<Record<string, number>>): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [service, port] of Object.entries(ports)) {
    const spec = PUBLISHED_PORTS[service];
    if (spec) variables[spec.variable] = String(port);
  }
  return variables;
}
