// Loads the bundled CLI (dist/bundle/dnet-test.cjs) through V8's code cache.
// Why: a cold start spends more time compiling the CLI's functions than running them for a
// small file; Node 20 has no module compile cache (module.enableCompileCache is Node 22),
// so the launcher does what it does: vm.Script with `cachedData`, the bytecode V8 wrote
// after a training run at build time (scripts/bundle.mjs). A cache V8 rejects (another
// Node, other V8 flags, a rebuilt bundle) only costs the compile it would have saved.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const bundlePath = fileURLToPath(new URL('../dist/bundle/dnet-test.cjs', import.meta.url));
export const codeCachePath = `${bundlePath}.cache`;

/**
 * The bundle's exports (`main`, `startWorker`), and its Script (for createCachedData).
 * A `--jobs` worker loads it the same way: V8 takes a cache only under the flags it was
 * made with, so the parent leaves its flags alone until the workers have loaded.
 */
export function loadBundle() {
  const source = readFileSync(bundlePath, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(codeCachePath);
  } catch {
    cachedData = undefined; // not built yet: compile as usual
  }
  // The CommonJS wrapper, on the first line so stack traces keep the bundle's line numbers.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  // import() inside a vm.Script has no loader: custom reporter modules come through ours.
  module.exports.setModuleImporter((url) => import(url));
  return { exports: module.exports, script };
}
