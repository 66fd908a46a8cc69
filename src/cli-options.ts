import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UserError } from './common/errors.js';
import { KAFKA_SQL_ENGINES, OPTIONAL_PROFILES, runtimeNameSchema, serviceNameSchema, SERVICE_NAMES } from './runtime/types.js';

export const COMMANDS = ['tour', 'up', 'status', 'stop', 'start', 'compare', 'logs', 'doctor', 'down', 'verify'] as const;
export type CommandName = (typeof COMMANDS)[number];

const positiveNumber = (flag: string) =>
  z.coerce.number({ error: `${flag} must be a number` }).positive({ error: `${flag} must be greater than 0` });

const stepNumber = (flag: string) => z.coerce.number({ error: `${flag} must be a step number` }).int({ error: `${flag} must be a whole step number` }).min(1, { error: `${flag} must be 1 or more` });

const optionsSchema = z.object({
  command: z.enum(COMMANDS),
  services: z.array(serviceNameSchema),
  runtime: z.enum(runtimeNameSchema.options, { error: '--runtime must be docker or local' }).optional(),
  rate: positiveNumber('--rate').default(2),
  interval: positiveNumber('--interval').default(60),
  json: z.boolean().default(false),
  lines: z.coerce.number().int().positive().default(40),
  step: stepNumber('--step').optional(),
  from: stepNumber('--from').optional(),
  list: z.boolean().default(false),
  yes: z.boolean().default(false),
  keep: z.boolean().default(false),
  color: z.boolean(),
  with: z.array(z.enum(OPTIONAL_PROFILES, { error: (issue) => `--with takes ${OPTIONAL_PROFILES.join(', ')}; "${String(issue.input)}" is not one of them` })).default([]),
  engine: z.enum(KAFKA_SQL_ENGINES, { error: `--engine must be ${KAFKA_SQL_ENGINES.join(' or ')}` }).default('trino'),
});

export type CliOptions = z.infer<typeof optionsSchema>;

export type ParsedCommandLine = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

export const HELP = `slowdata-tour: how stale is a batch-fed warehouse compared with SQL run directly on Kafka?

Usage:
  slowdata-tour                      the guided tour, step by step (Enter: next, r: rerun, q: quit)
  slowdata-tour --step N             run step N alone, against the environment as it is
  slowdata-tour --from N             run from step N onward
  slowdata-tour --list               list the steps
  slowdata-tour up                   start the environment
  slowdata-tour status               every service's state, and the endpoints (with the db password)
  slowdata-tour compare              run the same query on the warehouse and on Kafka, side by side
  slowdata-tour verify               reconcile the warehouse against the topic: lost, duplicated, per store
  slowdata-tour stop <service...>    stop services (${SERVICE_NAMES.join(', ')})
  slowdata-tour start <service...>   start services again
  slowdata-tour logs <service>       the last lines of a service's log
  slowdata-tour doctor               check this machine can run the environment
  slowdata-tour down                 stop everything and remove the environment

Options:
  --runtime docker|local   where the environment runs (default: docker when an engine answers, else local)
  --rate N                 records per second the generator produces (default 2)
  --interval S             seconds between pipeline batches (default 60)
  --with LIST              docker only: optional services, comma-separated: ${OPTIONAL_PROFILES.join(', ')}
  --engine trino|streambased  docker only: the SQL-on-Kafka server (default trino)
  --json                   figures as JSON, for scripts (status, compare, verify, the tour)
  --lines N                with logs: how many lines (default 40)
  --yes                    run the tour's steps without waiting for keys
  --keep                   at the tour's last step, leave the environment running
  --no-color               no colours (NO_COLOR and TERM=dumb do the same)
  -h, --help               this text
  -v, --version            the version
`;

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
        'no-color': { type: 'boolean' },
        with: { type: 'string' },
        engine: { type: 'string' },
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
  const needsServices = command === 'stop' || command === 'start' || command === 'logs';
  if (needsServices && rest.length === 0) {
    throw new UserError(`"${command}" needs at least one service name.`, { tryThis: `slowdata-tour ${command} ${command === 'logs' ? 'kafka' : 'db connect pipeline'}` });
  }
  if (!needsServices && rest.length > 0) {
    throw new UserError(`"${command}" takes no arguments, but got: ${rest.join(' ')}.`, { tryThis: 'slowdata-tour --help' });
  }
  const unknown = rest.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new UserError(`Unknown service ${unknown.map((n) => `"${n}"`).join(', ')}.`, { tryThis: `one of: ${SERVICE_NAMES.join(', ')}` });
  }
  const colorOff = values['no-color'] === true || env.NO_COLOR !== undefined && env.NO_COLOR !== '' || env.TERM === 'dumb';

  const result = optionsSchema.safeParse({
    command,
    services: rest,
    runtime: values.runtime,
    rate: values.rate,
    interval: values.interval,
    json: values.json,
    lines: values.lines,
    step: values.step,
    from: values.from,
    list: values.list,
    yes: values.yes,
    keep: values.keep,
    color: !colorOff,
    with: typeof values.with === 'string' ? values.with.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    engine: values.engine,
  });
  if (!result.success) throw new UserError(issuesText(result.error), { tryThis: 'slowdata-tour --help' });
  if (result.data.step !== undefined && result.data.from !== undefined) {
    throw new UserError('--step and --from cannot be used together.', { tryThis: 'slowdata-tour --step 4, or slowdata-tour --from 4' });
  }
  return { kind: 'run', options: result.data };
}
