// A reporter: every hook optional, each fed one event, each returning the text to write
// (streaming reporters return text as they go; file formats return it all at runEnd).
// Reporters are pure: events in, text out; colour comes in with the options.
import type { ChalkInstance } from 'chalk';
import type { EventOf, RunEvent } from '../runner/events.js';

export interface ReporterOptions {
  /** `new Chalk({level: 0})` for plain text. */
  chalk: ChalkInstance;
  /**
   * The destination is an interactive terminal: a reporter may draw a transient line
   * there (the scenario now running) and overwrite it. False for files and pipes.
   */
  live?: boolean;
  /** The terminal's width when `live`: a transient line must fit on one row to be erased. */
  columns?: number;
}

type Hook<T extends RunEvent['type']> = (event: EventOf<T>) => string | void;

export interface Reporter {
  onRunStart?: Hook<'runStart'>;
  onFileStart?: Hook<'fileStart'>;
  onFileDiagnostics?: Hook<'fileDiagnostics'>;
  onScenarioStart?: Hook<'scenarioStart'>;
  onStepEnd?: Hook<'stepEnd'>;
  onScenarioEnd?: Hook<'scenarioEnd'>;
  onFileEnd?: Hook<'fileEnd'>;
  onRunEnd?: Hook<'runEnd'>;
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;

const hookOf = {
  runStart: 'onRunStart',
  fileStart: 'onFileStart',
  fileDiagnostics: 'onFileDiagnostics',
  scenarioStart: 'onScenarioStart',
  stepEnd: 'onStepEnd',
  scenarioEnd: 'onScenarioEnd',
  fileEnd: 'onFileEnd',
  runEnd: 'onRunEnd',
} as const satisfies { [T in RunEvent['type']]: keyof Reporter };

/** Hands one event to the matching hook; the text to write ('' when none). */
export function feed(reporter: Reporter, event: RunEvent): string {
  const hook = reporter[hookOf[event.type]] as ((e: RunEvent) => string | void) | undefined;
  return hook?.call(reporter, event) ?? '';
}

/** Runs a whole event list through a reporter (tests, and reporters of finished runs). */
export function render(reporter: Reporter, events: Iterable<RunEvent>): string {
  let out = '';
  for (const e of events) out += feed(reporter, e);
  return out;
}
