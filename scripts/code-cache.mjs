// The training run of scripts/bundle.mjs: loads the bundle as bin/dnet-test.js does, runs
// the project's scenarios on the simulator with the default and JSON reporters (output
// discarded), and writes V8's code cache of every function that ran beside the bundle.
// --jobs workers load the same cache (src/cli/parallel.ts keeps their flags until then).
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCachePath, loadBundle } from '../bin/load-bundle.js';

const scratch = mkdtempSync(join(tmpdir(), 'dnet-code-cache-'));
const { exports, script } = loadBundle();
const write = process.stdout.write;
process.stdout.write = () => true; // the pretty reporter's output: not wanted in a build log
try {
  const code = await exports.main(['scenarios/', '--jobs', '1', '--reporter', 'pretty', '--reporter', `json=${join(scratch, 'report.json')}`]);
  // A failing scenario still trains the cache; a crash or an unusable file does not.
  if (code !== 0 && code !== 1) throw new Error(`the training run of scenarios/ exited ${code}`);
} finally {
  process.stdout.write = write;
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(codeCachePath, script.createCachedData());
