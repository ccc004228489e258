// One scenario on one backend: a fresh session, setup then body, step by step.
// A failing command stops the scenario there; a failing expectation does not (unless bail).
import { dirname, resolve } from 'node:path';
import type { DnetFile, Expect, Scenario, Statement, Word } from '../language/ast.js';
import type { Backend, ScenarioContext } from '../backends/backend.js';
import type { BackendName, Failure, SimulatedOnly, StepResult } from './events.js';
import { evaluate, type Verdict } from './expectations.js';
import { evalValue, expandWord, StepError, type Scope } from './values.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ScenarioRunOptions {
  bail?: boolean;
  signal?: AbortSignal;
  clock?: Clock;
  /** Pause between `within` attempts on a real-time backend. */
  retryInterval?: number;
  onStep?(step: StepResult): void;
  /**
   * Keep every step in BackendRun.steps (default true). Only the differential reads
   * them: a one-backend run leaves them out, so that 15,000 steps of a large scenario
   * (each with its command's output) do not stay alive, and copied by every scavenge,
   * until the scenario ends.
   */
  keepSteps?: boolean;
}

export interface StepRecord {
  statement: Statement;
  step: StepResult;
  failure: Failure | null;
}

/** Everything one backend did for one scenario (the differential compares two of these). */
export interface BackendRun {
  backend: BackendName;
  steps: StepRecord[];
  failures: Failure[];
  simulatedOnly: SimulatedOnly[];
  /** A bug or I/O problem: the scenario errored (not failed). */
  error: { message: string; stack?: string } | null;
}

/**
 * `file` blocks are given to the backend up front, so a command can use any of them; a
 * path's later blocks replace it when the scenario reaches them (edit a compose file,
 * `up` again).
 */
export function inlineFiles(statements: Statement[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of statements) {
    if (s.type !== 'FileBlock') continue;
    const path = literalPath(s.path);
    if (!files.has(path)) files.set(path, s.content);
  }
  return files;
}

function literalPath(word: Word): string {
  return word.parts.every((p) => p.type === 'Text') ? expandWord(word, new Map()) : word.raw;
}

export function skipReason(file: DnetFile, scenario: Scenario): string | null {
  // The setup, then the body, without a copy of both (the 10,000-container body is 15,000 statements).
  for (const s of file.setup) if (s.type === 'Skip') return s.reason;
  for (const s of scenario.body) if (s.type === 'Skip') return s.reason;
  return null;
}

export async function runOnBackend(file: DnetFile, scenario: Scenario, backend: Backend, options: ScenarioRunOptions = {}): Promise<BackendRun> {
  const statements = [...file.setup, ...scenario.body];
  const context: ScenarioContext = { file: file.path, baseDir: resolve(dirname(file.path)), title: scenario.title, files: inlineFiles(statements) };
  const run: BackendRun = { backend: backend.name, steps: [], failures: [], simulatedOnly: [], error: null };
  let session;
  try {
    session = await backend.open(context);
  } catch (e) {
    run.error = toError(e);
    return run;
  }
  const scope: Scope = { session, vars: new Map(), last: null, filesSeen: new Set() };
  // Variables a backend could not bind (an unsupported probe): their uses are "simulated only" too.
  const unavailable = new Map<string, string>();
  const keepSteps = options.keepSteps ?? true;
  const record = (statement: Statement, step: StepResult, failure: Failure | null = null): void => {
    if (keepSteps) run.steps.push({ statement, step, failure });
    if (failure) run.failures.push(failure);
    options.onStep?.(step);
  };
  try {
    // An index loop: for…of allocates an iterator result per statement in V8's interpreter.
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i];
      if (options.signal?.aborted) throw new Error('run aborted');
      const stop = await runStatement(statement, scope, backend, options, unavailable, record, run);
      if (stop || (options.bail && run.failures.length > 0)) break;
    }
  } catch (e) {
    run.error = toError(e);
  } finally {
    try {
      await session.close();
    } catch (e) {
      run.error ??= toError(e);
    }
  }
  return run;
}

type Recorder = (statement: Statement, step: StepResult, failure?: Failure | null) => void;

