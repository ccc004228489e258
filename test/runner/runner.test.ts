import { describe, expect, it } from 'vitest';
import type { RunEvent, ScenarioResult } from '../../src/runner/events.js';
import { runFiles, type LoadedFile, type RunOptions } from '../../src/runner/run.js';
import type { Clock } from '../../src/runner/scenario.js';
import type { DnetFile } from '../../src/language/ast.js';
import { answered, FileBuilder, fakeBackend, lit, ok, w, why, type FakeBackend } from './helpers.js';

const loaded = (file: DnetFile): LoadedFile => ({ path: file.path, source: file.source, file, diagnostics: [] });

async function runOne(file: DnetFile, backends: FakeBackend[], extra: Partial<RunOptions> = {}) {
  const events: RunEvent[] = [];
  const summary = await runFiles([loaded(file)], { backends, emit: (e) => events.push(e), ...extra });
  return { events, summary, result: summary.results[0] };
}

function failures(result: ScenarioResult) {
  expect(result.status).toBe('failed');
  return result.status === 'failed' ? result.failures : [];
}

const pingAnswers = (reachable: Set<string>) =>
  fakeBackend({
    onProbe: (p) => {
      if (p.kind !== 'ping') throw new Error(p.kind);
      const reached = reachable.has(p.target);
      return answered<'ping'>({ reached, address: reached ? '172.18.0.3' : null }, why(`looked up ${p.target}`));
    },
  });

