/**
 * The names of the environment's parts, without zod: `--help` lists them, and it answers without
 * loading a schema library (types.ts builds the schemas from these).
 */

/** The services of the environment, in the order they are started. */
export const SERVICE_NAMES = ['db', 'kafka', 'connect', 'trino', 'generator', 'pipeline'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const RUNTIME_NAMES = ['local', 'docker'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

/** Optional services beside the core, Docker runtime only (the seed demo had them). */
export const OPTIONAL_PROFILES = ['superset', 'akhq', 'schema-registry'] as const;
export type OptionalProfile = (typeof OPTIONAL_PROFILES)[number];

export const KAFKA_SQL_ENGINES = ['trino', 'streambased'] as const;
export type KafkaSqlEngine = (typeof KAFKA_SQL_ENGINES)[number];
