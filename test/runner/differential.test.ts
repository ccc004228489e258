import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { runFiles } from '../../src/runner/run.js';
import type { EnvironmentDependent } from '../../src/runner/differential.js';
import { maskOutput } from '../../src/runner/output-mask.js';
import { answered, FileBuilder, fakeBackend, w } from './helpers.js';

const file = new FileBuilder()
  .scenario('s')
  .docker('network create n')
  .expect('ping b from a succeeds', { type: 'PingExpect', target: w('b'), source: w('a'), outcome: 'succeeds' })
  .expect('network gone exists', { type: 'NetworkExistsExpect', network: w('gone'), exists: true })
  .build();

const sim = fakeBackend({
  name: 'sim',
  onProbe: (p) => (p.kind === 'ping' ? answered<'ping'>({ reached: true, address: '172.18.0.3' }) : answered<'network'>({ exists: false, subnet: null, gateway: null })),
});
const docker = fakeBackend({
  name: 'docker',
  realTime: true,
  onProbe: (p) =>
    p.kind === 'ping'
      ? answered<'ping'>({ reached: false, address: null }, { steps: ['/etc/hosts has no entry for b'] })
      : answered<'network'>({ exists: false, subnet: null, gateway: null }),
});

async function run(environmentDependent?: EnvironmentDependent) {
  const events: RunEvent[] = [];
  const summary = await runFiles([{ path: file.path, source: file.source, file, diagnostics: [] }], { backends: [sim, docker], emit: (e) => events.push(e), environmentDependent });
  return { summary, events };
}

describe('differential', () => {
  it('fails on a disagreement, with both observations, and reports a shared failure once', async () => {
    const { summary, events } = await run();
    const r = summary.results[0];
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.failures.map((f) => [f.kind, f.loc.start.line])).toEqual([
      ['disagreement', 3],
      ['expectation', 4],
    ]);
    expect(r.failures[1].message).toBe('expectation failed on sim and docker');
    expect(r.failures[0].sides).toEqual([
      { backend: 'sim', observed: 'passed: ping from a reached b (172.18.0.3)', why: { steps: [] } },
      { backend: 'docker', observed: "failed: ping failed: 'b' did not resolve", why: { steps: ['/etc/hosts has no entry for b'] } },
    ]);
    expect(new Set(events.filter((e) => e.type === 'stepEnd').map((e) => e.type === 'stepEnd' && e.backend))).toEqual(new Set(['sim', 'docker']));
  });

  it('skips a step the hook marks history-dependent', async () => {
    const { summary } = await run((statement) => statement.type === 'Expect' && statement.expectation.type === 'PingExpect');
    const r = summary.results[0];
    expect(r.status === 'failed' && r.failures.map((f) => f.kind)).toEqual(['expectation']);
  });

  it('reports a command that fails on one backend only', async () => {
    const a = fakeBackend({ name: 'sim' });
    const b = fakeBackend({ name: 'docker', onRun: () => ({ stdout: '', stderr: 'Error: pool overlaps\n', exitCode: 1 }) });
    const f = new FileBuilder().scenario('s').docker('network create x').docker('run y').build();
    const summary = await runFiles([{ path: f.path, source: f.source, file: f, diagnostics: [] }], { backends: [a, b], emit: () => {} });
    const r = summary.results[0];
    expect(r.status === 'failed' && r.failures.map((x) => [x.kind, x.message])).toEqual([['disagreement', 'backends disagree: the command passed on sim and failed on docker']]);
    expect(a.commands).toEqual(['docker network create x', 'docker run y']);
    expect(b.commands).toEqual(['docker network create x']);
  });
});

