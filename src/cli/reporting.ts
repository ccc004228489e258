// `--reporter NAME[=PATH]` → reporters, each with its own destination: stdout as the
// run goes, or a file written when the run ends.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importModule } from './import-module.js';
import { closest } from '../docker-cli/closest.js';
import { feed, isReporterName, loadReporter, reporterNames, type Reporter, type ReporterFactory, type ReporterOptions } from '../reporters/index.js';
import type { RunEvent } from '../runner/events.js';
import { UsageError, type ReporterSpec } from './args.js';
import { chalkFor } from './color.js';

interface Destination {
  reporter: Reporter;
  path: string | null;
  buffer: string;
}

export interface Reporting {
  emit(event: RunEvent): void;
  /** Some reporter has onStepEnd: the runner need not make stepEnd events otherwise. */
  readonly wantsSteps: boolean;
  /** Writes what is still held for stdout (also done by finish, and at runEnd). */
  flush(): void;
  /** Writes the file destinations. */
  finish(): Promise<void>;
}

/**
 * Held stdout text is written once this much is there, or this long after the last write.
 * On a terminal every piece goes out at once (the live line is redrawn in place); to a file
 * or a pipe, the simulator's thousands of scenarios a second each gave a write call of
 * their own (a dot: one syscall, ~15-25 µs, for one byte), more than a small scenario's run.
 */
const HOLD_BYTES = 16_384;
const HOLD_MS = 100;

export async function setUpReporters(specs: ReporterSpec[], color: boolean | null): Promise<Reporting> {
  const wanted = specs.length ? specs : [{ name: 'pretty', path: null }];
  for (const spec of wanted) {
    if (!isReporterName(spec.name) && !isModulePath(spec.name)) {
      const guess = closest(spec.name, reporterNames);
      throw new UsageError(`unknown reporter '${spec.name}' (known: ${reporterNames.join(', ')}, or a module path such as ./my-reporter.js)${guess ? `\n  did you mean '${guess}'?` : ''}`);
    }
    if (spec.path === '') throw new UsageError(`--reporter ${spec.name}= needs a file path after '='`);
  }
  const destinations: Destination[] = [];
  // A transient line is safe only when no other reporter writes to the same terminal.
  const aloneOnStdout = wanted.filter((spec) => spec.path === null).length === 1;
  for (const spec of wanted) {
    const factory = isReporterName(spec.name) ? await loadReporter(spec.name) : await loadModuleReporter(spec.name);
    const stream = spec.path === null ? process.stdout : null;
    const chalk = await chalkFor(color, stream);
    destinations.push({ reporter: factory({ chalk, live: aloneOnStdout && !!stream?.isTTY, columns: stream?.columns }), path: spec.path, buffer: '' });
  }
  // Only the built-in reporters' text is held: a reporter module may also write to the
  // console itself, and its own lines must keep their place among the returned text.
  const hold = !process.stdout.isTTY && wanted.every((spec) => spec.path !== null || isReporterName(spec.name));
  let held = '';
  let lastWrite = performance.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    lastWrite = performance.now();
    if (held === '') return;
    const text = held;
    held = '';
    process.stdout.write(text);
  };
  return {
    wantsSteps: destinations.some((d) => typeof d.reporter.onStepEnd === 'function'),
    emit(event) {
      for (const d of destinations) {
        const text = feed(d.reporter, event);
        if (!text) continue;
        if (d.path !== null) d.buffer += text;
        else if (hold) held += text;
        else process.stdout.write(text);
      }
      if (held === '') return;
      if (event.type === 'runEnd' || held.length >= HOLD_BYTES || performance.now() - lastWrite >= HOLD_MS) flush();
      // A backend that waits on I/O (the docker engine) lets the timer run: held text
      // goes out within HOLD_MS even when no event follows for a while.
      else timer ??= setTimeout(flush, HOLD_MS).unref();
    },
    flush,
    async finish() {
      flush();
      for (const d of destinations) {
        if (d.path === null) continue;
        await mkdir(dirname(d.path), { recursive: true });
        await writeFile(d.path, d.buffer);
      }
    },
  };
}

/** `./x.js`, `/abs/x.mjs`, `../y.js`: a reporter module, as Vitest's `--reporter` takes. */
function isModulePath(name: string): boolean {
  return /^\.{0,2}\//.test(name) || /\.[cm]?js$/.test(name);
}

const hookNames = new Set(['onRunStart', 'onFileStart', 'onFileDiagnostics', 'onScenarioStart', 'onStepEnd', 'onScenarioEnd', 'onFileEnd', 'onRunEnd']);

function asReporter(value: unknown, name: string): Reporter {
  const hooks = value && typeof value === 'object' ? Object.keys(value).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(value) ?? {})) : [];
  if (!hooks.some((k) => hookNames.has(k))) {
    throw new UsageError(`reporter module ${name} gave no reporter: it needs hooks such as onScenarioEnd or onRunEnd`);
  }
  return value as Reporter;
}

/**
 * A module whose default export is a reporter object, a factory `({chalk, live}) => reporter`,
 * or a class constructed with those options (Vitest's custom reporters are classes).
 */
async function loadModuleReporter(name: string): Promise<ReporterFactory> {
  let mod: { default?: unknown };
  try {
    mod = (await importModule(pathToFileURL(resolve(name)).href)) as { default?: unknown };
  } catch (e) {
    throw new UsageError(`cannot load reporter module ${name}: ${(e as Error).message}`);
  }
  const exported = mod.default;
  if (typeof exported === 'function') {
    const isClass = /^class[\s{]/.test(Function.prototype.toString.call(exported));
    return (options: ReporterOptions) =>
      asReporter(isClass ? new (exported as new (o: ReporterOptions) => unknown)(options) : (exported as (o: ReporterOptions) => unknown)(options), name);
  }
  const reporter = asReporter(exported, name);
  return () => reporter;
}
