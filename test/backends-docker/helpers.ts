// Shared pieces of the docker-backend tests: engine detection (tests skip with a
// one-line reason when no engine can be had) and a spying spawner.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineStatus } from '../../src/backends/docker/index.js';
import { spawnProcess, type Spawner } from '../../src/backends/docker/proc.js';
import type { ScenarioContext } from '../../src/backends/backend.js';

export const status = await engineStatus();
export const noEngine = !status.available;
if (noEngine) console.warn(`docker backend tests skipped: ${status.reason}`);

export interface SpyCall { command: string; args: readonly string[] }

/** A spawner that records every process before starting it for real. */
export function spyingSpawner(): { spawner: Spawner; calls: SpyCall[] } {
  const calls: SpyCall[] = [];
  const spawner: Spawner = (command, args, options) => {
    calls.push({ command, args });
    return spawnProcess(command, args, options);
  };
  return { spawner, calls };
}

export function context(title: string, files: Record<string, string> = {}): ScenarioContext {
  return { file: `test/backends-docker/${title}.dnet`, baseDir: '/nonexistent/h-docker', title, files: new Map(Object.entries(files)) };
}

/** True when a recorded call sent traffic: ping, or the in-namespace agent. */
export const isTraffic = (c: SpyCall): boolean =>
  /(^|\/)ping$/.test(c.command) || c.args.some((a) => /(^|\/)ping$/.test(a)) || c.args.includes('-e');

/** The private engines a process started (its current one and, maybe, a standby). */
export function enginesOwnedBy(pid: number): string[] {
  const found: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('dnet-engine-')) continue;
    try {
      if (Number(readFileSync(join(tmpdir(), name, 'owner.pid'), 'utf8')) === pid) found.push(join(tmpdir(), name));
    } catch { /* being removed */ }
  }
  return found;
}