describe('--compare-output', () => {
  const f = new FileBuilder().scenario('s').docker('ps -a').docker('network ls').build();
  const outputs = (lines: string[]) => {
    let i = 0;
    return () => ({ stdout: lines[i++] ?? '', stderr: '', exitCode: 0 });
  };
  const runBoth = async (simOut: string[], dockerOut: string[], compareOutput: boolean) => {
    const a = fakeBackend({ name: 'sim', onRun: outputs(simOut) });
    const b = fakeBackend({ name: 'docker', onRun: outputs(dockerOut) });
    const summary = await runFiles([{ path: f.path, source: f.source, file: f, diagnostics: [] }], { backends: [a, b], emit: () => {}, compareOutput });
    return summary.results[0];
  };

  it('fails on the first output line that differs, showing both', async () => {
    const r = await runBoth(['a\n', 'NAME\nbridge\nhost\n'], ['a\n', 'NAME\nmy-bridge\nhost\n'], true);
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].message).toBe("backends disagree: the command's output differs (stdout)");
    expect(r.failures[0].loc.start.line).toBe(3);
    expect(r.failures[0].sides?.map((s) => s.observed)).toEqual(['stdout line 2: "bridge"', 'stdout line 2: "my-bridge"']);
  });

  it('shows, of outputs in another order, the lines only one side printed', async () => {
    const r = await runBoth(['a\n', 'NAME\nbridge\nhost\nnone\n'], ['a\n', 'NAME\nnone\nhost\nmy-bridge\n'], true);
    expect(r.status === 'failed' && r.failures[0].sides?.map((s) => s.observed)).toEqual(['stdout line 2: "bridge"', 'stdout line 4: "my-bridge"']);
    const extra = await runBoth(['a\n', 'y\nx\n'], ['a\n', 'x\ny\ny\n'], true);
    expect(extra.status === 'failed' && extra.failures[0].sides?.map((s) => s.observed)).toEqual(['every stdout line also printed by the other', 'stdout line 3: "y"']);
  });

  it('lets lines, and comma-separated items, differ in order only (Docker has none there)', async () => {
    const shuffled = await runBoth(['Name: web\nAddress: 10.0.0.2\nAddress: 10.0.0.3\n', 'b1 bridge,my-bridge\n'], ['Name: web\nAddress: 10.0.0.3\nAddress: 10.0.0.2\n', 'b1 my-bridge,bridge\n'], true);
    expect(shuffled.status).toBe('passed');
    const exitDiffers = await runBoth(['x\n', 'y\n'], ['x\n', 'y\ny\n'], true);
    expect(exitDiffers.status === 'failed' && exitDiffers.failures[0].message).toBe("backends disagree: the command's output differs (stdout)");
  });

  it('masks a prefix of an ID the same backend printed before, and only that', async () => {
    const [simId, dockerId] = ['0a'.repeat(32), 'f3'.repeat(32)];
    expect((await runBoth([`${simId}\n`, '0a0a0a\n'], [`${dockerId}\n`, 'f3f3f3\n'], true)).status).toBe('passed');
    const notAPrefix = await runBoth([`${simId}\n`, '0a0a0a\n'], [`${dockerId}\n`, 'f3f3f4\n'], true);
    expect(notAPrefix.status === 'failed' && notAPrefix.failures[0].sides?.map((s) => s.observed)).toEqual(['stdout line 1: "<id>"', 'stdout line 1: "f3f3f4"']);
  });

  it("masks names Docker generates, not names the scenario wrote", async () => {
    expect((await runBoth(['a\n', 'admiring_brahmagupta\n'], ['a\n', 'elastic_feynman3\n'], true)).status).toBe('passed');
    const written = new FileBuilder().scenario('s').docker('network create my_net').docker('network ls').build();
    const a = fakeBackend({ name: 'sim', onRun: outputs(['my_net\n', 'my_net\n']) });
    const b = fakeBackend({ name: 'docker', onRun: outputs(['my_net\n', 'my_met\n']) });
    const summary = await runFiles([{ path: written.path, source: written.source, file: written, diagnostics: [] }], { backends: [a, b], emit: () => {}, compareOutput: true });
    expect(summary.results[0].status).toBe('failed');
  });

  it('compares what an `expect docker …` command printed, when it holds on both', async () => {
    const expecting = new FileBuilder().scenario('s').expectDocker('network rm x', 'fails').build();
    const run = async (simErr: string, dockerErr: string) => {
      const a = fakeBackend({ name: 'sim', onRun: () => ({ stdout: '', stderr: simErr, exitCode: 1 }) });
      const b = fakeBackend({ name: 'docker', onRun: () => ({ stdout: '', stderr: dockerErr, exitCode: 1 }) });
      return (await runFiles([{ path: expecting.path, source: expecting.source, file: expecting, diagnostics: [] }], { backends: [a, b], emit: () => {}, compareOutput: true })).results[0];
    };
    expect((await run('Error: No such network: x\n', 'Error: No such network: x\n')).status).toBe('passed');
    const r = await run('Error: No such network: x\n', 'Error response from daemon: network x not found\n');
    expect(r.status === 'failed' && r.failures[0].message).toBe("backends disagree: the command's output differs (stderr)");
  });

  it('compares outcomes only without the flag', async () => {
    expect((await runBoth(['a\n', 'bridge\n'], ['b\n', 'host\n'], false)).status).toBe('passed');
  });

  it('masks IDs, clocks and padding before comparing', async () => {
    const sim = ['CONTAINER ID   NAMES\n0123456789ab   web   Up Less than a second\n', 'x'];
    const docker = ['CONTAINER ID   NAMES\nfedcba987654   web   Up 2 seconds\n', 'x\n'];
    expect((await runBoth(sim, docker, true)).status).toBe('passed');
  });
});

