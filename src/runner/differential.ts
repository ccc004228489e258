// `--backend sim,docker`: the same scenario on both backends, compared step by step.
// A step that passes on one and fails on the other is a disagreement (it fails the
// scenario); a step failing on both is an ordinary failure, reported once. With
// `--compare-output`, commands that succeed on both must also print the same thing (once
// output-mask.ts has masked IDs, clocks and measured times) and `let` bind the same value.
import type { CommandResult } from '../backends/backend.js';
import type { Statement } from '../language/ast.js';
import type { Failure, Observation, StepResult } from './events.js';
import { firstOutputDifference, GeneratedNames, maskOutput, PrintedIds, type DifferingLine, type MaskContext } from './output-mask.js';
import type { BackendRun, StepRecord } from './scenario.js';

/**
 * Marks a step whose outcome depends on the engine's environment rather than on the
 * scenario — its history (addresses handed out before, ports taken by other runs) or its
 * machine (the host's own interfaces, as a host-mode container lists them): its
 * disagreement is not reported. The docker backend decides which steps those are;
 * `earlier` holds the scenario's statements before this one.
 */
export type EnvironmentDependent = (statement: Statement, a: StepSide, b: StepSide, earlier: readonly Statement[]) => boolean;

export interface StepSide {
  backend: BackendRun['backend'];
  step: StepResult;
}

export interface CompareOptions {
  environmentDependent?: EnvironmentDependent;
  /** `--compare-output`: outputs and bound values too, not only outcomes. */
  compareOutput?: boolean;
  /** The scenario's folder (an absolute path the simulator prints where the engine prints its copy's). */
  folder?: string;
}

export function compareRuns(a: BackendRun, b: BackendRun, options: CompareOptions = {}): Failure[] {
  const { environmentDependent } = options;
  const failures: Failure[] = [];
  // What each side's outputs are masked with (see output-mask.ts): only with --compare-output.
  const names = options.compareOutput ? new GeneratedNames(a.steps.map((r) => JSON.stringify(r.statement)).join('\n')) : undefined;
  const folder = options.folder;
  const masks = [{ printed: new PrintedIds(), names, folder }, { printed: new PrintedIds(), names, folder }] as const;
  const n = Math.min(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const x = a.steps[i];
    const y = b.steps[i];
    if (options.compareOutput) [x, y].forEach((r, k) => learnIds(masks[k].printed, r.step));
    const dependent = (): boolean => environmentDependent?.({ ...x.statement }, side(a, x), side(b, y), a.steps.slice(0, i).map((r) => r.statement)) ?? false;
    const unsupported = x.step.status === 'unsupported' || y.step.status === 'unsupported';
    if (unsupported) continue;
    if (x.step.status === y.step.status) {
      // Failing on both: the backends agree, the scenario is wrong (or Docker is).
      if (x.failure) failures.push(bothFailed(a, x, b, y));
      else if (options.compareOutput) {
        const differs = outputDisagreement(a, x, b, y, masks);
        if (differs && !dependent()) failures.push(differs);
      }
      continue;
    }
    if (dependent()) continue;
    failures.push(disagreement(a, x, b, y));
  }
  return failures;
}

function side(run: BackendRun, record: StepRecord): StepSide {
  return { backend: run.backend, step: record.step };
}

function observe(run: BackendRun, record: StepRecord): Observation {
  const { step } = record;
  switch (step.kind) {
    case 'command': {
      const said = (step.result.stderr.trim() || step.result.stdout.trim()).split('\n')[0] ?? '';
      const observed = step.status === 'passed' ? 'the command succeeded' : `exit ${step.result.exitCode}${said ? `: ${said}` : ''}`;
      return { backend: run.backend, observed, why: null };
    }
    case 'expectation':
      return { backend: run.backend, observed: `${step.status}: ${step.observed}`, why: step.why };
    case 'let':
      return { backend: run.backend, observed: step.value === null ? 'no value' : `$${step.name} = ${step.value}`, why: null };
    case 'file':
      return { backend: run.backend, observed: `file ${step.path}`, why: null };
  }
}

function bothFailed(a: BackendRun, x: StepRecord, b: BackendRun, y: StepRecord): Failure {
  const failure: Failure = { ...x.failure!, message: `${x.failure!.message} on ${a.backend} and ${b.backend}` };
  // Failing alike but seeing different things: show both.
  if (y.failure && y.failure.observed !== x.failure!.observed) failure.sides = [observe(a, x), observe(b, y)];
  return failure;
}

function disagreement(a: BackendRun, x: StepRecord, b: BackendRun, y: StepRecord): Failure {
  const sides = [observe(a, x), observe(b, y)];
  const passedOn = x.step.status === 'passed' ? a.backend : b.backend;
  const failedOn = x.step.status === 'passed' ? b.backend : a.backend;
  const what = x.step.kind === 'command' ? 'command' : x.step.kind === 'let' ? 'binding' : 'expectation';
  return {
    kind: 'disagreement',
    message: `backends disagree: the ${what} passed on ${passedOn} and failed on ${failedOn}`,
    loc: x.step.loc,
    expected: `the same outcome on ${a.backend} and ${b.backend}`,
    observed: sides.map((s) => `${s.backend}: ${s.observed}`).join(' | '),
    why: null,
    sides,
  };
}

/** Two passing steps that printed (or bound) different things, or null. */
function outputDisagreement(a: BackendRun, x: StepRecord, b: BackendRun, y: StepRecord, masks: readonly [MaskContext, MaskContext]): Failure | null {
  let where: string;
  let seen: [string, string];
  const results = commandResults(x.step, y.step);
  if (results) {
    const d = firstOutputDifference(results[0], results[1], masks);
    if (!d) return null;
    where = d.stream;
    // Each side's first line the other did not print: order alone is no difference.
    const shown = (l: DifferingLine): string => (d.stream === 'exit status' ? `${where} ${l.text}` : l.line ? `${where} line ${l.line}: ${JSON.stringify(l.text)}` : `every ${where} line also printed by the other`);
    seen = [shown(d.a), shown(d.b)];
  } else if (x.step.kind === 'let' && y.step.kind === 'let') {
    const [p, q] = [x.step.value, y.step.value].map((v, k) => (v === null ? 'no value' : JSON.stringify(maskOutput(v, masks[k]))));
    if (p === q) return null;
    where = `$${x.step.name}`;
    seen = [`${where}: ${p}`, `${where}: ${q}`];
  } else {
    return null;
  }
  const what = results ? "command's output" : 'binding';
  return {
    kind: 'disagreement',
    message: `backends disagree: the ${what} differs (${where})`,
    loc: x.step.loc,
    expected: `the same ${where} on ${a.backend} and ${b.backend}`,
    observed: `${a.backend}: ${seen[0]} | ${b.backend}: ${seen[1]}`,
    why: null,
    sides: [
      { backend: a.backend, observed: seen[0], why: null },
      { backend: b.backend, observed: seen[1], why: null },
    ],
  };
}

/** What both sides' commands printed: a command, or an `expect docker …` holding on both. */
function commandResults(x: StepResult, y: StepResult): [CommandResult, CommandResult] | null {
  if (x.kind === 'command' && y.kind === 'command') return [x.result, y.result];
  if (x.kind === 'expectation' && y.kind === 'expectation' && x.result && y.result) return [x.result, y.result];
  return null;
}

function learnIds(printed: PrintedIds, step: StepResult): void {
  const result = step.kind === 'command' || step.kind === 'expectation' ? step.result : undefined;
  if (result) printed.learn(result.stdout + result.stderr);
  if (step.kind === 'let' && step.value !== null) printed.learn(step.value);
}
