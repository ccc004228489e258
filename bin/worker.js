// A `--jobs` worker thread's entry (src/cli/parallel.ts starts it): the same bundle and
// code cache as the main thread.
import { loadBundle } from './load-bundle.js';

await loadBundle().exports.startWorker();
