// What the runner tells the reporters: events in run order, results as data.
// Results are unions on `status`, so `failures` exists only where it can (as Vitest's do).
import type { Location } from '../language/ast.js';
import type { CommandResult, Explanation } from '../backends/backend.js';

export type BackendName = 'sim' | 'docker';

/** One backend's view of a step, for a differential disagreement. */
export interface Observation {
  backend: BackendName;
  observed: string;
  why: Explanation | null;
}

/** A failed step, as data: where, what was expected, what was seen, and why. */
export interface Failure {
  kind: 'expectation' | 'command' | 'disagreement' | 'value';
  /** The headline: "expectation failed", "command failed (exit 125)". */
  message: string;
  loc: Location;
  expected: string;
  observed: string;
  why: Explanation | null;
  /** Docker's stderr, for a failed command. */
  stderr?: string;
  /** Differential runs: each backend's observation, side by side. */
  sides?: Observation[];
  /** The backend the failure was seen on (differential runs only). */
  backend?: BackendName;
}

/** An expectation the backend could not check (docker backend: traffic outside the scenario). */
export interface SimulatedOnly {
  loc: Location;
  reason: string;
}

export type StepResult =
  | { kind: 'command'; loc: Location; status: 'passed' | 'failed'; result: CommandResult }
  | { kind: 'let'; loc: Location; status: 'passed' | 'failed'; name: string; value: string | null }
  | { kind: 'file'; loc: Location; status: 'passed'; path: string }
  | {
      kind: 'expectation';
      loc: Location;
      status: 'passed' | 'failed' | 'unsupported';
      expected: string;
      observed: string;
      why: Explanation | null;
      /** For 'unsupported': why the backend would not check it. */
      reason?: string;
      attempts: number;
      /** `expect docker …`: the command's output (a differential run compares it). */
      result?: CommandResult;
    };

export type StepStatus = StepResult['status'];

interface ScenarioBase {
  file: string;
  title: string;
  tags: string[];
  loc: Location;
  /** Milliseconds. */
  duration: number;
  simulatedOnly: SimulatedOnly[];
}

export type ScenarioResult =
  | (ScenarioBase & { status: 'passed' })
  | (ScenarioBase & { status: 'failed'; failures: Failure[] })
  | (ScenarioBase & { status: 'skipped'; reason: string })
  /** The backend or the runner broke (I/O, a bug): not the scenario's fault. */
  | (ScenarioBase & { status: 'errored'; error: string; stack?: string });

export type ScenarioStatus = ScenarioResult['status'];

/** A parse/check problem, rendered by the CLI (colour chosen there) so reporters stay pure. */
export interface FileDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  loc: Location | null;
  /** The full formatted diagnostic (`error: … --> file:l:c …`), plain text. */
  rendered: string;
  /** The same with ANSI colours, for terminal reporters. */
  renderedColor?: string;
}

export interface Counts {
  passed: number;
  /** Failed and errored scenarios. */
  failed: number;
  skipped: number;
  /** Files with parse/check errors (nothing of them ran). */
  invalidFiles: number;
}

export interface ScenarioRef {
  file: string;
  title: string;
  loc: Location;
}

export type RunEvent =
  | { type: 'runStart'; files: string[]; backends: BackendName[] }
  | { type: 'fileStart'; file: string; source: string }
  | { type: 'fileDiagnostics'; file: string; diagnostics: FileDiagnostic[] }
  | { type: 'scenarioStart'; scenario: ScenarioRef }
  | { type: 'stepEnd'; scenario: ScenarioRef; backend: BackendName; step: StepResult }
  | { type: 'scenarioEnd'; result: ScenarioResult }
  | { type: 'fileEnd'; file: string; results: ScenarioResult[]; diagnostics: FileDiagnostic[] }
  | { type: 'runEnd'; counts: Counts; duration: number };

export type RunEventType = RunEvent['type'];
export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0, invalidFiles: 0 };
}

export function countResult(counts: Counts, result: ScenarioResult): void {
  if (result.status === 'passed') counts.passed++;
  else if (result.status === 'skipped') counts.skipped++;
  else counts.failed++;
}
