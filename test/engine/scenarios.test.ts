// Runs scenarios/*.dnet against the simulator with a minimal interpreter of the
// statements they use, so the executable specs are checked even before the real
// runner exists. The real runner (src/runner) is the reference; this only keeps the
// engine and the specs honest with each other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../src/backends/backend.js';
import { runCli } from '../../src/engine/cli/index.js';
import { Controller } from '../../src/engine/controller.js';
import { answerProbe } from '../../src/engine/probes.js';

const DIR = new URL('../../scenarios/', import.meta.url).pathname;

/** POSIX-ish word splitting: quotes, backslashes, $var expansion outside single quotes. */
function split(line: string, vars: Map<string, string>): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const j = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, j);
      i = j;
      has = true;
    } else if (ch === '"') {
      let j = i + 1;
      while (line[j] !== '"') {
        if (line[j] === '\\') j++;
        cur += line[j];
        j++;
      }
      i = j;
      has = true;
    } else if (ch === '$') {
      const m = /^\$(?:\{(\w+)\}|(\w+))/.exec(line.slice(i))!;
      cur += vars.get(m[1] ?? m[2]) ?? '';
      i += m[0].length - 1;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

interface Scenario { title: string; lines: string[] }

function scenariosOf(text: string): Scenario[] {
  const out: Scenario[] = [];
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^scenario "([^"]+)"/.exec(line);
    if (m) out.push({ title: m[1], lines: [] });
    else out[out.length - 1].lines.push(line);
  }
  return out;
}

