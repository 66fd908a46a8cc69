import { createHash } from 'node:crypto';
import type { EnvironmentState } from '../state.js';
import { KAFKA_SQL_ENGINES, SERVICE_NAMES, type EnvironmentChoices, type KafkaSqlEngine, type ServiceName } from '../types.js';
import { activeServices, type ComposeProject } from './compose-file.js';
import type { Variables } from './compose-syntax.js';
import { portVariables } from './host-ports.js';

export { OPTIONAL_PROFILES, type KafkaSqlEngine, type OptionalProfile } from '../types.js';

export type PlanChoices = EnvironmentChoices;

/**
 * The one place that maps the tour's `trino` (the server answering SQL on Kafka) to compose
 * services: each engine's service, and the profile that brings it when it is not in the core.
 */
const KAFKA_SQL_SERVICE: Readonly<Record<KafkaSqlEngine, { service: string; profile?: string }>> = {
  trino: { service: 'trino' },
  streambased: { service: 'streambased', profile: 'streambased' },
};
const KAFKA_SQL_TOUR_NAME: ServiceName = 'trino';

/** The compose service behind one of the tour's service names: `trino` is Streambased's server with that engine. */
export function composeServiceFor(name: ServiceName, engine: KafkaSqlEngine): string {
  return name === KAFKA_SQL_TOUR_NAME ? KAFKA_SQL_SERVICE[engine].service : name;
}

/** The tour's name for a compose service, or undefined for a service the tour does not name (superset, akhq, ...). */
export function tourNameFor(service: string): ServiceName | undefined {
  if (KAFKA_SQL_ENGINES.some((engine) => KAFKA_SQL_SERVICE[engine].service === service)) return KAFKA_SQL_TOUR_NAME;
  return (SERVICE_NAMES as readonly string[]).includes(service) ? (service as ServiceName) : undefined;
}

/**
 * The engine whose server exists among these compose services: the configured one when its
 * service is there, else another engine's when only that one is (an environment brought up
 * with another --engine), else the configured one.
 */
export function engineAmong(services: ReadonlySet<string> | ReadonlyMap<string, unknown>, configured: KafkaSqlEngine): KafkaSqlEngine {
  if (services.has(KAFKA_SQL_SERVICE[configured].service)) return configured;
  return KAFKA_SQL_ENGINES.find((engine) => services.has(KAFKA_SQL_SERVICE[engine].service)) ?? configured;
}

/** The compose services to run: the core, the chosen profiles, and the chosen engine's server in place of the others. */
export function servicesToRun(project: ComposeProject, choices: PlanChoices): string[] {
  const own = KAFKA_SQL_SERVICE[choices.engine];
  const profiles = [...choices.profiles, ...(own.profile ? [own.profile] : [])];
  const otherEngines = KAFKA_SQL_ENGINES.filter((engine) => engine !== choices.engine).map((engine) => KAFKA_SQL_SERVICE[engine].service);
  return activeServices(project, profiles).filter((service) => !otherEngines.includes(service));
}

/** The values the compose file's ${...} variables take for this environment. */
export function composeVariables(state: Pick<EnvironmentState, 'dbPassword' | 'ports' | 'options'>, services: readonly string[], engine: KafkaSqlEngine): Variables {
  return {
    ...portVariables(state.ports),
    SLOWDATA_DB_PASSWORD: state.dbPassword,
    SLOWDATA_RATE: String(state.options.rate),
    SLOWDATA_INTERVAL: String(state.options.intervalSeconds),
    SLOWDATA_SCHEMA_REGISTRY_URL: services.includes('schema-registry') ? 'http://schema-registry:8081' : '',
    SLOWDATA_KAFKA_SQL_HOST: composeServiceFor(KAFKA_SQL_TOUR_NAME, engine),
    SLOWDATA_SUPERSET_SECRET_KEY: createHash('sha256').update(`superset:${state.dbPassword}`).digest('base64url'),
  };
}

/** Variables good enough to read the file's shape (names, ports, dependencies) before any state exists. */
export const SHAPE_ONLY_VARIABLES: Variables = { SLOWDATA_DB_PASSWORD: 'shape-only' };
