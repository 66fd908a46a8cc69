import { parseArgs } from 'node:util';
import * as z from 'zod';
import { UserError } from './common/errors.js';
import { KAFKA_SQL_ENGINES, OPTIONAL_PROFILES, runtimeNameSchema, serviceNameSchema, SERVICE_NAMES } from './runtime/types.js';

export { HELP } from './cli-help.js';

export const COMMANDS = ['tour', 'up', 'status', 'stop', 'start', 'compare', 'logs', 'doctor', 'down', 'query', 'recover', 'verify'] as const;

export const QUERY_ENGINES = ['warehouse', 'kafka', 'both'] as const;

const positiveNumber = (flag: string) =>
  z.coerce.number({ error: `${flag} must be a number` }).positive({ error: `${flag} must be greater than 0` });

const stepNumber = (flag: string) => z.coerce.number({ error: `${flag} must be a step number` }).int({ error: `${flag} must be a whole step number` }).min(1, { error: `${flag} must be 1 or more` });

const optionsSchema = z.object({
  command: z.enum(COMMANDS),
  services: z.array(serviceNameSchema),
  runtime: z.enum(runtimeNameSchema.options, { error: '--runtime must be docker or local' }).optional(),
  rate: positiveNumber('--rate').default(2),
  intervalSeconds: positiveNumber('--interval').default(60),
  json: z.boolean().default(false),
  lines: z.coerce.number().int().positive().default(40),
  step: stepNumber('--step').optional(),
  from: stepNumber('--from').optional(),
  list: z.boolean().default(false),
  yes: z.boolean().default(false),
  keep: z.boolean().default(false),
  reset: z.boolean().default(false),
  color: z.boolean(),
  with: z.array(z.enum(OPTIONAL_PROFILES, { error: (issue) => `--with takes ${OPTIONAL_PROFILES.join(', ')}; "${String(issue.input)}" is not one of them` })).default([]),
  engine: z.enum(KAFKA_SQL_ENGINES, { error: `--engine must be ${KAFKA_SQL_ENGINES.join(' or ')}` }).default('trino'),
  // query: the statement, which engines answer it, output shape and timeout.
  sql: z.string().default(''),
  queryEngine: z.enum(QUERY_ENGINES, { error: `with query, --engine must be ${QUERY_ENGINES.join(', ')}` }).default('both'),
  csv: z.boolean().default(false),
  timeout: positiveNumber('--timeout').default(30),
  platform: z.string().min(1, { error: '--platform needs the path of a platform file' }).optional(),
  /** With --platform: run the tour's generator against the platform file's Kafka. */
  produce: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof optionsSchema>;

export type ParsedCommandLine = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };


function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('\n');
}

/** Turns argv into checked options; anything wrong becomes one clear UserError. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        runtime: { type: 'string' },
        rate: { type: 'string' },
        interval: { type: 'string' },
        json: { type: 'boolean' },
        lines: { type: 'string' },
        step: { type: 'string' },
        from: { type: 'string' },
        list: { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        keep: { type: 'boolean' },
        reset: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        with: { type: 'string' },
        engine: { type: 'string' },
        csv: { type: 'boolean' },
        timeout: { type: 'string' },
        platform: { type: 'string' },
        produce: { type: 'boolean' },
      },
    });
  } catch (error) {
    // Node's parseArgs explains over several lines; the first one says what is wrong.
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? '';
    throw new UserError(text, { tryThis: 'slowdata-tour --help' });
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [first, ...rest] = parsed.positionals;
  const command = first ?? 'tour';
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UserError(`Unknown command "${command}".`, { tryThis: `one of: ${COMMANDS.filter((c) => c !== 'tour').join(', ')} (or none for the tour)` });
  }
  if (command === 'query' && rest.join(' ').trim() === '') {
    throw new UserError('"query" needs the SQL to run.', { tryThis: 'slowdata-tour query "SELECT storeid, count(*) FROM transactions GROUP BY storeid"' });
  }
  const needsServices = command === 'stop' || command === 'start' || command === 'logs';
  if (needsServices && rest.length === 0) {
    throw new UserError(`"${command}" needs at least one service name.`, { tryThis: `slowdata-tour ${command} ${command === 'logs' ? 'kafka' : 'db connect pipeline'}` });
  }
  if (!needsServices && command !== 'query' && rest.length > 0) {
    throw new UserError(`"${command}" takes no arguments, but got: ${rest.join(' ')}.`, { tryThis: 'slowdata-tour --help' });
  }
  const unknown = (needsServices ? rest : []).filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UserError(`Unknown service ${unknown.map((n) => `"${n}"`).join(', ')}.`, { tryThis: `one of: ${SERVICE_NAMES.join(', ')}` });
  }
  const colorOff = values['no-color'] === true || env.NO_COLOR !== undefined && env.NO_COLOR !== '' || env.TERM === 'dumb';

  const result = optionsSchema.safeParse({
    command,
    services: needsServices ? rest : [],
    runtime: values.runtime,
    rate: values.rate,
    intervalSeconds: values.interval,
    json: values.json,
    lines: values.lines,
    step: values.step,
    from: values.from,
    list: values.list,
    yes: values.yes,
    keep: values.keep,
    reset: values.reset,
    color: !colorOff,
    with: typeof values.with === 'string' ? values.with.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    engine: command === 'query' ? undefined : values.engine,
    sql: command === 'query' ? rest.join(' ') : undefined,
    queryEngine: command === 'query' ? values.engine : undefined,
    csv: values.csv,
    timeout: values.timeout,
    platform: values.platform,
    produce: values.produce,
  });
  if (!result.success) throw new UserError(issuesText(result.error), { tryThis: 'slowdata-tour --help' });
  if (result.data.platform !== undefined && result.data.runtime !== undefined) {
    throw new UserError('--platform and --runtime cannot be used together: a platform file is your own platform, not a runtime the tour starts.', { tryThis: `slowdata-tour ${command === 'tour' ? '' : `${command} `}--platform ${result.data.platform}` });
  }
  if (result.data.produce && (result.data.platform === undefined || !['tour', 'up'].includes(command))) {
    throw new UserError('--produce goes with "up --platform FILE" or the tour with --platform FILE: it runs the generator against your own platform\'s Kafka (the tour\'s own environment always runs one).', { tryThis: 'slowdata-tour up --platform FILE --produce' });
  }
  // What the tour started on a platform (the --produce generator) is the one thing it stops there.
  const onlyTheGenerator = (command === 'stop' && rest.length === 1 && rest[0] === 'generator') || command === 'down';
  if (result.data.platform !== undefined && !onlyTheGenerator && ['stop', 'start', 'down', 'logs', 'doctor'].includes(command)) {
    throw new UserError(`"${command}" does not work with --platform: slowdata-tour never changes your platform or reads its logs.`, { tryThis: 'slowdata-tour status --platform FILE, compare --platform FILE, or the tour' });
  }
  if (result.data.step !== undefined && result.data.from !== undefined) {
    throw new UserError('--step and --from cannot be used together.', { tryThis: 'slowdata-tour --step 4, or slowdata-tour --from 4' });
  }
  if (result.data.json && result.data.csv) throw new UserError('--json and --csv cannot be used together.', { tryThis: 'one of them' });
  return { kind: 'run', options: result.data };
}
