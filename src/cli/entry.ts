// What the bundle (scripts/bundle.mjs) exports to its launchers: bin/dnet-test.js calls
// `main`, bin/worker.js `startWorker` in each `--jobs` thread. One bundle serves both, so
// both start from the same V8 code cache.
export { main } from './main.js';
export { setModuleImporter } from './import-module.js';

/** Turns this thread into a `--jobs` worker (worker.ts listens on its parent port). */
export async function startWorker(): Promise<void> {
  await import('./worker.js');
}
