// A worker thread of `--jobs N`: runs the files it is handed, one at a time and in the
// order given (several may wait), and posts the runner's events back (the main thread
// orders them and feeds the reporters).
import { parentPort, workerData } from 'node:worker_threads';
import type { RunEvent } from '../runner/events.js';
import { openBackends, runHere, type OpenBackends, type RunSettings } from './execute.js';

export type ToWorker = { type: 'file'; index: number; path: string } | { type: 'stop' };
export type FromWorker =
  | { type: 'events'; index: number; events: RunEvent[] }
  | { type: 'done'; index: number }
  | { type: 'crash'; message: string; stack?: string };

const port = parentPort;
if (port) {
  const settings = workerData as RunSettings;
  let open: Promise<OpenBackends> | null = null;
  const post = (m: FromWorker): void => port.postMessage(m);
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(() => handle(m));
  });
  const handle = async (m: ToWorker): Promise<void> => {
    if (m.type === 'stop') {
      if (open) await (await open).dispose();
      port.close();
      return;
    }
    try {
      open ??= openBackends(settings.backends);
      // Events go out a scenario at a time: one message per step would cost more in
      // copying between threads than the step took to run.
      let batch: RunEvent[] = [];
      const send = (): void => {
        if (batch.length > 0) post({ type: 'events', index: m.index, events: batch });
        batch = [];
      };
      await runHere([m.path], settings, await open, (event) => {
        // The main thread says when the run starts and ends, and counts.
        if (event.type === 'runStart' || event.type === 'runEnd') return;
        batch.push(event);
        if (event.type === 'scenarioEnd' || event.type === 'fileEnd') send();
      });
      send();
      post({ type: 'done', index: m.index });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      post({ type: 'crash', message: err.message, stack: err.stack });
    }
  };
}
