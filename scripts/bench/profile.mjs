// `npm run bench -- --profile`: the CLI runs again under `node --cpu-prof`, and the
// profiles are summarised as self time per function and per file — where time goes,
// without opening a profiler.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { root, runCli } from './measure.mjs';

/** Self time (ms) per function and per file, summed over every profile in `dir`. */
function summarise(dir) {
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, k) => {
      const dt = (profile.timeDeltas[k] ?? 0) / 1000;
      const { functionName, url, lineNumber } = nodes.get(id).callFrame;
      const file = url ? relative(root, url.replace(/^file:\/\//, '')) : '(native)';
      const fn = `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
      byFile.set(file, (byFile.get(file) ?? 0) + dt);
      total += dt;
    });
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, functions: top(byFunction, 25), files: top(byFile, 15) };
}

/** Profiles `args` (one thread, so the worker threads do not split the picture). */
export async function profileRun(label, args, print) {
  const dir = mkdtempSync(join(tmpdir(), 'h-bench-prof-'));
  const r = await runCli(args, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const { total, functions, files } = summarise(dir);
  print(`profile ${label}: ${total.toFixed(0)} ms sampled, exit ${r.code}, profiles in ${dir}`);
  for (const [file, t] of files) print(`  file ${(t / total * 100).toFixed(1).padStart(5)}% ${t.toFixed(0).padStart(6)} ms  ${file}`);
  for (const [fn, t] of functions) print(`  self ${(t / total * 100).toFixed(1).padStart(5)}% ${t.toFixed(0).padStart(6)} ms  ${fn}`);
}
