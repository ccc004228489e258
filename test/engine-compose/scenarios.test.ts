// The compose, build and volume scenario files run on the simulator and pass: they are
// executable specifications (scenarios/compose*.dnet, build*.dnet, volumes*.dnet).
import { readdirSync } from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createSimulatorBackend } from '../../src/backends/simulator/index.js';
import { loadFile } from '../../src/cli/frontend.js';
import { prettyReporter } from '../../src/reporters/pretty.js';
import { render } from '../../src/reporters/reporter.js';
import type { RunEvent } from '../../src/runner/events.js';
import { runFiles } from '../../src/runner/run.js';

const mine = readdirSync('scenarios').filter((f) => /^(compose|build|volumes).*\.dnet$/.test(f)).sort();

describe('compose, build and volume scenarios on the simulator', () => {
  it('finds the scenario files', () => {
    expect(mine).toEqual(expect.arrayContaining(['build.dnet', 'compose.dnet', 'compose-v2.dnet', 'volumes.dnet']));
  });
  for (const name of mine) {
    it(`passes scenarios/${name}`, async () => {
      const loaded = await loadFile(`scenarios/${name}`);
      expect(loaded.diagnostics).toEqual([]);
      const events: RunEvent[] = [];
      const { results } = await runFiles([loaded], { backends: [createSimulatorBackend()], emit: (e) => events.push(e) });
      const text = render(prettyReporter({ chalk: new Chalk({ level: 0 }) }), events);
      const failed = results.filter((r) => r.status !== 'passed');
      expect(failed.length === 0 ? '' : text).toBe('');
      expect(results.length).toBeGreaterThan(0);
    });
  }
});
