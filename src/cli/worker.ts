// A worker thread of `--jobs N`: runs the files it is handed, one at a time and in the
// order given (several may wait), and posts the runner's events back (the main thread
// orders them and feeds the reporters).
import { parentPort, workerData } from 'node:worker_threads';
import type { RunEvent } from '../runner/events.js';
import { openBackends, runHere, type OpenBackends, type RunSettings } from './execute.js';

export type ToWorker = { type: 'file'; index: number; path: string } | { type: 'stop' };
export type FromWorker =
  /** The bundle is loaded: the parent may change V8's flags now (src/cli/parallel.ts). */
  | { type: 'ready' }
  /** `done`: the file's last events (the worker takes the next file). */
  | { type: 'events'; index: number; events: RunEvent[]; done: boolean }
  | { type: 'crash'; message: string; stack?: string };

/** How long a file's events may wait in the worker before they go out. */
const SEND_AFTER_MS = 100;

const port = parentPort;
if (port) {
  const settings = workerData as RunSettings;
  let open: Promise<OpenBackends> | null = null;
  const post = (m: FromWorker): void => port.postMessage(m);
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(() => handle(m));
  });
  post({ type: 'ready' });
  const handle = async (m: ToWorker): Promise<void> => {
    if (m.type === 'stop') {
      if (open) await (await open).dispose();
      port.close();
      return;
    }
    try {
      open ??= openBackends(settings.backends);
      // A file's events go out in one message with its end. A file that runs long sends
      // what it has at each scenario's end once SEND_AFTER_MS has passed since the last
      // message, so progress still shows; a message per step or per scenario would cost
      // more in copying between threads than small scenarios take to run.
      let batch: RunEvent[] = [];
      let sent = performance.now();
      await runHere([m.path], settings, await open, (event) => {
        // The main thread says when the run starts and ends, and counts.
        if (event.type === 'runStart' || event.type === 'runEnd') return;
        batch.push(event);
        if (event.type === 'scenarioEnd' && performance.now() - sent > SEND_AFTER_MS) {
          post({ type: 'events', index: m.index, events: batch, done: false });
          batch = [];
          sent = performance.now();
        }
      });
      post({ type: 'events', index: m.index, events: batch, done: true });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'crash', message: err.message, stack: err.stack });
    }
  };
}
