// `--jobs N`: files spread over this thread and N-1 worker threads, events put back in
// file order so every reporter sees the same stream as a one-thread run.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { countResult, emptyCounts, type Counts, type RunEvent } from '../runner/events.js';
import { openBackends, runHere, type RunSettings } from './execute.js';
import type { FromWorker, ToWorker } from './worker.js';

/**
 * Files handed to a worker ahead of the one it runs: with one at a time, a suite of small
 * files waits on a message round trip per file (measured: 2,000 one-scenario files ran
 * slower on two threads than on one).
 */
const IN_FLIGHT = 4;

export async function runInWorkers(paths: string[], settings: RunSettings, jobs: number, emit: (e: RunEvent) => void): Promise<Counts> {
  const started = performance.now();
  const counts = emptyCounts();
  emit({ type: 'runStart', files: paths, backends: settings.backends });
  const buffered: RunEvent[][] = paths.map(() => []);
  const done: boolean[] = paths.map(() => false);
  let next = 0; // the file whose events stream out now
  let dispatched = 0;
  let stopAfter = Infinity; // --bail: no file after this index is reported

  const deliver = (index: number, event: RunEvent): void => {
    if (index > stopAfter) return;
    if (event.type === 'fileEnd') {
      for (const r of event.results) countResult(counts, r);
      if (event.diagnostics.some((d) => d.severity === 'error')) counts.invalidFiles++;
      if (settings.bail && event.results.some((r) => r.status === 'failed' || r.status === 'errored')) stopAfter = Math.min(stopAfter, index);
    }
    emit(event);
  };
  const flush = (): void => {
    while (next < paths.length && next <= stopAfter) {
      for (const e of buffered[next].splice(0)) deliver(next, e);
      if (!done[next]) return;
      next++;
    }
  };

  // The next file for a thread to run, or -1 once there is none (or --bail stopped).
  const take = (): number => (dispatched < paths.length && dispatched <= stopAfter ? dispatched++ : -1);

  // This thread is one of the `jobs`: a worker more would be one more isolate to start and
  // warm up, and one more thread wanting a core while this one only waits for messages.
  // bin/worker.js loads the bundle with its code cache, as bin/dnet-test.js does (src/cli,
  // dist/cli and dist/bundle all sit two levels below the package root).
  const entry = new URL('../../bin/worker.js', import.meta.url);
  const workers = Array.from({ length: Math.min(jobs, paths.length) - 1 }, () => new Worker(entry, { workerData: settings }));
  // TurboFan off, for this thread and the workers (the flag is the process's): it compiles
  // on a thread of its own, so one thread alone keeps ~1.5 cores busy and a second only
  // competes with it. Without it each thread is one core, a little slower on its own (a
  // run is mostly short-lived code; measured on 2 cores: 2,000 small files 1.38 s on one
  // thread with TurboFan, 0.93 s on two without; docs/cli.md has the series). One thread
  // keeps TurboFan: there the core it compiles on is free.
  // Only once every worker has loaded: V8 takes a code cache only under the flags it was
  // made with, Node's cache of its own modules as well as the bundle's, and a worker
  // started under other flags compiled ~150 of Node's modules from source (a worker's
  // first message came after ~60 ms instead of ~25 ms; callgrind: +170 M instructions).
  let loading = workers.length;
  const loaded = (): void => {
    if (--loading === 0) setFlagsFromString('--no-opt');
  };
  const inWorkers = new Promise<void>((resolve, reject) => {
    let finished = 0;
    if (workers.length === 0) resolve();
    const stopped = new Set<Worker>();
    // The next file, or once there is none the one `stop` (it waits behind the files sent).
    const feed = (worker: Worker): void => {
      const index = take();
      if (index >= 0) worker.postMessage({ type: 'file', index, path: paths[index] } satisfies ToWorker);
      else if (!stopped.has(worker)) {
        stopped.add(worker);
        worker.postMessage({ type: 'stop' } satisfies ToWorker);
      }
    };
    for (const worker of workers) {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          loaded();
          return;
        }
        if (m.type === 'crash') {
          reject(Object.assign(new Error(m.message), { stack: m.stack }));
          return;
        }
        for (const e of m.events) buffered[m.index].push(e);
        if (m.done) {
          done[m.index] = true;
          feed(worker);
        }
        flush();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        if (++finished === workers.length) resolve();
      });
      // Each worker is handed the first files at once, before this thread takes any, so
      // the output (in file order) waits for the workers' start (~0.1-0.3 s); in exchange
      // every run of more than one thread uses them, the tests' small ones included.
      for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
    }
  });
  // This thread's share: a file at a time, taken from the same queue as the workers' (so
  // a slow file does not hold the rest back), its events buffered like theirs.
  const here = (async () => {
    const open = await openBackends(settings.backends);
    try {
      for (let index = take(); index >= 0; index = take()) {
        await runHere([paths[index]], settings, open, (event) => {
          if (event.type !== 'runStart' && event.type !== 'runEnd') buffered[index].push(event);
        });
        done[index] = true;
        flush();
        // The simulator runs a file without going back to the event loop: let the
        // workers' messages in (their next files, their events) before the next one.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      await open.dispose();
    }
  })();
  await Promise.all([inWorkers, here]).finally(() => Promise.all(workers.map((w) => w.terminate())));
  flush();
  emit({ type: 'runEnd', counts, duration: performance.now() - started });
  return counts;
}
