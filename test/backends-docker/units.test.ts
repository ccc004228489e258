// The docker backend's pure parts, no engine needed: the safety rule, resolution from
// /etc/hosts, argv effects, tar reading — and a probe refused before any process starts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContainerJSON, Inspector, NetworkJSON } from '../../src/backends/docker/inspect.js';
import type { Location, Statement, Word } from '../../src/language/ast.js';
import { NetProbes } from '../../src/backends/docker/net-probes.js';
import type { Spawner } from '../../src/backends/docker/proc.js';
import { hostsLookup, nameservers } from '../../src/backends/docker/resolve.js';
import { allowedTargets, networkGateway, refusal } from '../../src/backends/docker/safety.js';
import { firstFileOfTar } from '../../src/backends/docker/state-probes.js';
import { composeProjectName, effectsOf, withRunLabel } from '../../src/backends/docker/track.js';

const container = (name: string, ip: string, gw: string, extra: Partial<ContainerJSON> = {}): ContainerJSON => ({
  Id: `${name}-id`, Name: `/${name}`,
  State: { Status: 'running', Running: true, Paused: false, Pid: 4242, ExitCode: 0 },
  HostConfig: { NetworkMode: 'default' }, Config: { Labels: {} },
  NetworkSettings: { IPAddress: ip, Gateway: gw, Networks: { bridge: { IPAddress: ip, Gateway: gw, NetworkID: 'b' } } },
  ...extra,
});
const network = (name: string, subnet: string, gateway?: string): NetworkJSON => ({
  Id: `${name}-id`, Name: name, Driver: 'bridge', IPAM: { Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] },
});

describe('the safety rule', () => {
  const allowed = allowedTargets(
    [container('a', '172.17.0.2', '172.17.0.1')],
    [network('mine', '172.18.0.0/16', '172.18.0.1')],
    [network('bridge', '172.17.0.0/16')],
  );
  it.each([
    ['127.0.0.1', true], ['127.0.0.11', true], ['::1', true],
    ['172.17.0.2', true],   // a container of the scenario
    ['172.17.0.1', true],   // docker0, the gateway of a network it uses
    ['172.18.0.1', true],   // the gateway of its own network
    ['172.18.0.200', true], // an unused address of its own bridge reaches no one else
    ['172.17.0.3', false],  // someone else's container on the shared default bridge
    ['192.0.2.1', false], ['8.8.8.8', false], ['10.255.255.53', false], ['not-an-ip', false],
  ])('%s allowed: %s', (address, ok) => {
    expect(refusal(address, allowed)).toBe(ok ? null : `simulated only: ${address} is outside the scenario's networks`);
  });
  it('derives the default bridge gateway from its subnet (FACT 2: no Gateway key)', () => {
    expect(networkGateway(network('bridge', '172.17.0.0/16'))).toBe('172.17.0.1');
    expect(networkGateway(network('mynet', '192.168.100.0/24', '192.168.100.254'))).toBe('192.168.100.254');
  });
});

describe('a refused probe sends nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'h-docker-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'hosts'), '127.0.0.1\tlocalhost\n93.184.216.34\texample\n172.17.0.2\tself\n');
  writeFileSync(join(dir, 'resolv.conf'), 'nameserver 10.255.255.53\n');
  const src = container('src', '172.17.0.2', '172.17.0.1', { HostsPath: join(dir, 'hosts'), ResolvConfPath: join(dir, 'resolv.conf') });
  const spawned: string[] = [];
  const spawner: Spawner = async (command, args) => {
    spawned.push([command, ...args].join(' '));
    return { stdout: '', stderr: '', exitCode: 0, timedOut: false };
  };
  const inspector = { container: async (ref: string) => (ref === 'src' ? src : null), named: async (ref: string) => (ref === 'src' ? src : null) } as unknown as Inspector;
  const probes = (mode: 'private' | 'shared') => new NetProbes({ inspector, spawner, mode, hostNetns: null,
    allowed: async () => allowedTargets([src], [], [network('bridge', '172.17.0.0/16')]) });

  it.each([
    ['ping by address', (p: NetProbes) => p.ping({ kind: 'ping', source: { kind: 'container', name: 'src' }, target: '8.8.8.8' }), '8.8.8.8'],
    ['ping by a name from /etc/hosts', (p: NetProbes) => p.ping({ kind: 'ping', source: { kind: 'container', name: 'src' }, target: 'example' }), '93.184.216.34'],
    ['tcp from the host', (p: NetProbes) => p.tcp({ kind: 'tcp', source: { kind: 'host' }, target: '192.0.2.1', port: 22 }), '192.0.2.1'],
    ['http', (p: NetProbes) => p.http({ kind: 'http', source: { kind: 'container', name: 'src' }, url: 'http://example:8080/x' }), '93.184.216.34'],
  ])('%s', async (_, run, address) => {
    spawned.length = 0;
    expect(await run(probes('private'))).toEqual({ status: 'unsupported', reason: `simulated only: ${address} is outside the scenario's networks` });
    expect(spawned).toEqual([]);
  });

  it('does not ask an outside resolver on a shared engine', async () => {
    spawned.length = 0;
    const out = await probes('shared').resolveProbe({ kind: 'resolve', source: { kind: 'container', name: 'src' }, name: 'b2' });
    expect(out).toEqual({ status: 'unsupported', reason: "simulated only: resolving 'b2' needs the resolver 10.255.255.53, outside the scenario's networks" });
    expect(spawned).toEqual([]);
  });

  it('does send to an allowed address (the spy would see it)', async () => {
    spawned.length = 0;
    await probes('private').ping({ kind: 'ping', source: { kind: 'container', name: 'src' }, target: 'self' });
    expect(spawned).toHaveLength(1);
    expect(spawned[0]).toMatch(/^nsenter --net=\/proc\/4242\/ns\/net -- \S*ping -c 1 -W 1 172\.17\.0\.2$/);
  });
});

