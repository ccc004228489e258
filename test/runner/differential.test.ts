import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { runFiles } from '../../src/runner/run.js';
import type { HistoryDependent } from '../../src/runner/differential.js';
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

async function run(historyDependent?: HistoryDependent) {
  const events: RunEvent[] = [];
  const summary = await runFiles([{ path: file.path, source: file.source, file, diagnostics: [] }], { backends: [sim, docker], emit: (e) => events.push(e), historyDependent });
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
