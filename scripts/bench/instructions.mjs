// `--only instructions`: what a run costs in machine instructions, counted by callgrind.
// Why: on a shared machine wall-clock A/B runs move by ±5–10% with other load, more than
// most single changes gain; callgrind counts the same ±1% whatever else runs. Node runs
// with --single-threaded so that compiling and collecting are counted on the one thread
// (V8's heuristics still look at the clock: about one run in fifteen comes out ~15% off,
// so each figure is the lower of two runs). Slow: ~1 minute a run under valgrind.
import { spawnSync } from 'node:child_process';
import { cliPath } from './measure.mjs';

export function valgrindMissing() {
  const v = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return v.status === 0 ? null : 'valgrind is not installed (apt-get install valgrind)';
}

/** Instructions of `node --single-threaded bin/dnet-test.js args`, the lower of `n` runs. */
export function instructionsOf(args, n = 2) {
  let best = Infinity;
  for (let k = 0; k < n; k++) {
    const env = { ...process.env, NO_COLOR: '1' };
    delete env.NODE_EXTRA_CA_CERTS; // Node's reading of the CA bundle is not dnet-test's cost
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', cliPath, ...args],
      { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`callgrind gave no count (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
    best = Math.min(best, Number(m[1]));
  }
  return best;
}