describe('resolution files', () => {
  it('takes the first /etc/hosts line naming the host, case-insensitively', () => {
    const hosts = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n172.17.0.2\tnginx 6ee6b4fabb05\n172.17.0.3\td0f4c665b680\n172.17.0.9\tnginx\n';
    expect(hostsLookup(hosts, 'NGINX')).toEqual(['172.17.0.2']);
    expect(hostsLookup(hosts, '6ee6b4fabb05')).toEqual(['172.17.0.2']);
    expect(hostsLookup(hosts, 'nginx1')).toEqual([]);
  });
  it('reads IPv4 nameservers', () => {
    expect(nameservers('nameserver 127.0.0.11\noptions ndots:0\n')).toEqual(['127.0.0.11']);
    expect(nameservers('# x\nnameserver 10.255.255.53\nnameserver fd00::1\n')).toEqual(['10.255.255.53']);
  });
});

interface Want { command: string; containers?: string[]; networks?: string[]; touched?: string[]; touchedNets?: string[]; moves: boolean; labelAt: number | null }

describe('what a command creates and touches', () => {
  it.each<[string[], Want]>([
    [['run', '-d', '--name', 'web', '-p', '80', 'nginx'], { command: 'run', containers: ['web'], moves: true, labelAt: 1 }],
    [['run', '-d', '--name=db', 'mysql:5.7', '--name', 'x'], { command: 'run', containers: ['db'], moves: false, labelAt: 1 }],
    [['create', '-P', 'nginx'], { command: 'create', containers: [], moves: true, labelAt: 1 }],
    [['network', 'create', '--subnet', '10.1.0.0/16', 'n1'], { command: 'network create', networks: ['n1'], moves: true, labelAt: 2 }],
    [['exec', 'a', 'ping', 'b'], { command: 'exec', touched: ['a'], moves: false, labelAt: null }],
    [['network', 'connect', 'n1', 'a'], { command: 'network connect', touched: ['a'], touchedNets: ['n1'], moves: false, labelAt: null }],
  ])('docker %j', (args, want) => {
    const fx = effectsOf('docker', args, '/tmp/work/scenarios');
    expect(fx.command).toBe(want.command);
    expect(fx.creates.containers).toEqual(want.containers ?? []);
    expect(fx.creates.networks).toEqual(want.networks ?? []);
    expect(fx.touches.containers).toEqual(want.touched ?? []);
    expect(fx.touches.networks).toEqual(want.touchedNets ?? []);
    expect(fx.movesHistory).toBe(want.moves);
    expect(fx.labelAt).toBe(want.labelAt);
  });
  it('knows which images a command may pull', () => {
    expect(effectsOf('docker', ['pull', 'busybox'], '/tmp/x').pulls).toEqual({ always: ['busybox'], ifMissing: [] });
    expect(effectsOf('docker', ['run', '-d', '--name', 'w', 'nginx', 'sleep', '1'], '/tmp/x').pulls).toEqual({ always: [], ifMissing: ['nginx'] });
    expect(effectsOf('docker', ['create', '--pull', 'never', 'nginx'], '/tmp/x').pulls).toEqual({ always: [], ifMissing: [] });
    expect(effectsOf('docker', ['run', '--pull=always', 'nginx'], '/tmp/x').pulls).toEqual({ always: ['nginx'], ifMissing: [] });
  });
  it('names compose projects as Compose v1 does', () => {
    expect(effectsOf('docker-compose', ['up', '-d'], '/tmp/x/My Scenarios').composeProject).toBe('myscenarios');
    expect(effectsOf('docker-compose', ['-f', 'composetest/docker-compose.yml', 'up', '-d'], '/tmp/x/s').composeProject).toBe('composetest');
    expect(effectsOf('docker-compose', ['-p', 'proj', 'down'], '/tmp/x/s').composeProject).toBe('proj');
    expect(composeProjectName('Demo_App-1')).toBe('demo_app-1');
  });
  it('inserts the run label right after the subcommand, before the image', () => {
    expect(withRunLabel(['run', '-d', 'nginx'], 1, 'r1')).toEqual(['run', '--label', 'dnet-test.run=r1', '-d', 'nginx']);
  });
});

