// Bundles the compiled CLI (dist/cli/entry.js: `main` and the `--jobs` worker) into one
// CommonJS file, dist/bundle/dnet-test.cjs, with esbuild, then writes its V8 code cache.
// Why: Node's ESM loader resolves, reads and compiles each of the ~125 modules (and
// yaml's CommonJS files) one by one at every start, and V8 then compiles each function on
// its first call. One file, loaded by bin/load-bundle.js through vm.Script with the
// bytecode a training run left (`cachedData`), starts in about half the time of the
// chunked ES module bundle (BENCHMARKS.md). CommonJS because vm.Script takes a script, not
// a module; import.meta.url becomes the bundle's own URL, which is what the modules used
// it for (files next to them). tsc still type-checks and emits dist/; this repackages it.
// The engine's data files are read at run time next to the module that reads them, so
// they are copied beside the bundle.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(dist, 'cli/entry.js')],
  outfile: join(out, 'dnet-test.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__dnetModuleUrl' },
  banner: { js: "const __dnetModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// An ASCII-only bundle: one non-ASCII character (a '…' in a comment esbuild keeps, a 'µ'
// in a regex) makes V8 hold the 1.3 MB source as UTF-16, decoded from UTF-8 at every
// start of every thread and scanned as two-byte text when a function compiles. Each such
// character becomes a \u escape: in comments it is only text, in strings and regexes it
// means the same character. A String.raw template would see the escape: none may hold one.
const bundled = readFileSync(join(out, 'dnet-test.cjs'), 'utf8');
for (const raw of bundled.matchAll(/String\.raw`([^`]*)`/g)) {
  if (/[^\x00-\x7f]|\$\{/.test(raw[1])) throw new Error(`bundle: a String.raw template holds non-ASCII text or a substitution: ${raw[1].slice(0, 80)}`);
}
if (/[^\x00-\x7f]/.test(bundled)) {
  const ascii = bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(join(out, 'dnet-test.cjs'), ascii);
}

const seen = new Map();
for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
  const from = join(entry.parentPath, entry.name);
  if (seen.has(entry.name)) throw new Error(`bundle: two data files named ${entry.name} (${seen.get(entry.name)}, ${from}) would meet in dist/bundle`);
  seen.set(entry.name, from);
  cpSync(from, join(out, entry.name));
}

// The code cache: a run of the project's own scenarios on the simulator (the parser, the
// checks, the engine, the runner, the reporters a run uses) compiles what a usual run
// needs; V8 then serialises that bytecode. Without scenarios/ (a trimmed package) the
// bundle still works, compiling as it goes.
if (existsSync(join(root, 'scenarios'))) {
  const trained = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.mjs')], { cwd: root, encoding: 'utf8' });
  if (trained.status !== 0) throw new Error(`bundle: the code-cache training run failed:\n${trained.stderr}`);
}