function runScenario(s: Scenario): void {
  const ctrl = new Controller();
  const vars = new Map<string, string>();
  let last: CommandResult = { stdout: '', stderr: '', exitCode: 0 };
  const src = (w: string) => (w === 'host' ? { kind: 'host' as const } : { kind: 'container' as const, name: w });
  const valueOf = (words: string[]): string | null => {
    if (words[0] === 'ip' && words[1] === 'of') {
      const o = answerProbe(ctrl, { kind: 'ip', container: words[2], network: words[3] === 'on' ? words[4] : null });
      return o.status === 'answered' ? o.answer.address : null;
    }
    if (words[0] === 'gateway' && words[2] === 'network') {
      const o = answerProbe(ctrl, { kind: 'network', network: words[3] });
      return o.status === 'answered' ? o.answer.gateway : null;
    }
    if (words[0] === 'host' && words[1] === 'port') {
      const o = answerProbe(ctrl, { kind: 'port', container: words[3], port: Number(words[4]), proto: 'tcp' });
      return o.status === 'answered' ? String(o.answer.bindings[0]?.hostPort) : null;
    }
    if (words[0] === 'output') return last.stdout.trim();
    return words[0];
  };
  for (const line of s.lines) {
    if (line.startsWith('docker ')) {
      const [, ...argv] = split(line, vars);
      last = runCli(ctrl, 'docker', argv);
      expect(last.exitCode, `${line}\n${last.stderr}`).toBe(0);
      continue;
    }
    const w = split(line.replace(/\/.*\/$/, ''), vars);
    const ctx = `${s.title}: ${line}`;
    if (w[0] === 'let') {
      vars.set(w[1], valueOf(w.slice(3)) ?? '');
    } else if (w[1] === 'docker') {
      const failsAt = w.lastIndexOf('fails');
      const succeeds = w[w.length - 1] === 'succeeds';
      const end = succeeds ? w.length - 1 : failsAt;
      last = runCli(ctrl, 'docker', w.slice(2, end));
      if (succeeds) expect(last.exitCode, ctx).toBe(0);
      else {
        expect(last.exitCode, ctx).not.toBe(0);
        if (w[failsAt + 1] === 'with') expect(last.stderr, ctx).toContain(w[failsAt + 2]);
      }
    } else if (w[1] === 'output') {
      if (w[2] === 'contains') expect(last.stdout, ctx).toContain(w[3]);
      else if (w[2] === 'does') expect(last.stdout, ctx).not.toContain(w[5]);
      else expect(last.stdout, ctx).toMatch(new RegExp(/\/(.*)\/$/.exec(line)![1]));
    } else if (w[1] === 'ping' || w[1] === 'tcp' || w[1] === 'http') {
      const from = src(w[w.indexOf('from') + 1]);
      const verdict = w[w.length - 1];
      let good: boolean;
      if (w[1] === 'ping') {
        const o = answerProbe(ctrl, { kind: 'ping', source: from, target: w[2] });
        good = o.status === 'answered' && o.answer.reached;
      } else if (w[1] === 'tcp') {
        const i = w[2].lastIndexOf(':');
        const o = answerProbe(ctrl, { kind: 'tcp', source: from, target: w[2].slice(0, i), port: Number(w[2].slice(i + 1)) });
        good = o.status === 'answered' && o.answer.connected;
      } else {
        const o = answerProbe(ctrl, { kind: 'http', source: from, url: w[2] });
        const status = o.status === 'answered' ? o.answer.status : null;
        good = w[w.length - 2] === 'returns' ? status === Number(verdict) : status !== null;
      }
      expect(good, ctx).toBe(verdict !== 'fails');
    } else if (w[1] === 'resolve') {
      const o = answerProbe(ctrl, { kind: 'resolve', source: src(w[4]), name: w[2] });
      const got = o.status === 'answered' ? [...o.answer.addresses].sort() : [];
      if (w[5] === 'gives') {
        const rest = w.slice(6).join(' ').split(/\s*,\s*/).map((v) => valueOf(v.split(' '))).sort();
        expect(got, ctx).toEqual(rest);
      } else expect(got.length > 0, ctx).toBe(w[5] === 'succeeds');
    } else if (w[1] === 'ip' || w[1] === 'mac' || w[1] === 'gateway' && w[2] === 'of' && w[3] !== 'network') {
      const on = w[4] === 'on' ? w[5] : null;
      const isAt = w.indexOf('is');
      const kind = w[1] === 'gateway' ? 'containerGateway' : w[1] as 'ip' | 'mac';
      const o = answerProbe(ctrl, { kind, container: w[3], network: on } as never) as { status: string; answer: Record<string, string | null> };
      const got = o.answer.address ?? o.answer.mac ?? o.answer.gateway ?? null;
      const want = w[isAt + 1] === 'none' ? null : valueOf(w.slice(isAt + 1));
      expect(got, ctx).toBe(want);
    } else if (w[1] === 'subnet' || w[1] === 'gateway') {
      const o = answerProbe(ctrl, { kind: 'network', network: w[4] });
      const a = o.status === 'answered' ? o.answer : null;
      expect(w[1] === 'subnet' ? a?.subnet : a?.gateway, ctx).toBe(w[6]);
    } else if (w[1] === 'network') {
      const o = answerProbe(ctrl, { kind: 'network', network: w[2] });
      expect(o.status === 'answered' && o.answer.exists, ctx).toBe(w[3] === 'exists');
    } else if (w[1] === 'container') {
      const o = answerProbe(ctrl, { kind: 'container', container: w[2] });
      expect(o.status === 'answered' ? o.answer.state : null, ctx).toBe(w[4]);
    } else if (w[1] === 'port') {
      const o = answerProbe(ctrl, { kind: 'port', container: w[4], port: Number(w[2]), proto: 'tcp' });
      const bindings = o.status === 'answered' ? o.answer.bindings.map((b) => `${b.hostIp}:${b.hostPort}`) : [];
      if (w[6] === 'not') expect(bindings, ctx).toEqual([]);
      else expect(bindings, ctx).toContain(w[8]);
    } else {
      throw new Error(`the test interpreter does not know: ${line}`);
    }
  }
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.dnet'))) {
  describe(file, () => {
    for (const s of scenariosOf(readFileSync(join(DIR, file), 'utf8'))) it(s.title, () => runScenario(s));
  });
}
