// The runner on the real simulator backend (hand-built AST, so no parser needed).
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createSimulatorBackend } from '../../src/backends/simulator/index.js';
import { prettyReporter } from '../../src/reporters/pretty.js';
import { render } from '../../src/reporters/reporter.js';
import type { RunEvent } from '../../src/runner/events.js';
import { runFiles } from '../../src/runner/run.js';
import { FileBuilder, lit, w } from './helpers.js';

describe('runner on the simulator', () => {
  it('runs the default-bridge facts and explains a failure', async () => {
    const file = new FileBuilder('scenarios/x.dnet')
      .scenario('default bridge')
      .docker('run -d --name b1 busybox sleep 3600')
      .docker('run -d --name b2 busybox sleep 3600')
      .expect('ip of b1 is 172.17.0.2', { type: 'IpExpect', container: w('b1'), network: null, predicate: { type: 'Is', value: lit('172.17.0.2') } })
      .expect('ping 172.17.0.3 from b1 succeeds', { type: 'PingExpect', target: w('172.17.0.3'), source: w('b1'), outcome: 'succeeds' })
      .expect('ping b2 from b1 succeeds', { type: 'PingExpect', target: w('b2'), source: w('b1'), outcome: 'succeeds' })
      .docker('run --name b1 busybox')
      .build();
    const events: RunEvent[] = [];
    const { results } = await runFiles([{ path: file.path, source: file.source, file, diagnostics: [] }], { backends: [createSimulatorBackend()], emit: (e) => events.push(e) });
    const r = results[0];
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.failures.map((f) => [f.kind, f.loc.start.line])).toEqual([
      ['expectation', 6],
      ['command', 7],
    ]);
    expect(r.failures[0].observed).toContain("'b2' did not resolve");
    expect(r.failures[1].stderr).toContain('Conflict. The container name "/b1" is already in use');
    const text = render(prettyReporter({ chalk: new Chalk({ level: 0 }) }), events);
    expect(text).toContain('= why: ');
    if (process.env.SHOW) console.log(text);
  });
});
