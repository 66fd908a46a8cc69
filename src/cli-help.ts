import { OPTIONAL_PROFILES, SERVICE_NAMES } from './runtime/names.js';

// The help text imports nothing but names, so `--help` answers without loading the option parser's schemas.

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
  slowdata-tour query "SQL"          your own read-only SQL on both engines, side by side
                                     (--engine warehouse|kafka|both, --json or --csv, --timeout S)
  slowdata-tour recover              local: rewrite a deleted or replaced data lake from Kafka (nothing loaded twice)

Options:
  --runtime docker|local   where the environment runs (default: docker when an engine answers, else local)
  --rate N                 records per second the generator produces (default 2)
  --interval S             seconds between pipeline batches (default 60)
  --with LIST              docker only: optional services, comma-separated: ${OPTIONAL_PROFILES.join(', ')}
  --engine trino|streambased  docker only: the SQL-on-Kafka server (default trino)
  --platform FILE          your own platform (Kafka, SQL on Kafka, warehouse), described in FILE: read only
  --produce                with up --platform (or the tour): run the generator against FILE's kafka.topic
  --json                   figures as JSON, for scripts (status, compare, the tour)
  --lines N                with logs: how many lines (default 40)
  --timeout S              with query: cancel it on the server after S seconds (default 30)
  --csv                    with query: the rows as CSV
  --yes                    run the tour's steps without waiting for keys
  --keep                   at the tour's last step, leave the environment running
  --reset                  forget where the last tour stopped, and start at step 1
  --no-color               no colours (NO_COLOR and TERM=dumb do the same)
  -h, --help               this text
  -v, --version            the version
`;