describe('maskOutput', () => {
  it.each([
    ['5f1c0e9a8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e', '<id>'],
    ['sha256:5f1c0e9a8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e', '<id>'],
    ['/var/run/docker/netns/0a1b2c3d4e5f', '/var/run/docker/netns/<id>'],
    ['"Created": "2026-12-03T07:46:16.340123456Z",', '"Created": "<time>",'],
    ['2026-12-03 07:46:16 +0000 UTC', '<time>'],
    ['Exited (0) 3 seconds ago', 'Exited (0) <duration> ago'],
    ['Up About a minute', 'Up <duration>'],
    ['64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.081 ms', '64 bytes from 172.18.0.3: seq=0 ttl=64 time=<t> ms'],
    ['round-trip min/avg/max = 0.081/0.081/0.081 ms', 'round-trip min/avg/max = <rtt> ms'],
    ['14: eth0@if15: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500', '<n>: eth0@if<n>: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500'],
    ['NAME      DRIVER    SCOPE   \n', 'NAME  DRIVER  SCOPE'],
    ['cr_cache_run_0123456789ab', 'cr_cache_run_<id>'],
    ['2026-01-01 00:00:01+00:00 [Note] ready', '<time> [Note] ready'],
    ['RX packets:2 errors:0 dropped:0', 'RX packets:<n> errors:0 dropped:0'],
    ['RX bytes:180 (180.0 B)  TX bytes:0 (0.0 B)', 'RX bytes:<n>  TX bytes:<n>'],
    ['docker: Error response from daemon: x.\ntime="2026-12-03T11:40:13Z" level=error msg="error waiting for container: context canceled"\n', 'docker: Error response from daemon: x.'],
    ['{"Running":true,"Pid":26292,"ExitCode":0}', '{"Running":true,"Pid":<n>,"ExitCode":0}'],
    ['"SandboxKey":"/tmp/dnet-engine-8EOAMt/exec/netns/0a1b2c3d4e5f"', '"SandboxKey":"/var/run/docker/netns/<id>"'],
    ['data local /tmp/dnet-engine-ygnN4r/data/volumes/data/_data local', 'data local /var/lib/docker/volumes/data/_data local'],
    ['Creating app1                ... done', 'Creating app1 ... done'],
    ['"LowerDir": "/tmp/dnet-engine-Bv/data/overlay2/ab-init/diff:/tmp/dnet-engine-Bv/data/overlay2/cd/diff",', '"LowerDir": "/var/lib/docker/overlay2/ab-init/diff:/var/lib/docker/overlay2/cd/diff",'],
    ['  "Pid": 4347,', '  "Pid":<n>,'],
    ['map[bridge:0xc000412000 n1:0xc0004121e0]', 'map[bridge:0x<ptr> n1:0x<ptr>]'],
    ['  Date: Thu, 03 Dec 2026 16:39:38 GMT', '  Date: <time>'],
    ['  ETag: "6b118e92-79"', '  ETag: "<mtime>-79"'],
    ['4: eth0    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0', '<n>: eth0  inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0'],
    ['1: lo    link/loopback 00:00:00:00:00:00', '<n>: lo  link/loopback 00:00:00:00:00:00'],
    ['Stopping composetest_mysql_1 ... \r', 'Stopping composetest_mysql_1 ...'],
    ['\x1b[91m/bin/sh: \x1b[0m\x1b[91mapt-get: not found\n\x1b[0m', '\x1b[91m/bin/sh: apt-get: not found\n\x1b[0m'],
    ['docker: Error response from daemon: Container cannot be connected to network endpoints: n2, n1.', 'docker: Error response from daemon: Container cannot be connected to network endpoints: n1, n2.'],
  ])('%s', (text, masked) => {
    expect(maskOutput(text)).toBe(masked);
  });

  it('keeps what engines must agree on', () => {
    const text = 'inet addr:172.18.0.2  Bcast:172.18.255.255\nPING web (172.18.0.3): 56 data bytes';
    expect(maskOutput(text)).toBe(text);
  });
});

describe('@simulator-only', () => {
  const tagged = new FileBuilder().scenario('needs compose v2', ['simulator-only']).docker('compose up -d').build();
  const ranOn = (backends: ReturnType<typeof fakeBackend>[]) => {
    const seen: string[] = [];
    const wrapped = backends.map((b) => ({ ...b, open: async (ctx: Parameters<typeof b.open>[0]) => (seen.push(b.name), b.open(ctx)) }));
    return { seen, wrapped };
  };

  it('runs on the simulator alone in a differential run', async () => {
    const { seen, wrapped } = ranOn([fakeBackend({ name: 'sim' }), fakeBackend({ name: 'docker', onRun: () => ({ stdout: '', stderr: "docker: 'compose' is not a docker command.\n", exitCode: 1 }) })]);
    const summary = await runFiles([{ path: tagged.path, source: tagged.source, file: tagged, diagnostics: [] }], { backends: wrapped, emit: () => {} });
    expect(seen).toEqual(['sim']);
    expect(summary.results[0].status).toBe('passed');
  });

  it('is skipped, with the reason, on the docker backend alone', async () => {
    const { seen, wrapped } = ranOn([fakeBackend({ name: 'docker' })]);
    const summary = await runFiles([{ path: tagged.path, source: tagged.source, file: tagged, diagnostics: [] }], { backends: wrapped, emit: () => {} });
    const r = summary.results[0];
    expect(seen).toEqual([]);
    expect(r.status === 'skipped' && r.reason).toMatch(/simulator only/);
  });
});