describe('runner', () => {
  it('stops a scenario at a failing command and shows Docker\'s stderr', async () => {
    const backend = fakeBackend({
      onRun: (args) => (args[0] === 'bad' ? { stdout: '', stderr: 'docker: Error response from daemon: nope.\n', exitCode: 125 } : ok()),
    });
    const file = new FileBuilder().scenario('s').docker('run -d a').docker('bad thing').docker('never runs').build();
    const { result } = await runOne(file, [backend]);
    const [f] = failures(result);
    expect(f.kind).toBe('command');
    expect(f.loc.start.line).toBe(3);
    expect(f.message).toBe('command failed (exit 125)');
    expect(f.observed).toContain('Error response from daemon: nope.');
    expect(backend.commands).toEqual(['docker run -d a', 'docker bad thing']);
    expect(backend.closed).toBe(1);
  });

  it('reports every failing expectation of a scenario, in order', async () => {
    const file = new FileBuilder()
      .scenario('s')
      .expect('ping x from a succeeds', { type: 'PingExpect', target: w('x'), source: w('a'), outcome: 'succeeds' })
      .expect('ping b from a succeeds', { type: 'PingExpect', target: w('b'), source: w('a'), outcome: 'succeeds' })
      .expect('ping y from a succeeds', { type: 'PingExpect', target: w('y'), source: w('a'), outcome: 'succeeds' })
      .build();
    const { result } = await runOne(file, [pingAnswers(new Set(['b']))]);
    const fs = failures(result);
    expect(fs.map((f) => f.loc.start.line)).toEqual([2, 4]);
    expect(fs[0].expected).toBe('ping succeeds');
    expect(fs[0].observed).toBe("ping failed: 'x' did not resolve");
    expect(fs[0].why?.steps).toEqual(['looked up x']);
  });

  it('stops at the first failure with bail, and runs no further scenario', async () => {
    const backend = pingAnswers(new Set());
    const file = new FileBuilder()
      .scenario('one')
      .expect('ping x from a succeeds', { type: 'PingExpect', target: w('x'), source: w('a'), outcome: 'succeeds' })
      .expect('ping y from a succeeds', { type: 'PingExpect', target: w('y'), source: w('a'), outcome: 'succeeds' })
      .scenario('two')
      .docker('run a')
      .build();
    const { summary } = await runOne(file, [backend], { bail: true });
    expect(summary.results).toHaveLength(1);
    expect(failures(summary.results[0])).toHaveLength(1);
    expect(backend.commands).toEqual([]);
  });

  it('runs setup at the start of every scenario, each on a fresh session', async () => {
    const backend = fakeBackend({});
    const file = new FileBuilder().docker('network create shared').scenario('a').docker('run a').scenario('b').docker('run b').build();
    const { summary } = await runOne(file, [backend]);
    expect(summary.counts).toMatchObject({ passed: 2, failed: 0 });
    expect(backend.commands).toEqual(['docker network create shared', 'docker run a', 'docker network create shared', 'docker run b']);
    expect(backend.contexts.map((c) => c.title)).toEqual(['a', 'b']);
    expect(backend.closed).toBe(2);
  });

  it('skips a scenario with `skip`, without opening a session', async () => {
    const backend = fakeBackend({});
    const file = new FileBuilder().scenario('s').skip('needs IPv6').docker('run a').build();
    const { result } = await runOne(file, [backend]);
    expect(result).toMatchObject({ status: 'skipped', reason: 'needs IPv6' });
    expect(backend.contexts).toHaveLength(0);
  });

  it('binds variables with let and expands $x and ${x} inside words', async () => {
    const backend = fakeBackend({
      onRun: (args) => (args[0] === 'inspect' ? ok('abc123\n') : ok()),
      onProbe: (p) => {
        if (p.kind === 'ip') return answered<'ip'>({ address: p.container === 'db' ? '172.18.0.2' : null, exists: true });
        throw new Error(p.kind);
      },
    });
    const file = new FileBuilder()
      .scenario('s')
      .let('dbip', { type: 'IpOf', container: w('db'), network: null, loc: w('').loc })
      .docker('run --add-host db:$dbip ${dbip}x')
      .docker('inspect db')
      .let('id', { type: 'OutputRef', loc: w('').loc })
      .let('name', lit('web'))
      .docker('logs $id $name')
      .build();
    const { result } = await runOne(file, [backend]);
    expect(result.status).toBe('passed');
    expect(backend.commands).toEqual(['docker run --add-host db:172.18.0.2 172.18.0.2x', 'docker inspect db', 'docker logs abc123 web']);
  });

  it('fails at a let whose value does not exist, and at an undefined variable', async () => {
    const backend = fakeBackend({ onProbe: () => answered<'ip'>({ address: null, exists: true }) });
    const file = new FileBuilder()
      .scenario('no address')
      .let('x', { type: 'IpOf', container: w('h'), network: null, loc: w('').loc })
      .docker('never')
      .scenario('undefined')
      .docker('run $nope')
      .build();
    const { summary } = await runOne(file, [backend]);
    const [a, b] = summary.results;
    expect(failures(a)[0]).toMatchObject({ kind: 'value', observed: 'h has no address' });
    expect(failures(b)[0].message).toContain('$nope is not defined');
    expect(backend.commands).toEqual([]);
  });

  it('retries `within` on a real-time backend until it holds', async () => {
    let t = 0;
    const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
    const eventually = (realTime: boolean) =>
      fakeBackend({ realTime, onProbe: (_p, attempt) => answered<'ping'>({ reached: attempt >= 3, address: '10.0.0.2' }) });
    const file = new FileBuilder()
      .scenario('s')
      .expect('ping a from b succeeds within 5s', { type: 'PingExpect', target: w('a'), source: w('b'), outcome: 'succeeds', within: { type: 'Duration', ms: 5000, raw: '5s', loc: w('').loc } })
      .build();
    const real = eventually(true);
    const { result, events } = await runOne(file, [real], { clock, retryInterval: 100 });
    expect(result.status).toBe('passed');
    expect(real.probes).toHaveLength(3);
    const step = events.find((e) => e.type === 'stepEnd');
    expect(step?.type === 'stepEnd' && step.step.kind === 'expectation' && step.step.attempts).toBe(3);

    // The simulator's state does not change with time: one look, no waiting.
    t = 0;
    const sim = eventually(false);
    const again = await runOne(file, [sim], { clock });
    expect(failures(again.result)[0].expected).toBe('ping succeeds within 5s');
    expect(sim.probes).toHaveLength(1);
    expect(t).toBe(0);
  });

  it('gives up `within` when the time is up', async () => {
    let t = 0;
    const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
    const never = fakeBackend({ realTime: true, onProbe: () => answered<'ping'>({ reached: false, address: null }) });
    const file = new FileBuilder()
      .scenario('s')
      .expect('ping a from b succeeds within 1s', { type: 'PingExpect', target: w('a'), source: w('b'), outcome: 'succeeds', within: { type: 'Duration', ms: 1000, raw: '1s', loc: w('').loc } })
      .build();
    const { result } = await runOne(file, [never], { clock, retryInterval: 250 });
    expect(result.status).toBe('failed');
    expect(never.probes).toHaveLength(5);
    expect(t).toBe(1000);
  });

  it('marks an unsupported probe as simulated only, not failed', async () => {
    const backend = fakeBackend({ onProbe: () => ({ status: 'unsupported', reason: 'traffic to 8.8.8.8 leaves the scenario' }) });
    const file = new FileBuilder()
      .scenario('s')
      .expect('ping 8.8.8.8 from a succeeds', { type: 'PingExpect', target: w('8.8.8.8'), source: w('a'), outcome: 'succeeds' })
      .build();
    const { result } = await runOne(file, [backend]);
    expect(result.status).toBe('passed');
    expect(result.simulatedOnly).toEqual([expect.objectContaining({ reason: 'traffic to 8.8.8.8 leaves the scenario' })]);
  });

  it('errors (not fails) when the backend throws, and still closes the session', async () => {
    const backend = fakeBackend({ onProbe: () => { throw new Error('daemon went away'); } });
    const file = new FileBuilder()
      .scenario('s')
      .expect('network n exists', { type: 'NetworkExistsExpect', network: w('n'), exists: true })
      .build();
    const { result } = await runOne(file, [backend]);
    expect(result).toMatchObject({ status: 'errored', error: 'daemon went away' });
    expect(backend.closed).toBe(1);
  });

  it('gives `file` blocks to the backend before the first command', async () => {
    const backend = fakeBackend({});
    const file = new FileBuilder().scenario('s').file('compose.yml', 'services: {}').docker('compose up -d').build();
    await runOne(file, [backend]);
    expect([...backend.contexts[0].files]).toEqual([['compose.yml', 'services: {}']]);
    expect(backend.contexts[0].baseDir).toBe(process.cwd());
  });

  it('emits events in order', async () => {
    const file = new FileBuilder().scenario('s').docker('run a').build();
    const { events } = await runOne(file, [fakeBackend({})]);
    expect(events.map((e) => e.type)).toEqual(['runStart', 'fileStart', 'scenarioStart', 'stepEnd', 'scenarioEnd', 'fileEnd', 'runEnd']);
  });

  it('runs no scenario of a file with errors, and counts it invalid', async () => {
    const backend = fakeBackend({});
    const file = new FileBuilder().scenario('s').docker('run a').build();
    const events: RunEvent[] = [];
    const bad: LoadedFile = { path: 'bad.dnet', source: 'x', file: null, diagnostics: [{ severity: 'error', message: 'boom', loc: null, rendered: 'error: boom' }] };
    const summary = await runFiles([bad, loaded(file)], { backends: [backend], emit: (e) => events.push(e) });
    expect(summary.counts).toMatchObject({ invalidFiles: 1, passed: 1 });
    expect(events.filter((e) => e.type === 'fileDiagnostics')).toHaveLength(1);
  });

  it('leaves out scenarios the selection rejects', async () => {
    const file = new FileBuilder().scenario('alpha', ['dns']).scenario('beta').build();
    const { summary } = await runOne(file, [fakeBackend({})], { select: (s) => s.tags.some((t) => t.name === 'dns') });
    expect(summary.results.map((r) => r.title)).toEqual(['alpha']);
  });
});

