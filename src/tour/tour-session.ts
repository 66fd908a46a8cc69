import type { AdHocResults } from '../engines/ad-hoc-query.js';
import type { Endpoints } from '../engines/endpoints.js';
import type { GateDecision } from '../engines/sql-gate.js';
import { currentEnvironment } from '../runtime/require-environment.js';
import { memoryQueryHistory, type QueryHistory } from './query-history.js';
import type { KafkaSqlEngine, OptionalProfile, Runtime } from '../runtime/types.js';
import { realEngines, type Engines, type TourContext } from './context.js';
import { takeSample, type LiveSample } from './live-sample.js';
import { loadSteps } from './load-steps.js';
import { selectSteps } from './select-steps.js';
import type { Step } from './step-schema.js';
import { createStepRunner, type StepRunner } from './step-runner.js';
import { TourJournal } from './tour-journal.js';
import type { TourProgressFile } from './tour-progress.js';

/** What a person chooses about a tour run (the CLI's flags of the same names). */
export interface TourSettings {
  /** Run this step alone. */
  step?: number;
  /** Run from this step onward. */
  from?: number;
  rate: number;
  intervalSeconds: number;
  /** Leave the environment running at the last step. */
  keep: boolean;
  /** Forget where the last tour stopped, and start from the beginning. */
  reset?: boolean;
  /** Optional services and the SQL-on-Kafka server (the CLI's --with and --engine); only some runtimes take them. */
  with?: readonly OptionalProfile[];
  engine?: KafkaSqlEngine;
  /** On your own platform: run the generator against its Kafka (--produce). */
  produce?: boolean;
}

/** What the tour runs against; tests pass stand-ins for the engines and another steps folder. */
export interface TourWiring {
  runtime: Runtime;
  /** Why this runtime was chosen, in words, shown when the environment starts. */
  runtimeReason?: string;
  engines?: Engines;
  stepsDir?: string;
  /** Where the last step done is remembered; without it, nothing is. */
  progress?: TourProgressFile;
  /** The typed questions asked before (↑/↓ at the prompt); in memory when not given. */
  queryHistory?: QueryHistory;
  /** The local runtime, for going on with it when the chosen runtime cannot get what it needs (Docker images). */
  localRuntime?: () => Promise<Runtime>;
}

/** One run of the tour, ready for a front end to drive: the steps, the runner, and a way to stop. */
export interface TourSession {
  /** Every step of the tour: for "Step 5 of 8", and for naming the step that makes a need true. */
  readonly all: readonly Step[];
  /** The steps this run goes through (all, one, or from N onward). */
  readonly selected: readonly Step[];
  /** A step was chosen (--step, --from): the first one runs at once. */
  readonly startAtOnce: boolean;
  /** The index of the step after the last one done in an earlier tour, to offer going on there. */
  readonly resumeIndex?: number;
  /** What this run has seen, for its summary. */
  readonly journal: TourJournal;
  readonly context: TourContext;
  readonly runner: StepRunner;
  /** One comparison of both engines, with the log lines of whichever fails. */
  sample(endpoints: Endpoints): Promise<LiveSample>;
  /** The questions asked before, for the prompt. */
  readonly queryHistory: QueryHistory;
  /** Runs a question the read-only gate let through on both engines, wherever the environment answers now. */
  ask(decision: Extract<GateDecision, { ok: true }>, signal: AbortSignal): Promise<AdHocResults>;
  /** Asks whatever runs to stop (the user quit or pressed Ctrl-C). */
  abort(): void;
  /**
   * Goes on with the local runtime from here (after a failure that offers it): every step from now on
   * runs on it. Undefined when it did; otherwise why not, in words.
   */
  useLocalRuntime(): Promise<string | undefined>;
}

/** Loads and checks the steps, picks the ones to run, and wires the runner. A bad step file or number throws a UserError. */
export async function openTourSession(settings: TourSettings, wiring: TourWiring): Promise<TourSession> {
  const all = await loadSteps(wiring.stepsDir);
  const selected = selectSteps(all, settings);
  const controller = new AbortController();
  const journal = new TourJournal();
  const { progress } = wiring;
  if (settings.reset) progress?.forget();
  const remembered = progress?.read();
  const chosen = settings.step !== undefined || settings.from !== undefined;
  const resumeIndex = !chosen && remembered && remembered.total === all.length ? remembered.lastDone : undefined;
  const context: TourContext = {
    runtime: wiring.runtime,
    runtimeReason: wiring.runtimeReason,
    engines: wiring.engines ?? realEngines,
    rate: settings.rate,
    intervalSeconds: settings.intervalSeconds,
    keep: settings.keep,
    produce: settings.produce ?? false,
    choices: { profiles: settings.with ?? [], engine: settings.engine ?? 'trino' },
    signal: controller.signal,
  };
  const runner = createStepRunner(context, all);
  return {
    all,
    selected,
    startAtOnce: chosen,
    resumeIndex,
    journal,
    context,
    runner: {
      ...runner,
      async run(step, report) {
        const result = await runner.run(step, report);
        if (result.ok) {
          journal.stepDone(step.number);
          progress?.recordDone(step.number, all.length);
        }
        return result;
      },
    },
    async sample(endpoints) {
      const sample = await takeSample(context, endpoints);
      journal.sampled(sample.comparison);
      return sample;
    },
    queryHistory: wiring.queryHistory ?? memoryQueryHistory(),
    async ask(decision, signal) {
      const { endpoints } = await currentEnvironment(context.runtime);
      return context.engines.adHoc(endpoints, decision, 'both', { signal });
    },
    abort: () => controller.abort(),
    async useLocalRuntime() {
      if (!wiring.localRuntime) return 'this tour has no local runtime to go on with; run slowdata-tour --runtime local';
      // A first start that could not pull leaves nothing behind; an environment that existed before stays, and the local runtime would not start beside it.
      const before = await context.runtime.status().catch(() => undefined);
      if (before?.exists) return `an environment exists on the ${context.runtime.name} runtime; remove it with slowdata-tour down, then run slowdata-tour --runtime local`;
      const local = await wiring.localRuntime();
      const refused = local.refuses(context.choices);
      if (refused) return refused.message;
      context.runtime = local;
      context.runtimeReason = 'the Docker images could not be downloaded; the local runtime needs none';
      return undefined;
    },
  };
}
