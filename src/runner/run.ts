// The run: files in order, scenarios in order, events out. The runner knows the AST
// and the Backend interface only; loading and checking files is the CLI's job.
import { dirname, resolve } from 'node:path';
import type { DnetFile, Scenario } from '../language/ast.js';
import type { Backend } from '../backends/backend.js';
import { compareRuns, type CompareOptions, type EnvironmentDependent } from './differential.js';
import {
  countResult,
  emptyCounts,
  type BackendName,
  type Counts,
  type FileDiagnostic,
  type RunEvent,
  type ScenarioRef,
  type ScenarioResult,
} from './events.js';
import { realClock, runOnBackend, skipReason, type BackendRun, type Clock } from './scenario.js';

/** A file as the CLI loaded it: parsed (`file`) or not, with its diagnostics. */
export interface LoadedFile {
  path: string;
  source: string;
  /** null when it has errors: nothing of it runs. */
  file: DnetFile | null;
  diagnostics: FileDiagnostic[];
}

/**
 * A file still to load: the CLI reads, parses and checks each file just before it runs, so
 * a suite of thousands of files never holds every syntax tree at once (less to keep, less
 * for the garbage collector to copy).
 */
export interface PendingFile {
  path: string;
  load(): Promise<LoadedFile>;
}

export interface RunOptions {
  /** One backend, or two for a differential run. */
  backends: Backend[];
  emit(event: RunEvent): void;
  bail?: boolean;
  /** Which scenarios run (`--filter`, `--tag`); the others are left out of the results. */
  select?(scenario: Scenario, file: DnetFile): boolean;
  signal?: AbortSignal;
  environmentDependent?: EnvironmentDependent;
  /** Differential runs: compare commands' output and bound values too (`--compare-output`). */
  compareOutput?: boolean;
  clock?: Clock;
  retryInterval?: number;
  /**
   * Emit a stepEnd event per step (default true). The CLI turns them off when no reporter
   * has onStepEnd: 2,000 small scenarios make ~24,000 of them, and under --jobs each one
   * is copied to the main thread, for nobody.
   */
  stepEvents?: boolean;
}

export interface RunSummary {
  counts: Counts;
  results: ScenarioResult[];
  duration: number;
}

export async function runFiles(files: ReadonlyArray<LoadedFile | PendingFile>, options: RunOptions): Promise<RunSummary> {
  const clock = options.clock ?? realClock;
  const started = clock.now();
  const counts = emptyCounts();
  const all: ScenarioResult[] = [];
  let bailed = false;
  options.emit({ type: 'runStart', files: files.map((f) => f.path), backends: options.backends.map((b) => b.name) });
  for (const input of files) {
    if (bailed || options.signal?.aborted) break;
    const loaded = 'load' in input ? await input.load() : input;
    options.emit({ type: 'fileStart', file: loaded.path, source: loaded.source });
    if (loaded.diagnostics.length) options.emit({ type: 'fileDiagnostics', file: loaded.path, diagnostics: loaded.diagnostics });
    const results: ScenarioResult[] = [];
    if (loaded.file && !loaded.diagnostics.some((d) => d.severity === 'error')) {
      for (const scenario of loaded.file.scenarios) {
        if (options.select && !options.select(scenario, loaded.file)) continue;
        if (options.signal?.aborted) break;
        const result = await runScenario(loaded.file, scenario, options);
        results.push(result);
        countResult(counts, result);
        if (options.bail && (result.status === 'failed' || result.status === 'errored')) {
          bailed = true;
          break;
        }
      }
    } else {
      counts.invalidFiles++;
    }
    all.push(...results);
    options.emit({ type: 'fileEnd', file: loaded.path, results, diagnostics: loaded.diagnostics });
  }
  const duration = clock.now() - started;
  options.emit({ type: 'runEnd', counts, duration });
  return { counts, results: all, duration };
}

export async function runScenario(file: DnetFile, scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const clock = options.clock ?? realClock;
  const ref: ScenarioRef = { file: file.path, title: scenario.title, loc: scenario.loc };
  const base = { file: file.path, title: scenario.title, tags: scenario.tags.map((t) => t.name), loc: scenario.loc, simulatedOnly: [] };
  options.emit({ type: 'scenarioStart', scenario: ref });
  const started = clock.now();
  const backends = backendsFor(scenario, options.backends);
  const reason = skipReason(file, scenario) ?? (backends.length === 0 ? SIMULATOR_ONLY_REASON : null);
  let result: ScenarioResult;
  if (reason !== null) {
    result = { ...base, status: 'skipped', reason, duration: 0 };
  } else {
    // One backend (nearly every run): its run alone, without Promise.all's extra promises.
    const one = (backend: Backend): Promise<BackendRun> =>
      runOnBackend(file, scenario, backend, {
        bail: options.bail,
        signal: options.signal,
        clock,
        retryInterval: options.retryInterval,
        // Only compareRuns reads the steps.
        keepSteps: backends.length > 1,
        onStep: options.stepEvents === false ? undefined
          : (step) => options.emit({ type: 'stepEnd', scenario: ref, backend: backend.name as BackendName, step }),
      });
    const runs = backends.length === 1 ? [await one(backends[0])] : await Promise.all(backends.map(one));
    result = combine(base, runs, clock.now() - started, { environmentDependent: options.environmentDependent, compareOutput: options.compareOutput });
  }
  options.emit({ type: 'scenarioEnd', result });
  return result;
}

/**
 * `@simulator-only` marks a scenario that the real engine here cannot run as written (no
 * Compose v2 plugin with the 20.10 client, no apt-get in the stand-in images): it runs on
 * the simulator only — alone under `--backend docker` it is skipped with this reason.
 */
export const SIMULATOR_ONLY_TAG = 'simulator-only';
const SIMULATOR_ONLY_REASON = 'simulator only (@simulator-only): not run on a real engine';

function backendsFor(scenario: Scenario, backends: Backend[]): Backend[] {
  if (!scenario.tags.some((t) => t.name === SIMULATOR_ONLY_TAG)) return backends;
  return backends.filter((b) => b.name === 'sim');
}

function combine(
  base: Omit<ScenarioResult, 'status' | 'duration'>,
  runs: BackendRun[],
  duration: number,
  compare: CompareOptions,
): ScenarioResult {
  const errored = runs.find((r) => r.error);
  if (errored?.error) {
    const where = runs.length > 1 ? `${errored.backend}: ` : '';
    return { ...base, status: 'errored', error: where + errored.error.message, stack: errored.error.stack, duration };
  }
  const simulatedOnly = runs.flatMap((r) => r.simulatedOnly);
  const failures = runs.length === 2 ? compareRuns(runs[0], runs[1], { ...compare, folder: resolve(dirname(base.file)) }) : runs[0].failures;
  // Written out, not `{ ...base, … }`: in V8's interpreter, where most of a suite runs, an
  // object spread costs several times a literal, once per scenario. Same keys, same order.
  const { file, title, tags, loc } = base;
  if (failures.length) return { file, title, tags, loc, simulatedOnly, status: 'failed', failures, duration };
  return { file, title, tags, loc, simulatedOnly, status: 'passed', duration };
}