describe('runner: what a failure carries', () => {
  it('gives `expect docker … fails with` mismatches Docker\'s whole stderr', async () => {
    const stderr = 'docker: Error response from daemon: Conflict.\nSee \'docker run --help\'.\n';
    const backend = fakeBackend({ onRun: () => ({ stdout: '', stderr, exitCode: 125 }) });
    const command = { type: 'DockerCommand' as const, program: 'docker' as const, programLoc: lit('x').loc, args: [w('run'), w('busybox')], loc: lit('x').loc };
    const file = new FileBuilder()
      .scenario('s')
      .expect('docker run busybox fails with "no such image"', { type: 'DockerExpect', command, outcome: 'fails', withText: w('no such image') })
      .build();
    const [f] = failures((await runOne(file, [backend])).result);
    expect(f.observed).toBe('it failed (exit 125): docker: Error response from daemon: Conflict.');
    expect(f.stderr).toBe(stderr);
  });

  it('always says why a reachability or resolution expectation failed, even when the backend gave no path', async () => {
    const silent = fakeBackend({ onProbe: () => answered<'ping'>({ reached: false, address: '172.18.0.3' }) });
    const file = new FileBuilder()
      .scenario('s')
      .expect('ping b from a succeeds', { type: 'PingExpect', target: w('b'), source: w('a'), outcome: 'succeeds' })
      .build();
    const [f] = failures((await runOne(file, [silent])).result);
    expect(f.why?.steps).toEqual([`the ${silent.name} backend gave no path for this probe`]);
    // A backend's own path is kept as it is.
    const [g] = failures((await runOne(file, [pingAnswers(new Set())])).result);
    expect(g.why?.steps).toEqual(['looked up b']);
  });
});
