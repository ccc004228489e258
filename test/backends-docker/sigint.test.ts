// SIGINT mid-scenario through the backend API (the CLI variant is cli-sigint.test.ts):
// the backend's own handler removes what the scenario created and exits 130.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCKER_BIN } from '../../src/backends/docker/host.js';
import { spawnProcess } from '../../src/backends/docker/proc.js';
import { enginesOwnedBy, noEngine } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe.skipIf(noEngine)('SIGINT mid-scenario (backend API)', () => {
  let compiled = '';
  beforeAll(() => {
    // The driver is plain node: compile the backend (and what it imports) first.
    // Inside node_modules, so the compiled files resolve their packages (ipaddr.js).
    mkdirSync('node_modules/.cache', { recursive: true });
    compiled = mkdtempSync(resolve('node_modules/.cache/dnet-docker-compiled-'));
    const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--outDir', compiled, '--rootDir', 'src',
      '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck',
      '--types', 'node', 'src/backends/docker/index.ts'], { encoding: 'utf8' });
    // Type errors elsewhere in the tree (others mid-edit) do not stop tsc from emitting.
    expect(existsSync(join(compiled, 'backends/docker/index.js')), tsc.stdout + tsc.stderr).toBe(true);
  });
  afterAll(() => rmSync(compiled, { recursive: true, force: true }));

  it.each(['private', 'shared'] as const)('leaves nothing behind and exits 130 (%s engine)', async (mode) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DOCKER_HOST;
    delete env.DNET_DOCKER_ENGINE;
    const child = spawn(process.execPath, [resolve('test/backends-docker/fixtures/interrupt-driver.mjs'), compiled, mode],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => { output += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const pid = child.pid as number;

    let dockerEnv = env;
    let running = false;
    let gone = false;
    void exited.then(() => { gone = true; });
    // Generous: engine start-up on a loaded machine can take tens of seconds.
    for (let i = 0; i < 360 && !running && !gone; i++) {
      await sleep(250);
      if (!output.includes('ready')) continue;
      // A private run may hold two engines (its current one and a standby): find the busy one.
      const candidates = mode === 'private' ? enginesOwnedBy(pid).map((root) => ({ ...env, DOCKER_HOST: `unix://${root}/docker.sock` })) : [env];
      for (const candidate of candidates) {
        const r = await spawnProcess(DOCKER_BIN, ['inspect', '-f', '{{.State.Running}}', 'h-sigint2-fg'], { env: candidate, timeoutMs: 5000 });
        if (r.stdout.trim() === 'true') {
          running = true;
          dockerEnv = candidate;
        }
      }
    }
    expect(running, output).toBe(true);
    const roots = mode === 'private' ? enginesOwnedBy(pid) : [];
    const label = (await spawnProcess(DOCKER_BIN, ['inspect', '-f', '{{index .Config.Labels "dnet-test.run"}}', 'h-sigint2-a'], { env: dockerEnv })).stdout.trim();

    child.kill('SIGINT');
    expect(await Promise.race([exited, sleep(60_000).then(() => 'timeout')]), output).toBe(130);

    if (mode === 'private') {
      expect(roots.length).toBeGreaterThan(0);
      for (const root of [...roots, ...enginesOwnedBy(pid)]) {
        expect(existsSync(root)).toBe(false);
        expect(spawnSync('pgrep', ['-f', root]).stdout.toString()).toBe('');
      }
    } else {
      expect(label).not.toBe('');
      const ps = await spawnProcess(DOCKER_BIN, ['ps', '-aq', '--filter', `label=dnet-test.run=${label}`], { env });
      const nets = await spawnProcess(DOCKER_BIN, ['network', 'ls', '-q', '--filter', `label=dnet-test.run=${label}`], { env });
      expect(ps.stdout + nets.stdout).toBe('');
      expect((await spawnProcess(DOCKER_BIN, ['inspect', 'h-sigint2-fg'], { env })).exitCode).toBe(1);
    }
  });
});
