import { createHash } from 'node:crypto';
import type { EnvironmentState } from '../state.js';
import type { KafkaSqlEngine, OptionalProfile, ServiceName } from '../types.js';
import { activeServices, type ComposeProject } from './compose-file.js';
import type { Variables } from './compose-syntax.js';
import { portVariables } from './host-ports.js';

export { OPTIONAL_PROFILES, type KafkaSqlEngine, type OptionalProfile } from '../types.js';

export interface PlanChoices {
  profiles: readonly OptionalProfile[];
  engine: KafkaSqlEngine;
}

/** The compose service behind one of the tour's service names: `trino` is Streambased's server with that engine. */
export function composeServiceFor(name: ServiceName, engine: KafkaSqlEngine): string {
  return name === 'trino' && engine === 'streambased' ? 'streambased' : name;
}

/** The compose services to run: the core, the chosen profiles, and for Streambased its server and schema registry in place of Trino. */
export function servicesToRun(project: ComposeProject, choices: PlanChoices): string[] {
  const profiles: string[] = [...choices.profiles];
  if (choices.engine === 'streambased') profiles.push('streambased', 'schema-registry');
  const services = activeServices(project, profiles);
  return choices.engine === 'streambased' ? services.filter((service) => service !== 'trino') : services;
}

/** The values the compose file's ${...} variables take for this environment. */
export function composeVariables(state: Pick<EnvironmentState, 'dbPassword' | 'ports' | 'options'>, services: readonly string[], engine: KafkaSqlEngine): Variables {
  return {
    ...portVariables(state.ports),
    SLOWDATA_DB_PASSWORD: state.dbPassword,
    SLOWDATA_RATE: String(state.options.rate),
    SLOWDATA_INTERVAL: String(state.options.intervalSeconds),
    SLOWDATA_SCHEMA_REGISTRY_URL: services.includes('schema-registry') ? 'http://schema-registry:8081' : '',
    SLOWDATA_KAFKA_SQL_HOST: composeServiceFor('trino', engine),
    SLOWDATA_SUPERSET_SECRET_KEY: createHash('sha256').update(`superset:${state.dbPassword}`).digest('base64url'),
  };
}

/** Variables good enough to read the file's shape (names, ports, dependencies) before any state exists. */
export const SHAPE_ONLY_VARIABLES: Variables = { SLOWDATA_DB_PASSWORD: 'shape-only' };