/** Runs one statement; true when the scenario must stop here. */
async function runStatement(
  statement: Statement,
  scope: Scope,
  backend: Backend,
  options: ScenarioRunOptions,
  unavailable: Map<string, string>,
  record: Recorder,
  run: BackendRun,
): Promise<boolean> {
  try {
    switch (statement.type) {
      case 'DockerCommand': {
        const args = statement.args.map((a) => expandWord(a, scope.vars));
        const result = await scope.session.run(statement.program, args);
        scope.last = result;
        const ok = result.exitCode === 0;
        const step: StepResult = { kind: 'command', loc: statement.loc, status: ok ? 'passed' : 'failed', result };
        if (ok) {
          record(statement, step);
          return false;
        }
        const said = result.stderr.trim() || result.stdout.trim();
        record(statement, step, {
          kind: 'command',
          message: `command failed (exit ${result.exitCode})`,
          loc: statement.loc,
          expected: 'the command succeeds',
          observed: said ? `exit ${result.exitCode}: ${said.split('\n')[0]}` : `exit ${result.exitCode}`,
          why: null,
          stderr: result.stderr,
        });
        return true;
      }
      case 'Let': {
        const v = await evalValue(statement.value, scope);
        if (v.status === 'ok') {
          scope.vars.set(statement.name, v.value);
          record(statement, { kind: 'let', loc: statement.loc, status: 'passed', name: statement.name, value: v.value });
          return false;
        }
        if (v.status === 'unsupported') {
          unavailable.set(statement.name, v.reason);
          run.simulatedOnly.push({ loc: statement.loc, reason: v.reason });
          record(statement, { kind: 'let', loc: statement.loc, status: 'passed', name: statement.name, value: null });
          return false;
        }
        record(statement, { kind: 'let', loc: statement.loc, status: 'failed', name: statement.name, value: null }, {
          kind: 'value',
          message: `cannot bind $${statement.name}`,
          loc: statement.loc,
          expected: `a value for $${statement.name}`,
          observed: v.observed,
          why: v.why,
        });
        return true;
      }
      case 'FileBlock': {
        const path = literalPath(statement.path);
        // The first block of a path was given up front; a later one replaces the file now.
        if (scope.filesSeen.has(path)) await scope.session.writeFile?.(path, statement.content);
        scope.filesSeen.add(path);
        record(statement, { kind: 'file', loc: statement.loc, status: 'passed', path });
        return false;
      }
      case 'Skip':
        return false;
      case 'Expect':
        // Awaited here, so that a StepError of the expectation is caught below.
        return await runExpect(statement, scope, backend, options, record, run);
    }
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    const missing = /^variable \$(\w+)/.exec(e.message)?.[1];
    const reason = missing ? unavailable.get(missing) : undefined;
    if (reason !== undefined && statement.type === 'Expect') {
      run.simulatedOnly.push({ loc: statement.loc, reason });
      record(statement, { kind: 'expectation', loc: statement.loc, status: 'unsupported', expected: '', observed: '', why: null, reason, attempts: 0 });
      return false;
    }
    const failure: Failure = { kind: 'value', message: e.message, loc: statement.loc, expected: 'a runnable step', observed: e.message, why: null };
    record(statement, { kind: 'expectation', loc: statement.loc, status: 'failed', expected: failure.expected, observed: e.message, why: null, attempts: 0 }, failure);
    return true;
  }
}

async function runExpect(statement: Expect, scope: Scope, backend: Backend, options: ScenarioRunOptions, record: Recorder, run: BackendRun): Promise<boolean> {
  const exp = statement.expectation;
  const clock = options.clock ?? realClock;
  const interval = options.retryInterval ?? 250;
  // On the simulator nothing changes with time: one look is the answer.
  const deadline = exp.within && backend.realTime ? clock.now() + exp.within.ms : null;
  let attempts = 0;
  let v: Verdict;
  for (;;) {
    attempts++;
    v = await evaluate(exp, scope);
    if (v.status !== 'failed' || deadline === null || options.signal?.aborted) break;
    const left = deadline - clock.now();
    if (left <= 0) break;
    await clock.sleep(Math.min(interval, left));
  }
  if (v.status === 'unsupported') {
    run.simulatedOnly.push({ loc: statement.loc, reason: v.reason });
    record(statement, { kind: 'expectation', loc: statement.loc, status: 'unsupported', expected: v.expected, observed: '', why: null, reason: v.reason, attempts });
    return false;
  }
  const step: StepResult = { kind: 'expectation', loc: statement.loc, status: v.status, expected: v.expected, observed: v.observed, why: v.why, attempts,
    ...(v.result ? { result: v.result } : {}) };
  if (v.status === 'passed') {
    record(statement, step);
    return false;
  }
  const within = exp.within ? ` within ${exp.within.raw}` : '';
  const failure: Failure = {
    kind: 'expectation',
    message: 'expectation failed',
    loc: statement.loc,
    expected: v.expected + within,
    observed: v.observed,
    why: explained(exp.type, v.why, backend.name),
  };
  if (v.stderr?.trim()) failure.stderr = v.stderr;
  record(statement, step, failure);
  return false;
}

const pathKinds = new Set<Expect['expectation']['type']>(['PingExpect', 'TcpExpect', 'HttpExpect', 'ResolveExpect']);

/**
 * A failed reachability or resolution expectation always says why (LANGUAGE.md "Results");
 * when the backend gave no path, the failure says so rather than staying silent.
 */
function explained(type: Expect['expectation']['type'], why: Failure['why'], backend: string): Failure['why'] {
  if (!pathKinds.has(type) || (why && (why.steps.length > 0 || why.cause))) return why;
  return { steps: [`the ${backend} backend gave no path for this probe`], cause: why?.cause };
}

function toError(e: unknown): { message: string; stack?: string } {
  return e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
}
