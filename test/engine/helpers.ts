import { expect } from 'vitest';
import type { CommandResult } from '../../src/backends/backend.js';
import { runCli } from '../../src/engine/cli/index.js';
import { Controller } from '../../src/engine/controller.js';
import { answerProbe } from '../../src/engine/probes.js';

/** Splits a command line on spaces; single quotes group words (enough for test tables). */
export function words(line: string): string[] {
  return (line.match(/'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^'(.*)'$/, '$1'));
}

export class World {
  readonly ctrl = new Controller();

  docker(line: string): CommandResult {
    return runCli(this.ctrl, 'docker', words(line));
  }

  /** Runs every line, failing loudly when one fails. */
  setup(...lines: string[]): void {
    for (const raw of lines) {
      // A leading '!' marks a command expected to fail.
      const line = raw.replace(/^!/, '');
      const r = this.docker(line);
      if (r.exitCode !== 0 && !raw.startsWith('!')) throw new Error(`docker ${line} → ${r.exitCode}: ${r.stderr}`);
    }
  }

  ip(container: string, network: string | null = null): string | null {
    const o = answerProbe(this.ctrl, { kind: 'ip', container, network });
    return o.status === 'answered' ? o.answer.address : null;
  }

  ping(source: string, target: string): { reached: boolean; cause?: string } {
    const o = answerProbe(this.ctrl, { kind: 'ping', source: source === 'host' ? { kind: 'host' } : { kind: 'container', name: source }, target });
    if (o.status !== 'answered') throw new Error('unsupported');
    return { reached: o.answer.reached, cause: o.why.cause };
  }

  state(container: string): string {
    const o = answerProbe(this.ctrl, { kind: 'container', container });
    return o.status === 'answered' ? o.answer.state : 'unsupported';
  }
}

/** A table row of the fidelity tests: a setup, a command, what the real engine printed. */
export interface EngineRow {
  name: string;
  setup: string[];
  cmd: string;
  stdout?: string | RegExp;
  stderr?: string | RegExp;
  exitCode?: number;
}

/** Runs a row on a fresh World: each given part of the result must be the engine's (a RegExp must match). */
export function expectRow({ setup, cmd, stdout, stderr, exitCode }: EngineRow): void {
  const w = new World();
  w.setup(...setup);
  const r = w.docker(cmd);
  if (exitCode !== undefined) expect(r.exitCode).toBe(exitCode);
  for (const [got, want] of [[r.stdout, stdout], [r.stderr, stderr]] as const) {
    if (typeof want === 'string') expect(got).toBe(want);
    else if (want) expect(got).toMatch(want);
  }
}
