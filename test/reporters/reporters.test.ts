import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { failureBlock } from '../../src/reporters/failure-block.js';
import { feed, isReporterName, loadReporter, render, reporterNames } from '../../src/reporters/index.js';
import type { Failure, RunEvent } from '../../src/runner/events.js';
import { runFiles } from '../../src/runner/run.js';
import { answered, FileBuilder, fakeBackend, w } from '../runner/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const plain = new Chalk({ level: 0 });

/** Named transform: durations vary run to run; everything else must not. */
export function normaliseDurations(text: string): string {
  return text
    .replace(/\((\d+ms|\d+\.\d+s)\)/g, '(<duration>)')
    .replace(/time: (\d+ms|\d+\.\d+s)/g, 'time: <duration>')
    .replace(/time="\d+\.\d+"/g, 'time="<duration>"')
    .replace(/"duration": \d+(\.\d+)?/g, '"duration": "<duration>"')
    .replace(/duration_ms: \d+/g, 'duration_ms: <duration>');
}

function golden(name: string, actual: string): void {
  const path = join(here, 'golden', `${name}.txt`);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** A run with one of everything: pass, failed expectation, failed command, skip, simulated only, an invalid file. */
async function sampleEvents(): Promise<RunEvent[]> {
  const file = new FileBuilder('scenarios/sample.dnet')
    .docker('network create shared')
    .scenario('containers on a user bridge reach each other', ['dns'])
    .docker('run -d --name a --network shared busybox')
    .expect('ping a from a succeeds', { type: 'PingExpect', target: w('a'), source: w('a'), outcome: 'succeeds' })
    .scenario('the default bridge has no names')
    .expect('ping b2 from b1 succeeds', { type: 'PingExpect', target: w('b2'), source: w('b1'), outcome: 'succeeds' })
    .expect('network other exists', { type: 'NetworkExistsExpect', network: w('other'), exists: true })
    .scenario('a bad command stops the scenario')
    .docker('run --name a busybox')
    .docker('run --name a busybox')
    .scenario('not yet')
    .skip('needs IPv6 <&> "quotes"')
    .scenario('reaches the internet')
    .expect('ping 1.1.1.1 from a succeeds', { type: 'PingExpect', target: w('1.1.1.1'), source: w('a'), outcome: 'succeeds' })
    .build();
  let names = 0;
  const backend = fakeBackend({
    onRun: (args) =>
      args.includes('--name') && args[0] === 'run' && args[2] === 'a' && args.length === 4 && names++ % 2 === 1
        ? { stdout: '', stderr: 'docker: Error response from daemon: Conflict. The container name "/a" is already in use.\nSee \'docker run --help\'.\n', exitCode: 125 }
        : { stdout: 'id\n', stderr: '', exitCode: 0 },
    onProbe: (p) => {
      if (p.kind === 'network') return answered<'network'>({ exists: false, subnet: null, gateway: null });
      if (p.kind !== 'ping') throw new Error(p.kind);
      if (p.target === '1.1.1.1') return { status: 'unsupported', reason: 'traffic to 1.1.1.1 leaves the scenario' };
      if (p.target === 'a') return answered<'ping'>({ reached: true, address: '172.18.0.2' });
      return answered<'ping'>({ reached: false, address: null }, { steps: ['b1 is on the default bridge (bridge), which has no embedded DNS', '/etc/hosts has no entry for b2'], cause: 'name-not-resolvable' });
    },
  });
  const events: RunEvent[] = [];
  const invalid = {
    path: 'scenarios/broken.dnet',
    source: 'expect pong a from b succeeds\n',
    file: null,
    diagnostics: [{ severity: 'error' as const, message: "unknown expectation 'pong'", loc: null, rendered: "error: unknown expectation 'pong'\n --> scenarios/broken.dnet:1:8" }],
  };
  await runFiles([invalid, { path: file.path, source: file.source, file, diagnostics: [] }], { backends: [backend], emit: (e) => events.push(e) });
  return events;
}

describe('reporters', () => {
  it.each(reporterNames)('%s matches its golden file', async (name) => {
    const factory = await loadReporter(name);
    const text = render(factory({ chalk: plain }), await sampleEvents());
    golden(name, normaliseDurations(text));
  });

  it('pretty ends with the exact summary line, then the time', async () => {
    const factory = await loadReporter('pretty');
    const lines = render(factory({ chalk: plain }), await sampleEvents()).trimEnd().split('\n');
    expect(lines.at(-2)).toBe('2 passed, 2 failed, 1 skipped');
    expect(lines.at(-1)).toMatch(/^time: \d+ms$/);
  });

  it('pretty uses colour only when given a colouring chalk', async () => {
    const factory = await loadReporter('pretty');
    expect(render(factory({ chalk: plain }), await sampleEvents())).not.toContain('\u001b[');
    expect(render(factory({ chalk: new Chalk({ level: 1 }) }), await sampleEvents())).toContain('\u001b[');
  });

  it('json is the results as JSON', async () => {
    const factory = await loadReporter('json');
    const doc = JSON.parse(render(factory({ chalk: plain }), await sampleEvents()));
    expect(doc.counts).toEqual({ passed: 2, failed: 2, skipped: 1, invalidFiles: 1 });
    expect(doc.files[1].scenarios[1].failures[0].why.cause).toBe('name-not-resolvable');
  });

  it('knows its reporters by name', () => {
    expect(isReporterName('tap')).toBe(true);
    expect(isReporterName('toString')).toBe(false);
  });

  it('lays out a failure as Hurl does', () => {
    const failure: Failure = {
      kind: 'expectation',
      message: 'expectation failed',
      loc: { source: 'scenarios/default-bridge.dnet', start: { offset: 0, line: 12, column: 3 }, end: { offset: 0, line: 12, column: 34 } },
      expected: 'ping succeeds',
      observed: "ping failed: 'b2' did not resolve",
      why: { steps: ['b1 is on the default bridge (bridge), which has no embedded DNS', '/etc/hosts has no entry for b2'] },
    };
    const source = '\n'.repeat(11) + '  expect ping b2 from b1 succeeds\n';
    expect(failureBlock(failure, source, plain).join('\n')).toBe(
      [
        'error: expectation failed',
        '   --> scenarios/default-bridge.dnet:12:3',
        '    |',
        ' 12 |   expect ping b2 from b1 succeeds',
        '    |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ expected: ping succeeds',
        '    |',
        "    = observed: ping failed: 'b2' did not resolve",
        '    = why: b1 is on the default bridge (bridge), which has no embedded DNS; /etc/hosts has no entry for b2',
      ].join('\n'),
    );
  });
});

describe('pretty, differential', () => {
  it('shows both backends side by side on a disagreement', () => {
    const loc = { source: 'scenarios/x.dnet', start: { offset: 0, line: 3, column: 3 }, end: { offset: 0, line: 3, column: 33 } };
    const failure: Failure = {
      kind: 'disagreement',
      message: 'backends disagree: the expectation passed on sim and failed on docker',
      loc,
      expected: 'the same outcome on sim and docker',
      observed: 'sim: … | docker: …',
      why: null,
      sides: [
        { backend: 'sim', observed: 'passed: ping from a reached b (172.18.0.3)', why: { steps: ['resolved b via the embedded DNS of n'] } },
        { backend: 'docker', observed: "failed: ping failed: 'b' did not resolve", why: null },
      ],
    };
    const text = failureBlock(failure, '\n\n  expect ping b from a succeeds\n', plain).join('\n');
    expect(text).toBe(
      [
        'error: backends disagree: the expectation passed on sim and failed on docker',
        '  --> scenarios/x.dnet:3:3',
        '   |',
        ' 3 |   expect ping b from a succeeds',
        '   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ expected: the same outcome on sim and docker',
        '   |',
        '   = observed on sim: passed: ping from a reached b (172.18.0.3)',
        '   = why on sim: resolved b via the embedded DNS of n',
        "   = observed on docker: failed: ping failed: 'b' did not resolve",
      ].join('\n'),
    );
  });
});

describe('html', () => {
  it('is one self-contained page: no scripts, no outside resources, text escaped', async () => {
    const factory = await loadReporter('html');
    const page = render(factory({ chalk: plain }), await sampleEvents());
    expect(page).toMatch(/^<!doctype html>\n[\s\S]*<\/html>\n$/);
    expect(page).not.toMatch(/<script|<link|\bsrc=|https?:\/\//);
    expect(page).toContain('needs IPv6 &lt;&amp;&gt; &quot;quotes&quot;');
    expect(page).not.toContain('<&>');
  });
});

describe('pretty, live on a terminal', () => {
  it('shows the running scenario, then erases it for the scenario\'s line', async () => {
    const factory = await loadReporter('pretty');
    const events = await sampleEvents();
    const reporter = factory({ chalk: plain, live: true });
    const out = events.map((e) => ({ type: e.type, text: feed(reporter, e) }));
    const starts = out.filter((o) => o.type === 'scenarioStart');
    expect(starts.length).toBe(5);
    expect(starts[0].text).toBe('\r\u001b[2K  … running: containers on a user bridge reach each other');
    for (const end of out.filter((o) => o.type === 'scenarioEnd')) expect(end.text.startsWith('\r\u001b[2K')).toBe(true);
    // Without a terminal nothing transient is written.
    const piped = render(factory({ chalk: plain }), events);
    expect(piped).not.toContain('running:');
    expect(piped).not.toContain('\r');
    // Erasing aside, a terminal gets the same text.
    const shown = out.map((o) => o.text).join('').replace(/\r\u001b\[2K(  … running: [^\n\r]*)?/g, '');
    expect(shown).toBe(piped);
  });
});

describe('failure block, `expect docker …`', () => {
  const loc = { source: 'x.dnet', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 45 } };
  const base: Failure = {
    kind: 'expectation',
    message: 'expectation failed',
    loc,
    expected: '`docker run busybox` fails with "no such image"',
    observed: 'it failed (exit 125): docker: Error response from daemon: Conflict.',
    why: null,
  };
  it('shows observed, then Docker\'s whole stderr', () => {
    const text = failureBlock({ ...base, stderr: "docker: Error response from daemon: Conflict.\nSee 'docker run --help'.\n" }, 'expect docker run busybox fails with "no such image"\n', plain);
    expect(text.slice(-3)).toEqual([
      '   = observed: it failed (exit 125): docker: Error response from daemon: Conflict.',
      '   = docker said: docker: Error response from daemon: Conflict.',
      "                  See 'docker run --help'.",
    ]);
  });
  it('does not repeat a one-line stderr that observed already ends with', () => {
    const text = failureBlock({ ...base, stderr: 'docker: Error response from daemon: Conflict.\n' }, 'x\n', plain);
    expect(text.filter((l) => l.includes('docker said'))).toEqual([]);
  });
});

describe('pretty, live line width', () => {
  it('cuts the running line to the terminal\'s width', async () => {
    const factory = await loadReporter('pretty');
    const reporter = factory({ chalk: plain, live: true, columns: 30 });
    const text = feed(reporter, { type: 'scenarioStart', scenario: { file: 'f', title: 'x'.repeat(100), loc: { source: 'f', start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } } } });
    expect(text).toBe(`\r\u001b[2K  … running: ${'x'.repeat(15)}…`);
    expect(text.length - '\r\u001b[2K'.length).toBeLessThan(30);
  });
});

describe('pretty, live steps', () => {
  it('on the docker backend, redraws the running line as steps end; not on the simulator', async () => {
    const factory = await loadReporter('pretty');
    const events = await sampleEvents();
    const steps = (backends: Array<'sim' | 'docker'>): string[] => {
      const reporter = factory({ chalk: plain, live: true });
      return events
        .map((e) => (e.type === 'runStart' ? { ...e, backends } : e))
        .map((e) => ({ type: e.type, text: feed(reporter, e) }))
        .filter((o) => o.type === 'stepEnd' && o.text)
        .map((o) => o.text);
    };
    expect(steps(['sim'])).toEqual([]);
    const docker = steps(['docker']);
    expect(docker[0]).toBe('\r\u001b[2K  … running: containers on a user bridge reach each other (line 1 done)');
    expect(docker.length).toBe(events.filter((e) => e.type === 'stepEnd').length);
  });
});
