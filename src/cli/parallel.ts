// `--jobs N`: files spread over worker threads, events put back in file order so every
// reporter sees the same stream as a one-thread run.
import { Worker } from 'node:worker_threads';
import { countResult, emptyCounts, type Counts, type RunEvent } from '../runner/events.js';
import type { RunSettings } from './execute.js';
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

  // bin/worker.js loads the bundle with its code cache, as bin/dnet-test.js does (src/cli,
  // dist/cli and dist/bundle all sit two levels below the package root).
  const entry = new URL('../../bin/worker.js', import.meta.url);
  const workers = Array.from({ length: Math.min(jobs, paths.length) }, () => new Worker(entry, { workerData: settings }));
  await new Promise<void>((resolve, reject) => {
    let finished = 0;
    const stopped = new Set<Worker>();
    // The next file, or once there is none the one `stop` (it waits behind the files sent).
    const feed = (worker: Worker): void => {
      if (dispatched < paths.length && dispatched <= stopAfter) {
        const index = dispatched++;
        worker.postMessage({ type: 'file', index, path: paths[index] } satisfies ToWorker);
      } else if (!stopped.has(worker)) {
        stopped.add(worker);
        worker.postMessage({ type: 'stop' } satisfies ToWorker);
      }
    };
    for (const worker of workers) {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'crash') {
          reject(Object.assign(new Error(m.message), { stack: m.stack }));
          return;
        }
        if (m.type === 'events') for (const e of m.events) buffered[m.index].push(e);
        else {
          done[m.index] = true;
          feed(worker);
        }
        flush();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        if (++finished === workers.length) resolve();
      });
      for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
    }
  }).finally(() => Promise.all(workers.map((w) => w.terminate())));
  flush();
  emit({ type: 'runEnd', counts, duration: performance.now() - started });
  return counts;
}
