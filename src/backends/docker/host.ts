// Facts about this machine the docker backend depends on: which binaries, which
// resolver, and whether an engine can be had at all.
import { accessSync, constants, readFileSync } from 'node:fs';
import { spawnProcess, type Spawner } from './proc.js';

/** Always the 20.10 client of the engine's package: the `docker` first on PATH may be another version. */
export const DOCKER_BIN = process.env.DNET_DOCKER ?? '/usr/bin/docker';
export const COMPOSE_BIN = process.env.DNET_DOCKER_COMPOSE ?? '/usr/bin/docker-compose';

/**
 * The environment docker and docker-compose run with: PATH starts with DOCKER_BIN's folder,
 * since Compose 1.29's `run` starts its one-off container with the `docker` it finds on
 * PATH, which must be the engine's own client too (another one may come first here).
 */
export function clientEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = DOCKER_BIN.slice(0, DOCKER_BIN.lastIndexOf('/')) || '/';
  return { ...process.env, PATH: [dir, process.env.PATH ?? ''].filter(Boolean).join(':'), ...extra };
}

const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function findExecutable(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), ...PATH_DIRS]) {
    try {
      accessSync(`${dir}/${name}`, constants.X_OK);
      return `${dir}/${name}`;
    } catch {
      // next
    }
  }
  return null;
}

/**
 * IPv4 nameservers of the host's /etc/resolv.conf: what containers on the default bridge
 * get, and where the embedded DNS forwards. With only loopback ones, Docker gives
 * containers Google's (8.8.8.8, 8.8.4.4) instead.
 */
export function resolverAddresses(): string[] {
  let text = '';
  try { text = readFileSync('/etc/resolv.conf', 'utf8'); } catch { /* none */ }
  const servers = [...text.matchAll(/^\s*nameserver\s+(\d+\.\d+\.\d+\.\d+)\s*$/gm)].map((m) => m[1]);
  return servers.some((s) => !s.startsWith('127.')) ? servers : ['8.8.8.8', '8.8.4.4'];
}

/** A private engine needs root (namespaces, dockerd) and the tools to make one. */
export function privateEngineReason(): string | null {
  if (process.getuid?.() !== 0) return 'a private engine needs root';
  for (const tool of ['dockerd', 'unshare', 'nsenter', 'ip']) {
    if (!findExecutable(tool)) return `a private engine needs ${tool}`;
  }
  return null;
}

export interface EngineStatus {
  available: boolean;
  /** One line: why not, or which engine would be used. */
  reason: string;
}

/** Whether the docker backend can run here, without starting anything. */
export async function engineStatus(spawner: Spawner = spawnProcess): Promise<EngineStatus> {
  try {
    accessSync(DOCKER_BIN, constants.X_OK);
  } catch {
    return { available: false, reason: `no docker client at ${DOCKER_BIN} (run scripts/docker/ensure-engine.sh)` };
  }
  if (privateEngineReason() === null) return { available: true, reason: 'a private dockerd can be started' };
  const v = await spawner(DOCKER_BIN, ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 }).catch(() => null);
  if (v && v.exitCode === 0) return { available: true, reason: `the engine at ${process.env.DOCKER_HOST ?? 'the default socket'} answers` };
  return { available: false, reason: `no Docker engine answers (${privateEngineReason()}; run scripts/docker/ensure-engine.sh)` };
}

export async function isEngineAvailable(): Promise<boolean> {
  return (await engineStatus()).available;
}
