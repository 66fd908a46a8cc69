import type { MeasureSpec } from './measure.js';

/** TLS for a connection: on when present; the CA file to trust, and whether to verify the server at all. */
export interface TlsSettings {
  /** A PEM file with the certificate authority to trust (otherwise the system's). */
  caFile?: string;
  /** Verify the server's certificate and name. @default true */
  verify?: boolean;
}

/** Where each engine answers: what the engines need to be asked, whichever runtime or platform serves them. */
export interface MysqlEndpoint {
  host: string;
  port: number;
  user: string;
  /** The password itself (the tour's own environment); empty when it comes from `passwordVariable`. */
  password: string;
  /** Your platform: the environment variable holding the password, read only when connecting, never stored or shown. */
  passwordVariable?: string;
  database: string;
  tls?: TlsSettings;
}

/** How to log in to the SQL-on-Kafka server beyond its URL; absent for the tour's own Trino. */
export interface TrinoSettings {
  user?: string;
  /** The environment variable holding the password (basic authentication), read only when connecting. */
  passwordVariable?: string;
  tls?: TlsSettings;
  /** @default 'kafka' */
  catalog?: string;
  /** @default 'default' */
  schema?: string;
  sessionProperties?: Record<string, string>;
}

export interface Endpoints {
  /** Kafka bootstrap address as seen from the host, e.g. 127.0.0.1:9092. */
  kafka: string;
  /** Trino's HTTP URL. */
  trino: string;
  mysql: MysqlEndpoint;
  /** Your platform: login, TLS, catalog and schema of the SQL-on-Kafka server. */
  trinoSettings?: TrinoSettings;
  /** Your platform: what to measure on each side; absent means the tour's own query. */
  measure?: { warehouse?: MeasureSpec; kafka?: MeasureSpec };
}

/** What the SQL-on-Kafka engine is given: a URL alone (the tour's Trino) or a URL with its settings. */
export type KafkaSqlServer = string | { url: string; settings?: TrinoSettings };

export function kafkaSqlServer(endpoints: Endpoints): KafkaSqlServer {
  return endpoints.trinoSettings ? { url: endpoints.trino, settings: endpoints.trinoSettings } : endpoints.trino;
}

export function kafkaSqlUrl(server: KafkaSqlServer): string {
  return typeof server === 'string' ? server : server.url;
}

/** The user the tour's queries run as, unless the platform file names another. */
export const DEFAULT_TRINO_USER = 'slowdata-tour';

/** Who asks the SQL-on-Kafka server, and where: the platform file's login, or the tour's own defaults. */
export interface TrinoLogin {
  url: string;
  user: string;
  catalog: string;
  schema: string;
  /** Read from the file's password variable now; absent when the file names none. */
  password?: string;
  sessionProperties?: Record<string, string>;
  tls?: TlsSettings;
}

export function trinoLogin(server: KafkaSqlServer): TrinoLogin {
  const settings = typeof server === 'string' ? undefined : server.settings;
  return {
    url: kafkaSqlUrl(server),
    user: settings?.user ?? DEFAULT_TRINO_USER,
    catalog: settings?.catalog ?? 'kafka',
    schema: settings?.schema ?? 'default',
    ...(settings?.passwordVariable ? { password: passwordFrom(settings.passwordVariable) } : {}),
    ...(settings?.sessionProperties ? { sessionProperties: settings.sessionProperties } : {}),
    ...(settings?.tls ? { tls: settings.tls } : {}),
  };
}

/** A password named by an environment variable, read at the moment it is needed. */
export function passwordFrom(variable: string | undefined, fallback = ''): string {
  if (!variable) return fallback;
  return process.env[variable] ?? '';
}
