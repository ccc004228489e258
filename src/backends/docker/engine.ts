// Which Docker daemon a run talks to.
//
// 'private' (default where possible): a dockerd of our own, started fresh in its own
// network namespace with its own data-root and socket. Why: the subnet of a new network
// and the next random host port depend on what the daemon allocated since it started
// (FACTS 19, 69); a fresh daemon gives 172.18.0.0/16 and 32768 like the recording's
// fresh one. Its namespace also keeps docker0, iptables and published ports apart from
// anyone else using this machine's daemon, and has no route out (network safety).
// 'shared': the machine's daemon (DOCKER_HOST or /var/run/docker.sock), for machines
// where a second daemon cannot run; history-dependent facts then vary (see docs).
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { packageRoot } from '../../package-root.js';
import { clientEnv, DOCKER_BIN, resolverAddresses } from './host.js';
import type { Spawner } from './proc.js';
import { STUB_DNS_SOURCE } from './stub-dns.js';

export type EngineMode = 'private' | 'shared';

export interface Engine {
  readonly mode: EngineMode;
  /** Environment for docker/docker-compose: DOCKER_HOST set to this engine. */
  readonly env: NodeJS.ProcessEnv;
  /** The namespace probes `from host` run in: a /proc/PID/ns/net path, or null = ours. */
  readonly hostNetns: string | null;
  /** Before a scenario: a freshly started daemon if the last one moved history-dependent state. */
  prepare(historyMoved: boolean): Promise<void>;
  /** Put the stand-in images back (a scenario's `docker build -t nginx` replaced one). */
  restoreImages?(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};


export class SharedEngine implements Engine {
  readonly mode = 'shared' as const;
  readonly env = clientEnv();
  readonly hostNetns = null;
  async prepare(): Promise<void> {}
  async stop(): Promise<void> {}
}

export class PrivateEngine implements Engine {
  readonly mode = 'private' as const;
  readonly env: NodeJS.ProcessEnv;
  readonly root: string;
  private stubPid = 0;
  private started = false;

  constructor(private readonly spawner: Spawner) {
    this.root = mkdtempSync(join(tmpdir(), 'dnet-engine-'));
    this.env = clientEnv({ DOCKER_HOST: `unix://${this.root}/docker.sock` });
    // Lets a later run reap this engine if our process dies without cleaning up.
    writeFileSync(join(this.root, 'owner.pid'), String(process.pid));
  }

  get hostNetns(): string {
    return `/proc/${this.stubPid}/ns/net`;
  }

  async start(): Promise<void> {
    await reapStaleEngines(this.root, this.spawner);
    await this.startNamespace();
    // Loading the images into an empty data-root takes seconds; copying a data-root that
    // already holds them takes a fraction of one. The first run makes that template.
    const template = join(cacheDir(), `engine-${imagesVersion()}`, 'data');
    if (existsSync(template)) await this.spawner('sh', ['-c', COPY_TEMPLATE, 'sh', template, join(this.root, 'data')]);
    await this.startDaemon();
    const probe = await this.spawner(DOCKER_BIN, ['image', 'inspect', 'busybox:latest'], { env: this.env, timeoutMs: 10_000 });
    if (probe.exitCode !== 0) {
      await this.loadImages();
      await this.saveTemplate(template);
    }
    this.started = true;
  }

  /** Stops the daemon, copies its data-root (images only) to `template`, starts it again. */
  private async saveTemplate(template: string): Promise<void> {
    await this.stopDaemon();
    const staging = `${dirname(template)}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const copy = await this.spawner('cp', ['-a', join(this.root, 'data'), join(staging, 'data')]);
    // Network state is the daemon's, not the images': a fresh daemon makes its own.
    rmSync(join(staging, 'data', 'network'), { recursive: true, force: true });
    try {
      if (copy.exitCode === 0 && !existsSync(dirname(template))) renameSync(staging, dirname(template));
    } catch {
      // another run made it first
    }
    rmSync(staging, { recursive: true, force: true });
    // Templates and image caches of older image definitions are dead weight now.
    const current = new Set([basename(dirname(template)), `images-${imagesVersion()}.tar`]);
    for (const old of readdirSync(cacheDir())) {
      if (/^(engine-[0-9a-f]{12}|images-[0-9a-f]{12}\.tar)$/.test(old) && !current.has(old)) rmSync(join(cacheDir(), old), { recursive: true, force: true });
    }
    await this.startDaemon();
  }

  async prepare(historyMoved: boolean): Promise<void> {
    if (!this.started) await this.start();
    else if (historyMoved) {
      await this.stopDaemon();
      await this.startDaemon();
    }
  }

  async stop(): Promise<void> {
    await stopEngineAt(this.root, this.spawner);
  }

  /** A new network namespace, held open by the stub DNS server (see stub-dns.ts). */
  private async startNamespace(): Promise<void> {
    const addrs = resolverAddresses();
    const script = 'ip link set lo up && for a in "$@"; do case $a in 127.*) ;; *) ip addr add "$a/32" dev lo ;; esac; done && exec "$NODE" -e "$STUB" "$@"';
    const log = openSync(join(this.root, 'stub-dns.log'), 'a');
    const child = spawn('unshare', ['--net', '--', 'sh', '-c', script, 'sh', ...addrs], {
      detached: true, stdio: ['ignore', log, log],
      env: { ...process.env, NODE: process.execPath, STUB: STUB_DNS_SOURCE },
    });
    closeSync(log);
    child.unref();
    this.stubPid = child.pid ?? 0;
    writeFileSync(join(this.root, 'stub.pid'), String(this.stubPid));
    for (let i = 0; i < 100; i++) {
      if (readFileSync(join(this.root, 'stub-dns.log'), 'utf8').includes('ready')) return;
      if (!alive(this.stubPid)) break;
      await sleep(50);
    }
    throw new Error(`could not start the private engine's namespace: ${readFileSync(join(this.root, 'stub-dns.log'), 'utf8').trim()}`);
  }