describe('docker cp output', () => {
  const tarOf = (name: string, content: string, type = '0'): Buffer => {
    const header = Buffer.alloc(512);
    header.write(name, 0);
    header.write(Buffer.byteLength(content).toString(8).padStart(11, '0'), 124);
    header.write(type, 156);
    const body = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
    body.write(content);
    return Buffer.concat([header, body]);
  };
  it('reads the first regular file, skipping pax headers', () => {
    const tar = Buffer.concat([tarOf('PaxHeaders/hosts', '30 mtime=1\n', 'x'), tarOf('hosts', '127.0.0.1\tlocalhost\n'), Buffer.alloc(1024)]);
    expect(firstFileOfTar(tar)).toBe('127.0.0.1\tlocalhost\n');
    expect(firstFileOfTar(Buffer.concat([tarOf('etc', '', '5'), Buffer.alloc(1024)]))).toBeNull();
  });
});

describe('environment-dependent steps for --backend sim,docker', () => {
  const loc = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } } as unknown as Location;
  const word = (text: string): Word => ({ type: 'Word', loc, parts: [{ type: 'Text', loc, value: text }], raw: text, quoted: false });
  const expectOf = (expectation: Record<string, unknown>): Statement => ({ type: 'Expect', loc, expectation: { loc, within: null, ...expectation } } as unknown as Statement);
  const subnet = expectOf({ type: 'NetworkSubnetExpect', network: word('n1'), value: { type: 'Literal', loc, text: word('172.18.0.0/16') } });
  const ping = expectOf({ type: 'PingExpect', target: word('b'), source: word('a'), outcome: 'succeeds' });
  const ipOfOther = expectOf({ type: 'IpExpect', container: word('web'), network: null,
    predicate: { type: 'Is', value: { type: 'IpOf', loc, container: word('db'), network: null } } });
  const publish: Statement = { type: 'DockerCommand', loc, program: 'docker', programLoc: loc,
    args: ['run', '-d', '-p', '8080:80', 'nginx'].map(word) } as unknown as Statement;

  it('none on the private engine; subnets, literal addresses, ports and publishing commands on a shared one', async () => {
    const history = await import('../../src/backends/docker/environment.js');
    const side = {} as never;
    expect([subnet, ping, ipOfOther, publish].map((s) => history.environmentDependent(s, side, side, []))).toEqual([false, false, false, false]);
    history.noteEngineMode('shared');
    expect([subnet, ping, ipOfOther, publish].map((s) => history.environmentDependent(s, side, side, []))).toEqual([true, false, false, true]);
  });

  it("a host-mode container's listing of interfaces and routes, on any engine (the machine's own)", async () => {
    const { environmentDependent } = await import('../../src/backends/docker/environment.js');
    const docker = (line: string): Statement => ({ type: 'DockerCommand', loc, program: 'docker', programLoc: loc, args: line.split(' ').map(word) } as unknown as Statement);
    const side = {} as never;
    const earlier = [docker('run -d --name hostc --net=host busybox sleep 3600'), docker('run -d --name b1 busybox sleep 3600')];
    const dependent = (line: string) => environmentDependent(docker(line), side, side, earlier);
    expect(['exec hostc ip addr', 'exec -t hostc ifconfig', 'exec hostc route -n'].map(dependent)).toEqual([true, true, true]);
    expect(['exec b1 ip addr', 'exec hostc cat /etc/hosts', 'exec hostc hostname'].map(dependent)).toEqual([false, false, false]);
    expect(environmentDependent(docker('exec hostc ip addr'), side, side, [])).toBe(false);
  });
});
