// Ctrl-C in the middle of a scenario on the real engine: the CLI (bin/dnet-test.js, built
// by `npm run build`) must leave no container or network behind and exit 130.
// Needs the built CLI (dist/cli/main.js, written by the runner engineer) — skipped with
// a one-line reason until it exists.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCKER_BIN } from '../../src/backends/docker/host.js';
import { spawnProcess } from '../../src/backends/docker/proc.js';
import { enginesOwnedBy, noEngine } from './helpers.js';

const cliBuilt = existsSync('dist/cli/main.js') && existsSync('dist/backends/docker/index.js');
if (!cliBuilt) console.warn('CLI SIGINT test skipped: dist/cli/main.js or dist/backends/docker/index.js missing (run `npm run build`)');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe.skipIf(noEngine || !cliBuilt)('dnet-test --backend docker, interrupted', () => {
  it.each(['private', 'shared'] as const)('cleans up on SIGINT and exits 130 (%s engine)', async (mode) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DNET_DOCKER_ENGINE: mode, NO_COLOR: '1' };
    delete env.DOCKER_HOST;
    const child = spawn(process.execPath, ['bin/dnet-test.js', '--backend', 'docker', 'test/backends-docker/fixtures/interrupted.dnet'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => { output += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const pid = child.pid as number;

    // Wait until the foreground container runs: the scenario is then mid-way.
    let running = false;
    let gone = false;
    void exited.then(() => { gone = true; });
    // Generous: engine start-up on a loaded machine can take tens of seconds.
    for (let i = 0; i < 360 && !running && !gone; i++) {
      await sleep(250);
      // A private run may hold two engines (its current one and a standby): find the busy one.
      const candidates = mode === 'private' ? enginesOwnedBy(pid).map((root) => ({ ...env, DOCKER_HOST: `unix://${root}/docker.sock` })) : [env];
      for (const candidate of candidates) {
        const r = await spawnProcess(DOCKER_BIN, ['inspect', '-f', '{{.State.Running}}', 'h-sigint-fg'], { env: candidate, timeoutMs: 5000 });
        if (r.stdout.trim() === 'true') {
          running = true;
        }
      }
    }
    expect(running, output).toBe(true);
    const roots = mode === 'private' ? enginesOwnedBy(pid) : [];
    const runLabel = mode === 'shared'
      ? (await spawnProcess(DOCKER_BIN, ['inspect', '-f', '{{index .Config.Labels "dnet-test.run"}}', 'h-sigint-a'], { env })).stdout.trim()
      : '';

    child.kill('SIGINT');
    const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout' as const)]);
    expect(code, output).toBe(130);

    if (mode === 'private') {
      // The whole private engine is gone: daemon, namespace and folder.
      expect(roots.length).toBeGreaterThan(0);
      for (const root of [...roots, ...enginesOwnedBy(pid)]) expect(existsSync(root)).toBe(false);
    } else {
      expect(runLabel).not.toBe('');
      const ps = await spawnProcess(DOCKER_BIN, ['ps', '-aq', '--filter', `label=dnet-test.run=${runLabel}`], { env });
      const nets = await spawnProcess(DOCKER_BIN, ['network', 'ls', '-q', '--filter', `label=dnet-test.run=${runLabel}`], { env });
      expect(ps.stdout + nets.stdout).toBe('');
    }
  });
});