  private async startDaemon(): Promise<void> {
    const r = this.root;
    const log = openSync(join(r, 'dockerd.log'), 'a');
    const child = spawn('nsenter', [`--net=${this.hostNetns}`, '--', 'dockerd',
      '--data-root', join(r, 'data'), '--exec-root', join(r, 'exec'),
      '-H', `unix://${r}/docker.sock`, '--pidfile', join(r, 'dockerd.pid')],
    { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    child.unref();
    for (let i = 0; i < 200; i++) {
      const v = await this.spawner(DOCKER_BIN, ['version', '--format', '{{.Server.Version}}'], { env: this.env, timeoutMs: 5000 });
      if (v.exitCode === 0) return;
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    const tail = readFileSync(join(r, 'dockerd.log'), 'utf8').trim().split('\n').slice(-3).join('\n');
    throw new Error(`the private engine did not start:\n${tail}`);
  }

  private async stopDaemon(): Promise<void> {
    await stopDaemonAt(this.root, this.env, this.spawner);
  }

  /** Stand-in images from the cache; built (and cached) by scripts/docker/build-images.sh. */
  async restoreImages(): Promise<void> {
    await this.loadImages();
  }

  private async loadImages(): Promise<void> {
    const cache = join(cacheDir(), `images-${imagesVersion()}.tar`);
    const r = existsSync(cache)
      ? await this.spawner(DOCKER_BIN, ['load', '-q', '-i', cache], { env: this.env, timeoutMs: 120_000 })
      : await this.spawner('bash', [buildScript(), '--save', cache], { env: this.env, timeoutMs: 300_000 });
    if (r.exitCode !== 0) throw new Error(`could not load the stand-in images: ${r.stderr.trim()}`);
  }
}

/**
 * Copies a template data-root. Image layers (overlay2/) are hard-linked: Docker never
 * changes a layer's files in place (containers write to their own upper layer, `rmi`
 * unlinks), so the links are safe and take ~0.1 s where copying takes seconds. The rest
 * (metadata Docker rewrites) is copied. Across filesystems, everything is copied.
 */
const COPY_TEMPLATE = 'mkdir -p "$2" && cd "$1" && for e in *; do '
  + 'if [ "$e" = overlay2 ]; then cp -al "$e" "$2/" 2>/dev/null || cp -a "$e" "$2/"; else cp -a "$e" "$2/"; fi; done';

const buildScript = (): string => join(packageRoot(import.meta.url), 'scripts', 'docker', 'build-images.sh');
const cacheDir = (): string => join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'dnet-test');
/**
 * Caches are keyed by what defines the images (the build scripts and the simulator's
 * catalog): change those, and the images are rebuilt. ensure-engine.sh computes the same.
 */
const imagesVersion = (): string => {
  const hash = createHash('sha256');
  for (const f of [buildScript(), join(dirname(buildScript()), 'catalog-images.mjs'), join(packageRoot(import.meta.url), 'src', 'engine', 'images', 'catalog.json')]) {
    if (existsSync(f)) hash.update(readFileSync(f));
  }
  return hash.digest('hex').slice(0, 12);
};

const readPid = (file: string): number => {
  try { return Number(readFileSync(file, 'utf8')) || 0; } catch { return 0; }
};

/** Removes every container (no grace period: dockerd's shutdown would give each 10 s), then stops dockerd. */
async function stopDaemonAt(root: string, env: NodeJS.ProcessEnv, spawner: Spawner): Promise<void> {
  const pid = readPid(join(root, 'dockerd.pid'));
  if (pid === 0 || !alive(pid)) return;
  const ids = await spawner(DOCKER_BIN, ['ps', '-aq'], { env, timeoutMs: 10_000 });
  const list = ids.stdout.split('\n').filter(Boolean);
  if (list.length > 0) await spawner(DOCKER_BIN, ['rm', '-f', ...list], { env, timeoutMs: 30_000 });
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 300 && alive(pid); i++) await sleep(50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(join(root, 'dockerd.pid'), { force: true });
}

/** Stops a private engine's daemon and namespace holder and deletes its folder. */
export async function stopEngineAt(root: string, spawner: Spawner): Promise<void> {
  await stopDaemonAt(root, { ...process.env, DOCKER_HOST: `unix://${root}/docker.sock` }, spawner);
  const stub = readPid(join(root, 'stub.pid'));
  if (stub > 0 && alive(stub)) process.kill(stub, 'SIGTERM');
  unmountUnder(root);
  rmSync(root, { recursive: true, force: true });
}

/** Unmounts what a killed dockerd left mounted below `dir` (overlay, netns, shm). */
function unmountUnder(dir: string): void {
  let mounts: string[] = [];
  try {
    mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
      .map((l) => l.split(' ')[4]).filter((m): m is string => !!m && m.startsWith(dir + '/'));
  } catch { return; }
  for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
}

/** Engines and scenario folders whose owning process died (SIGKILL, crash) are stopped and removed. */
async function reapStaleEngines(except: string, spawner: Spawner): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    const dir = join(tmpdir(), name);
    if (!/^dnet-(engine|work)-/.test(name) || dir === except) continue;
    const owner = readPid(join(dir, 'owner.pid'));
    if (owner === 0 || alive(owner)) continue;
    try {
      if (name.startsWith('dnet-work-')) rmSync(dir, { recursive: true, force: true });
      else await stopEngineAt(dir, spawner);
    } catch {
      // Half-made or busy: a later run tries again.
    }
  }
}
