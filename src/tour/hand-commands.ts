import type { Endpoints } from '../engines/endpoints.js';
import type { RuntimeName } from '../runtime/types.js';

/** A command a person can type to do what a step does, by hand. */
export interface HandCommand {
  /** What it does, in a few words. */
  what: string;
  command: string;
  /** The command reads the warehouse password from PASSWORD_VARIABLE. */
  passwordFrom?: string;
}

/** What the commands are written for: the run's settings and, once known, where the engines answer. */
export interface HandSettings {
  runtime: RuntimeName;
  rate: number;
  intervalSeconds: number;
  endpoints?: Endpoints;
}

/** The name of the variable a client's password comes from; its value is what `slowdata-tour status` shows. */
export const PASSWORD_VARIABLE = 'SLOWDATA_DB_PASSWORD';

/** The settings for a step's commands by hand, from the run's context and, once the step has run, its outcome's endpoints. */
export function handSettingsOf(context: { runtime: { name: RuntimeName }; rate: number; intervalSeconds: number }, endpoints: Endpoints | undefined): HandSettings {
  return { runtime: context.runtime.name, rate: context.rate, intervalSeconds: context.intervalSeconds, endpoints };
}

function quoteForShell(text: string): string {
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

const PLATFORM_FLAG = '--platform <your platform file>';

/** The tour's own subcommand, with the flags this run was started with where they matter. */
export function tourCommand(words: string, settings?: Pick<HandSettings, 'runtime' | 'rate' | 'intervalSeconds'>): string {
  const runtimeFlag = settings?.runtime === 'external' ? PLATFORM_FLAG : `--runtime ${settings?.runtime}`;
  const flags = settings ? [runtimeFlag, settings.rate !== 2 ? `--rate ${settings.rate}` : '', settings.intervalSeconds !== 60 ? `--interval ${settings.intervalSeconds}` : ''] : [];
  return ['slowdata-tour', words, ...flags].filter(Boolean).join(' ');
}

/**
 * A subcommand on the environment as it is (status, compare, query, stop, …): the state remembers
 * the tour's own environment, but your own platform is named on every command.
 */
export function environmentCommand(words: string, settings: Pick<HandSettings, 'runtime'>): string {
  return ['slowdata-tour', words, settings.runtime === 'external' ? PLATFORM_FLAG : ''].filter(Boolean).join(' ');
}

/** The warehouse's own client, the password read from the environment (mysql and mariadb both take MYSQL_PWD), never written in the line. */
export function mysqlClientCommand(endpoints: Endpoints, sql?: string): string {
  const { host, port, user, database } = endpoints.mysql;
  const execute = sql ? ` -e ${quoteForShell(sql)}` : '';
  return `MYSQL_PWD="$${endpoints.mysql.passwordVariable || PASSWORD_VARIABLE}" mysql -h ${host} -P ${port} -u ${user} ${database}${execute}`;
}

/** Trino's own command-line client on the topic's catalog and schema. */
export function trinoClientCommand(endpoints: Endpoints, sql?: string): string {
  const execute = sql ? ` --execute ${quoteForShell(sql)}` : '';
  const settings = endpoints.trinoSettings;
  const login = settings?.user ? ` --user ${settings.user}${settings.passwordVariable ? ' --password' : ''}` : '';
  return `trino --server ${endpoints.trino}${login} --catalog ${settings?.catalog ?? 'kafka'} --schema ${settings?.schema ?? 'default'}${execute}`;
}
