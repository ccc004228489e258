// The shared engine (the machine's daemon, used by others too): the backend labels what
// it creates, refuses names and objects it did not create, and removes only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerBackend, RefusedError } from '../../src/backends/docker/index.js';
import { DOCKER_BIN } from '../../src/backends/docker/host.js';
import { spawnProcess } from '../../src/backends/docker/proc.js';
import type { Backend } from '../../src/backends/backend.js';
import { context, isTraffic, spyingSpawner } from './helpers.js';

const env = { ...process.env };
delete env.DOCKER_HOST;
const docker = (...args: string[]) => spawnProcess(DOCKER_BIN, args, { env, timeoutMs: 60_000 });
const shared = await docker('version', '--format', '{{.Server.Version}}').then((r) => r.exitCode === 0, () => false);
if (!shared) console.warn('shared-engine tests skipped: no daemon answers on the default socket');

describe.skipIf(!shared)('docker backend (shared engine)', () => {
  const spy = spyingSpawner();
  let backend: Backend;
  let foreignIp = '';
  beforeAll(async () => {
    await docker('rm', '-f', 'h-docker-foreign');
    await docker('network', 'rm', 'h-docker-foreign-net');
    expect((await docker('run', '-d', '--name', 'h-docker-foreign', 'busybox', 'sleep', '300')).exitCode).toBe(0);
    expect((await docker('network', 'create', 'h-docker-foreign-net')).exitCode).toBe(0);
    foreignIp = (await docker('inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'h-docker-foreign')).stdout.trim();
    backend = createDockerBackend({ engine: 'shared', spawner: spy.spawner, handleSignals: false });
  });
  afterAll(async () => {
    await backend.dispose();
    await docker('rm', '-f', 'h-docker-foreign');
    await docker('network', 'rm', 'h-docker-foreign-net');
  });

  it('refuses to create over, or act on, objects it did not create', async () => {
    const s = await backend.open(context('refusal'));
    try {
      await expect(s.run('docker', ['run', '-d', '--name', 'h-docker-foreign', 'busybox', 'true']))
        .rejects.toThrow(new RefusedError('refused: container "h-docker-foreign" already exists on the engine (not created by this run)'));
      await expect(s.run('docker', ['network', 'create', 'h-docker-foreign-net']))
        .rejects.toThrow('refused: network "h-docker-foreign-net" already exists on the engine (not created by this run)');
      await expect(s.run('docker', ['rm', '-f', 'h-docker-foreign'])).rejects.toThrow(RefusedError);
      await expect(s.run('docker', ['network', 'prune', '-f'])).rejects.toThrow(RefusedError);
      await expect(s.run('docker', ['image', 'prune', '-a', '-f'])).rejects.toThrow(RefusedError);
      await expect(s.run('docker', ['rmi', 'busybox'])).rejects.toThrow('refused: image "busybox" was not created by this run (shared engine)');
      // A pull would leave the machine: refused, and a missing image is never fetched.
      await expect(s.run('docker', ['pull', 'busybox']))
        .rejects.toThrow('refused: pulling "busybox" would reach a registry beyond this machine (shared engine: simulated only)');
      await expect(s.run('docker', ['run', '-d', '--name', 'h-docker-nopull', 'h-docker-no-such-image'])).rejects.toThrow(RefusedError);
      // A macvlan/ipvlan network would hang containers on the machine's own LAN.
      await expect(s.run('docker', ['network', 'create', '-d', 'macvlan', '-o', 'parent=eth0', 'h-docker-lan']))
        .rejects.toThrow("refused: a macvlan network would put containers on the machine's own LAN (shared engine: simulated only)");
      await expect(s.run('docker', ['network', 'create', '--driver=ipvlan', 'h-docker-lan'])).rejects.toThrow(RefusedError);
      expect((await docker('network', 'inspect', 'h-docker-lan')).exitCode).toBe(1);
      expect((await docker('inspect', 'h-docker-nopull')).exitCode).toBe(1);
      // Its own objects it may create, recreate and remove.
      expect((await s.run('docker', ['run', '-d', '--name', 'h-docker-mine', 'busybox', 'sleep', '60'])).exitCode).toBe(0);
      const again = await s.run('docker', ['run', '-d', '--name', 'h-docker-mine', 'busybox', 'sleep', '60']);
      expect(again.exitCode).toBe(125);
      expect(again.stderr).toContain('Conflict. The container name "/h-docker-mine" is already in use');
    } finally {
      await s.close();
    }
    expect((await docker('inspect', '-f', '{{.State.Running}}', 'h-docker-foreign')).stdout.trim()).toBe('true');
  });

  it('labels what it creates and removes exactly that on close', async () => {
    const s = await backend.open(context('labels'));
    let runLabel = '';
    try {
      await s.run('docker', ['network', 'create', 'h-docker-net']);
      await s.run('docker', ['run', '-d', '--name', 'h-docker-a', '--net', 'h-docker-net', 'busybox', 'sleep', '60']);
      await s.run('docker', ['create', '--name', 'h-docker-b', 'busybox']);
      runLabel = (await docker('inspect', '-f', '{{index .Config.Labels "dnet-test.run"}}', 'h-docker-a')).stdout.trim();
      expect(runLabel).not.toBe('');
      expect((await docker('network', 'inspect', '-f', '{{index .Labels "dnet-test.run"}}', 'h-docker-net')).stdout.trim()).toBe(runLabel);
      const ping = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'h-docker-a' }, target: 'h-docker-a' });
      expect(ping).toMatchObject({ status: 'answered', answer: { reached: true } });
    } finally {
      await s.close();
    }
    expect((await docker('ps', '-aq', '--filter', `label=dnet-test.run=${runLabel}`)).stdout).toBe('');
    expect((await docker('network', 'ls', '-q', '--filter', `label=dnet-test.run=${runLabel}`)).stdout).toBe('');
  });

  it('never sends a probe to another user\'s container, even on the same bridge', async () => {
    const s = await backend.open(context('foreign-traffic'));
    try {
      await s.run('docker', ['run', '-d', '--name', 'h-docker-src', 'busybox', 'sleep', '60']);
      const before = spy.calls.length;
      const out = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'h-docker-src' }, target: foreignIp });
      expect(out).toEqual({ status: 'unsupported', reason: `simulated only: ${foreignIp} is outside the scenario's networks` });
      const gw = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'h-docker-src' }, target: '172.17.0.1' });
      expect(gw).toMatchObject({ status: 'answered', answer: { reached: true } });
      expect(spy.calls.slice(before).filter(isTraffic).length).toBe(1); // the gateway ping only
    } finally {
      await s.close();
    }
  });

  it('refuses a command in a container that would send traffic outside the scenario', async () => {
    // Belt and braces: whatever the backend decides, this spawner never runs a command that
    // names one of these targets (192.0.2.1 is TEST-NET-1, example.com is reserved).
    const outside = ['192.0.2.1', 'example.com', 'google.com'];
    const blocked: string[][] = [];
    const guarded = spyingSpawner();
    const guard: typeof guarded.spawner = (command, args, options) => {
      if (args.some((a) => outside.some((o) => a.includes(o)))) {
        blocked.push([command, ...args]);
        return Promise.resolve({ stdout: '', stderr: 'blocked by the test', exitCode: 99, timedOut: false });
      }
      return guarded.spawner(command, args, options);
    };
    const own = createDockerBackend({ engine: 'shared', spawner: guard, handleSignals: false });
    const s = await own.open(context('outside-traffic'));
    try {
      await s.run('docker', ['network', 'create', 'h-docker-tnet']);
      await s.run('docker', ['run', '-d', '--name', 'h-docker-t1', '--net', 'h-docker-tnet', '--network-alias', 'web', 'busybox', 'sleep', '60']);
      await expect(s.run('docker', ['exec', 'h-docker-t1', 'ping', '-c', '1', '-W', '1', '192.0.2.1']))
        .rejects.toThrow("refused: docker exec would send traffic to 192.0.2.1 (shared engine): simulated only: 192.0.2.1 is outside the scenario's networks");
      await expect(s.run('docker', ['exec', 'h-docker-t1', 'wget', '-qO-', 'http://example.com/'])).rejects.toThrow(RefusedError);
      await expect(s.run('docker', ['exec', 'h-docker-t1', 'sh', '-c', 'sleep 0; nslookup google.com'])).rejects.toThrow(RefusedError);
      await expect(s.run('docker', ['run', '--rm', '--net', 'h-docker-tnet', 'busybox', 'ping', '-c', '1', 'google.com'])).rejects.toThrow(RefusedError);
      // A probe's lookup of a name outside the scenario is not sent either (the embedded
      // DNS would forward it to the host's resolver).
      expect(await s.probe({ kind: 'resolve', source: { kind: 'container', name: 'h-docker-t1' }, name: 'example.com' })).toEqual({ status: 'unsupported',
        reason: "simulated only: example.com is no container of the scenario (looking it up would leave the scenario's networks)" });
      expect(await s.probe({ kind: 'resolve', source: { kind: 'container', name: 'h-docker-t1' }, name: 'web' })).toMatchObject({ status: 'answered' });
      // The scenario's own names and addresses, loopback and the gateway are fine.
      expect((await s.run('docker', ['exec', 'h-docker-t1', 'ping', '-c', '1', '-W', '1', 'web'])).exitCode).toBe(0);
      expect((await s.run('docker', ['exec', 'h-docker-t1', 'ping', '-c', '1', '-W', '1', '127.0.0.1'])).exitCode).toBe(0);
      expect((await s.run('docker', ['exec', 'h-docker-t1', 'ping', '-c', '1', '-W', '1', 'h-docker-t1'])).exitCode).toBe(0);
      expect(blocked).toEqual([]);
    } finally {
      await s.close();
      await own.dispose();
    }
  });
});
