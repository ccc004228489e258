// A `--jobs` worker thread's entry (src/cli/parallel.ts starts it): the same bundle as the
// main thread, with the same code cache (it starts under the same V8 flags: the parent
// turns TurboFan off only once every worker has loaded, src/cli/parallel.ts says why).
import { loadBundle } from './load-bundle.js';

await loadBundle().exports.startWorker();
