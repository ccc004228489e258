// `dnet-test [PATH…]`: find files, pick backends, run (here or in workers), report, exit code.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Counts } from '../runner/events.js';
import type { RunArgs } from './args.js';
import { discover, shard } from './discover.js';
import { openBackends, runHere, type RunSettings } from './execute.js';
import { setUpReporters } from './reporting.js';

export async function run(args: RunArgs): Promise<number> {
  if (args.watch) {
    const { watchRuns } = await import('./watch.js');
    return watchRuns(args, () => runOnce(args));
  }
  return runOnce(args);
}

async function runOnce(args: RunArgs): Promise<number> {
  const reporting = await setUpReporters(args.reporters, args.color);
  let files = await discover(args.paths);
  if (args.shard) files = shard(files, args.shard.index, args.shard.total);
  const settings: RunSettings = { filters: args.filters, tags: args.tags, bail: args.bail, backends: args.backends, compareOutput: args.compareOutput, stepEvents: reporting.wantsSteps };
  const emit = reporting.emit.bind(reporting);
  let counts: Counts;
  const jobs = jobsFor(args, files);
  try {
    if (jobs > 1) {
      const { runInWorkers } = await import('./parallel.js');
      counts = await runInWorkers(files, settings, jobs, emit);
    } else {
      const open = await openBackends(args.backends);
      try {
        counts = (await runHere(files, settings, open, emit)).counts;
      } finally {
        await open.dispose();
      }
    }
  } finally {
    // What the reporters said before a failure is out before the error is.
    reporting.flush();
  }
  await reporting.finish();
  if (counts.invalidFiles > 0) return 2;
  if (counts.passed + counts.failed + counts.skipped === 0) {
    // As Vitest and Jest do for "no tests found": a selection that runs nothing is most
    // likely a typo in -t/--tag, and must not pass CI silently.
    process.stderr.write(`warning: ${noMatchLine(args, files.length)}\n`);
    return args.passWithNoScenarios ? 0 : 1;
  }
  return counts.failed > 0 ? 1 : 0;
}

/** `no scenario matched -t "x" --tag dns in 3 files`: the selection, as the user typed it. */
export function noMatchLine(args: Pick<RunArgs, 'filters' | 'tags' | 'shard'>, files: number): string {
  const selection = [
    ...args.filters.map((f) => `-t ${JSON.stringify(f)}`),
    ...args.tags.map((t) => `--tag ${t}`),
    ...(args.shard ? [`--shard ${args.shard.index}/${args.shard.total}`] : []),
  ];
  const where = `in ${files} file${files === 1 ? '' : 's'}`;
  const hint = '(--pass-with-no-scenarios makes this exit 0)';
  return selection.length ? `no scenario matched ${selection.join(' ')} ${where} ${hint}` : `no scenario found ${where} ${hint}`;
}

/**
 * Source bytes that pay back one more thread: a worker starts an isolate and loads the
 * parser and engine again (~0.1-0.3 s before its first file), in which this thread runs
 * ~300 KB of scenarios (measured on 2 cores: 400 of the bench's files, 280 KB, took the
 * same on one thread and on two; 800 files, 550 KB, 15% less on two). See docs/cli.md.
 */
export const BYTES_PER_WORKER = 300_000;

/**
 * The default thread count: 1, and one more per BYTES_PER_WORKER of source, up to the
 * cores. (Each thread keeps one core busy: with TurboFan off, bin/load-bundle.js, V8
 * compiles on no thread of its own.)
 */
export function defaultJobs(totalBytes: number, cores: number): number {
  return Math.max(1, Math.min(cores, 1 + Math.floor(totalBytes / BYTES_PER_WORKER)));
}

function jobsFor(args: RunArgs, files: string[]): number {
  // The docker backend has one engine and each scenario needs it fresh: one at a time.
  if (args.backends.includes('docker')) return 1;
  if (args.jobs !== null) return Math.max(1, Math.min(args.jobs, files.length, availableParallelism() * 4));
  const cores = availableParallelism();
  if (cores < 2 || files.length === 1) return 1;
  // Sizes one by one, synchronously, and only until every core would be used: a promise
  // per file cost ~50 ms on 2,000 files (statSync: ~10 ms), more than the rest of the choice.
  const enough = BYTES_PER_WORKER * (cores - 1);
  let total = 0;
  for (let i = 0; i < files.length && total < enough; i++) total += statSync(files[i]).size;
  return Math.min(files.length, defaultJobs(total, cores));
}
