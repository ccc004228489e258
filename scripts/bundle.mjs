// Bundles the compiled CLI (dist/cli/main.js and its worker) into dist/bundle/ with
// esbuild. Why: Node's ESM loader resolves, reads and compiles each of the ~125 modules
// (and yaml's CommonJS files) one by one at every start; one file per lazily loaded part
// (the front end, the simulator, the docker backend, each reporter…) starts in about half
// the time (BENCHMARKS.md). tsc still type-checks and emits dist/; this only repackages it.
// The engine's data files are read at run time next to the module that reads them, so
// they are copied beside the chunks.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: { main: join(dist, 'cli/main.js'), worker: join(dist, 'cli/worker.js') },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // yaml and ipaddr.js are CommonJS: inside an ES module bundle their `require` of Node's
  // own modules needs a real require.
  banner: { js: "import { createRequire as __dnetCreateRequire } from 'node:module'; const require = __dnetCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

const seen = new Map();
for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
  const from = join(entry.parentPath, entry.name);
  if (seen.has(entry.name)) throw new Error(`bundle: two data files named ${entry.name} (${seen.get(entry.name)}, ${from}) would meet in dist/bundle`);
  seen.set(entry.name, from);
  cpSync(from, join(out, entry.name));
}
