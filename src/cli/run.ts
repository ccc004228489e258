// `dnet-test [PATH…]`: find files, pick backends, run (here or in workers), report, exit code.
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
  const settings: RunSettings = { filters: args.filters, tags: args.tags, bail: args.bail, backends: args.backends };
  const emit = reporting.emit.bind(reporting);
  let counts: Counts;
  if (jobsFor(args, files.length) > 1) {
    const { runInWorkers } = await import('./parallel.js');
    counts = await runInWorkers(files, settings, jobsFor(args, files.length), emit);
  } else {
    const open = await openBackends(args.backends);
    try {
      counts = (await runHere(files, settings, open, emit)).counts;
    } finally {
      await open.dispose();
    }
  }
  await reporting.finish();
  if (counts.invalidFiles > 0) return 2;
  return counts.failed > 0 ? 1 : 0;
}

function jobsFor(args: RunArgs, files: number): number {
  // The docker backend has one engine and each scenario needs it fresh: one at a time.
  if (args.backends.includes('docker')) return 1;
  // Default one thread: each worker loads the parser and engine again (~1 s here), more
  // than the simulator needs for a whole suite of scenarios; `--jobs N` is there for big ones.
  return Math.max(1, Math.min(args.jobs ?? 1, files, availableParallelism() * 4));
}
