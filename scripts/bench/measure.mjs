// Running the built CLI as a child process and measuring it: wall time (our clock, so it
// includes Node's start-up), CPU time and peak resident memory (GNU time when installed,
// otherwise a preloaded module that reports the child's own getrusage at exit).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'bin', 'dnet-test.js');
const hookPath = fileURLToPath(new URL('./rusage-hook.mjs', import.meta.url));

/** GNU time answers `--version`; BusyBox's and the shell keyword do not. */
export const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).stderr?.includes('GNU');

let counter = 0;

/**
 * Runs `node [nodeArgs] bin/dnet-test.js args`. With `usage`, also CPU seconds and peak
 * RSS (KB). Resolves with the exit code and the output.
 */
export function runCli(args, { nodeArgs = [], ...options } = {}) {
  return runNode([...nodeArgs, cliPath, ...args], options);
}

/** Runs `node argv`, measured as runCli says. `env` adds variables; an undefined value removes one. */
export async function runNode(nodeArgv, { usage = false, env = {} } = {}) {
  const usageFile = join(tmpdir(), `h-bench-usage-${process.pid}-${counter++}`);
  let command = process.execPath;
  let argv = nodeArgv;
  const childEnv = { ...process.env, NO_COLOR: '1' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  if (usage && gnuTime) {
    argv = ['-f', '%U %S %M', '-o', usageFile, command, ...argv];
    command = '/usr/bin/time';
  } else if (usage) {
    argv = ['--import', hookPath, ...argv];
    childEnv.H_BENCH_USAGE_FILE = usageFile;
  }
  const started = process.hrtime.bigint();
  const child = spawn(command, argv, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const result = { code, wallMs, stdout, stderr, cpuMs: null, maxRssKB: null };
  if (usage && existsSync(usageFile)) {
    const [user, sys, rss] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
    result.cpuMs = (user + sys) * 1000;
    result.maxRssKB = rss;
    rmSync(usageFile, { force: true });
  }
  return result;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (x) => `${x.toFixed(x < 10 ? 2 : x < 100 ? 1 : 0)} ms`;
export const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
