// A `--jobs` worker thread's entry (src/cli/parallel.ts starts it): the same bundle as the
// main thread, with the code cache made under a worker's V8 flags.
import { loadBundle } from './load-bundle.js';

await loadBundle({ worker: true }).exports.startWorker();
