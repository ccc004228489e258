// The docker backend against a real engine: a scenario's commands, probes and cleanup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerBackend } from '../../src/backends/docker/index.js';
import type { Backend, BackendSession } from '../../src/backends/backend.js';
import { context, noEngine, spyingSpawner, isTraffic } from './helpers.js';

const spy = spyingSpawner();

describe.skipIf(noEngine)('docker backend (private engine)', () => {
  let backend: Backend;
  beforeAll(() => {
    backend = createDockerBackend({ engine: 'private', spawner: spy.spawner, handleSignals: false });
  });
  afterAll(async () => {
    await backend.dispose();
  });

  async function leftovers(session: BackendSession): Promise<string> {
    const ps = await session.run('docker', ['ps', '-aq']);
    const nets = await session.run('docker', ['network', 'ls', '--format', '{{.Name}}']);
    return `${ps.stdout}${nets.stdout.split('\n').filter((n) => n && !['bridge', 'host', 'none'].includes(n)).join('\n')}`;
  }

  it('runs a user-network scenario with Docker\'s own outputs and answers probes', async () => {
    const s = await backend.open(context('dns'));
    try {
      const create = await s.run('docker', ['network', 'create', 'my-bridge']);
      expect(create.exitCode).toBe(0);
      expect(create.stdout).toMatch(/^[0-9a-f]{64}\n$/);
      expect((await s.run('docker', ['run', '-d', '--name', 'nginx2', '--network', 'my-bridge', 'nginx'])).exitCode).toBe(0);
      expect((await s.run('docker', ['run', '-d', '--name', 'nginx3', '--network', 'my-bridge', 'nginx'])).exitCode).toBe(0);

      // A fresh daemon: the first user network gets 172.18.0.0/16 (FACT 18), lowest-free IPs (FACT 14).
      expect(await s.probe({ kind: 'network', network: 'my-bridge' })).toMatchObject(
        { status: 'answered', answer: { exists: true, subnet: '172.18.0.0/16', gateway: '172.18.0.1' } });
      expect(await s.probe({ kind: 'ip', container: 'nginx3', network: null })).toMatchObject(
        { status: 'answered', answer: { address: '172.18.0.3', exists: true } });
      expect(await s.probe({ kind: 'mac', container: 'nginx2', network: 'my-bridge' })).toMatchObject(
        { answer: { mac: '02:42:ac:12:00:02' } });

      const ping = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'nginx2' }, target: 'nginx3' });
      expect(ping).toMatchObject({ status: 'answered', answer: { reached: true, address: '172.18.0.3' } });
      const http = await s.probe({ kind: 'http', source: { kind: 'container', name: 'nginx2' }, url: 'http://nginx3/' });
      expect(http).toMatchObject({ answer: { status: 200 } });
      const tcp = await s.probe({ kind: 'tcp', source: { kind: 'container', name: 'nginx2' }, target: 'nginx3', port: 81 });
      expect(tcp).toMatchObject({ answer: { connected: false }, why: { cause: 'nothing-listening' } });
      const resolve = await s.probe({ kind: 'resolve', source: { kind: 'container', name: 'nginx3' }, name: 'nosuchcontainer' });
      expect(resolve).toMatchObject({ answer: { addresses: [] }, why: { cause: 'name-not-resolvable' } });
      const file = await s.probe({ kind: 'file', container: 'nginx2', path: '/etc/resolv.conf' });
      expect(file).toMatchObject({ answer: { content: 'nameserver 127.0.0.11\noptions ndots:0\n' } });
    } finally {
      await s.close();
    }
  });

  it('starts every scenario from a fresh engine and leaves nothing behind', async () => {
    const s = await backend.open(context('again'));
    try {
      expect(await leftovers(s)).toBe('');
      await s.run('docker', ['network', 'create', 'second']);
      // The daemon was restarted after the first scenario moved the pool cursor (FACT 19).
      expect(await s.probe({ kind: 'network', network: 'second' })).toMatchObject({ answer: { subnet: '172.18.0.0/16' } });
      await s.run('docker', ['run', '-d', '--name', 'web', '-p', '80', 'nginx']);
      expect(await s.probe({ kind: 'port', container: 'web', port: 80, proto: 'tcp' })).toMatchObject(
        { answer: { exists: true, bindings: [{ hostIp: '0.0.0.0', hostPort: 32768 }, { hostIp: '::', hostPort: 32768 }] } });
      const fromHost = await s.probe({ kind: 'http', source: { kind: 'host' }, url: 'http://127.0.0.1:32768/' });
      expect(fromHost).toMatchObject({ answer: { status: 200 } });
    } finally {
      await s.close();
    }
  });

  it('cleans up after a failed command and after an error in the scenario', async () => {
    const s = await backend.open(context('failing'));
    const failed = await s.run('docker', ['run', '-d', '--name', 'nn', '--net', 'nosuchnet', 'busybox', 'sleep', '60']);
    expect(failed.exitCode).toBe(125);
    expect(failed.stderr).toContain('docker: Error response from daemon: network nosuchnet not found.');
    expect(await s.probe({ kind: 'container', container: 'nn' })).toMatchObject({ answer: { state: 'created' } });
    await s.run('docker', ['run', '-d', '--name', 'keep', 'busybox', 'sleep', '60']);
    await s.close();

    const next = await backend.open(context('after'));
    try {
      expect(await leftovers(next)).toBe('');
    } finally {
      await next.close();
    }
  });

  it('default bridge: no name resolution, addresses from 172.17.0.2, the host reaches containers', async () => {
    const s = await backend.open(context('default-bridge'));
    try {
      await s.run('docker', ['run', '-d', '--name', 'b1', 'busybox', 'sleep', '60']);
      await s.run('docker', ['run', '-d', '--name', 'b2', 'busybox', 'sleep', '60']);
      const byName = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'b1' }, target: 'b2' });
      expect(byName).toMatchObject({ answer: { reached: false, address: null }, why: { cause: 'name-not-resolvable' } });
      const byIp = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'b1' }, target: '172.17.0.3' });
      expect(byIp).toMatchObject({ answer: { reached: true } });
      const host = await s.probe({ kind: 'ping', source: { kind: 'host' }, target: '172.17.0.2' });
      expect(host).toMatchObject({ answer: { reached: true } });
      const gw = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'b2' }, target: '172.17.0.1' });
      expect(gw).toMatchObject({ answer: { reached: true } });
      // Docker's own wording for the user's exec, fast (the stub resolver answers NXDOMAIN).
      const exec = await s.run('docker', ['exec', 'b1', 'ping', '-c', '1', '-W', '1', 'b2']);
      expect(exec).toMatchObject({ exitCode: 1, stderr: "ping: bad address 'b2'\n" });
    } finally {
      await s.close();
    }
  });

  it('runs docker-compose in a working folder named like the scenario\'s folder, and cleans up', async () => {
    const compose = 'services:\n  web:\n    image: nginx\n  client:\n    image: busybox\n    command: sleep 300\n';
    const s = await backend.open(context('compose', { 'docker-compose.yml': compose }));
    try {
      const up = await s.run('docker-compose', ['up', '-d']);
      expect(up.exitCode, up.stderr).toBe(0);
      // The default project is the folder's name (context(): baseDir …/h-docker), as on the simulator.
      expect(up.stderr).toContain('Creating network "h-docker_default" with the default driver');
      const ping = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'h-docker_client_1' }, target: 'web' });
      expect(ping).toMatchObject({ status: 'answered', answer: { reached: true } });
      expect(await s.probe({ kind: 'network', network: 'h-docker_default' })).toMatchObject({ answer: { exists: true } });
    } finally {
      await s.close();
    }
    const next = await backend.open(context('after-compose'));
    try {
      expect(await leftovers(next)).toBe('');
    } finally {
      await next.close();
    }
  });

  it('refuses traffic outside the scenario\'s networks and sends nothing', async () => {
    const s = await backend.open(context('safety'));
    try {
      await s.run('docker', ['run', '-d', '--name', 'c1', 'busybox', 'sleep', '60']);
      const before = spy.calls.length;
      for (const target of ['192.0.2.1', '8.8.8.8', '10.255.255.53']) {
        const out = await s.probe({ kind: 'ping', source: { kind: 'container', name: 'c1' }, target });
        expect(out).toEqual({ status: 'unsupported', reason: `simulated only: ${target} is outside the scenario's networks` });
      }
      const tcp = await s.probe({ kind: 'tcp', source: { kind: 'host' }, target: '1.1.1.1', port: 53 });
      expect(tcp.status).toBe('unsupported');
      const http = await s.probe({ kind: 'http', source: { kind: 'container', name: 'c1' }, url: 'http://203.0.113.9/' });
      expect(http.status).toBe('unsupported');
      expect(spy.calls.slice(before).filter(isTraffic)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
