import type { Endpoints } from '../engines/endpoints.js';
import type { Runtime, RuntimeName } from '../runtime/types.js';
import type { StepAction } from './actions/step-action.js';

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
  /** The platform file the tour runs on (--platform), when it runs on one. */
  platformFile?: string;
  /** On a platform: the tour runs the generator against its Kafka (--produce). */
  produce?: boolean;
  rate: number;
  intervalSeconds: number;
  endpoints?: Endpoints;
}

/** The name of the variable a client's password comes from; its value is what `slowdata-tour status` shows. */
export const PASSWORD_VARIABLE = 'SLOWDATA_DB_PASSWORD';

/** The settings for a step's commands by hand, from the run's context and, once the step has run, its outcome's endpoints. */
export function handSettingsOf(context: { runtime: { name: RuntimeName; platformFile?: string }; produce?: boolean; rate: number; intervalSeconds: number }, endpoints: Endpoints | undefined): HandSettings {
  const { name, platformFile } = context.runtime;
  return { runtime: name, ...(platformFile ? { platformFile } : {}), ...(context.produce ? { produce: true } : {}), rate: context.rate, intervalSeconds: context.intervalSeconds, endpoints };
}

/**
 * A step's commands by hand for this run; none for a step the runtime cannot do (the step was
 * skipped, and the command would only be refused).
 */
export function handCommandsFor(action: Pick<StepAction, 'byHand' | 'requires'>, context: { runtime: Pick<Runtime, 'name' | 'platformFile' | 'cannot'>; produce?: boolean; rate: number; intervalSeconds: number }, endpoints: Endpoints | undefined): HandCommand[] {
  if (action.requires && context.runtime.cannot?.[action.requires]) return [];
  return action.byHand(handSettingsOf(context, endpoints));
}

function quoteForShell(text: string): string {
  return `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

function quoteIfNeeded(text: string): string {
  return /^[\w./@:+-]+$/.test(text) ? text : quoteForShell(text);
}

/**
 * The tour's own subcommand, with the flags this run was started with where they matter: on your
 * own platform every command carries `--platform FILE`; the runtime, rate and interval only where
 * they start something (`starts`).
 */
export function tourCommand(words: string, settings: Pick<HandSettings, 'runtime' | 'platformFile' | 'produce' | 'rate' | 'intervalSeconds'>, { starts = false } = {}): string {
  if (settings.runtime === 'external') {
    const produce = starts && settings.produce ? ['--produce', settings.rate !== 2 ? `--rate ${settings.rate}` : ''] : [];
    return ['slowdata-tour', words, '--platform', settings.platformFile ? quoteIfNeeded(settings.platformFile) : '<your platform file>', ...produce].filter(Boolean).join(' ');
  }
  const flags = starts ? [`--runtime ${settings.runtime}`, settings.rate !== 2 ? `--rate ${settings.rate}` : '', settings.intervalSeconds !== 60 ? `--interval ${settings.intervalSeconds}` : ''] : [];
  return ['slowdata-tour', words, ...flags].filter(Boolean).join(' ');
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
