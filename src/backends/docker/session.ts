// One scenario on the real engine: runs the user's docker/docker-compose commands
// unchanged (users see Docker's own texts), answers probes, and removes everything the
// scenario created when it closes — passed, failed, errored or interrupted.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { FOLDER_ENTRY_LIMIT, SKIPPED_FOLDERS } from '../../engine/build/workspace.js';
import type { BackendSession, CommandResult, ProbeKind, ProbeOf, ProbeOutcome, ScenarioContext } from '../backend.js';
import type { Engine } from './engine.js';
import { COMPOSE_BIN, DOCKER_BIN } from './host.js';
import { Inspector } from './inspect.js';
import { NetProbes } from './net-probes.js';
import { Ownership } from './ownership.js';
import type { Spawner } from './proc.js';
import ipaddr from 'ipaddr.js';
import { hostsLookup } from './resolve.js';
import { allowedTargets, refusal, targetRefusal, type AllowedTargets } from './safety.js';
import { trafficTargets } from './traffic.js';
import { containerProbe, endpointProbe, fileProbe, networkProbe, portProbe } from './state-probes.js';
import { effectsOf, withRunLabel, type CommandEffects } from './track.js';

/** A scenario asked for something that would touch objects this run did not create. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

export interface SessionHooks {
  /** The first command that moved history-dependent daemon state is about to run. */
  historyMoved(): void;
  closed(session: DockerSession): void;
}

/** Long enough for any sane command; a foreground `docker run … sleep 1d` must not hang the run. */
const COMMAND_TIMEOUT_MS = 300_000;

export class DockerSession implements BackendSession {
  readonly workDir: string;
  /** Whether a command moved history-dependent daemon state (the backend restarts the private daemon). */
  historyMoved = false;
  private readonly inspector: Inspector;
  private readonly owned: Ownership;
  private readonly netProbes: NetProbes;
  private allowedCache: Promise<AllowedTargets> | null = null;
  /** The scenario ran `rmi` or `image prune`: the stand-ins are loaded again at the end. */
  private imagesRemoved = false;
  /** The scenario may have built: its untagged images (a moved tag's, a build without -t) go too. */
  private built = false;
  private closed: Promise<void> | null = null;

  constructor(private readonly engine: Engine, private readonly spawner: Spawner, readonly runId: string,
    context: ScenarioContext, private readonly hooks: SessionHooks) {
    this.inspector = new Inspector(spawner, engine.env);
    this.owned = new Ownership(runId, this.inspector, engine.mode === 'private');
    this.netProbes = new NetProbes({ inspector: this.inspector, spawner, mode: engine.mode, hostNetns: engine.hostNetns,
      allowed: () => (this.allowedCache ??= this.computeAllowed()) });
    this.workDir = makeWorkDir(context);
  }

  /** A later `file` block of a path: the scenario's working folder gets the new content. */
  async writeFile(path: string, content: string): Promise<void> {
    const target = join(this.workDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  async run(program: 'docker' | 'docker-compose', args: string[]): Promise<CommandResult> {
    if (this.closed) throw new Error('docker backend: session already closed');
    const fx = effectsOf(program, args, this.workDir);
    let argv = args;
    if (this.engine.mode === 'shared') {
      refuseHostLan(program, args);
      await this.refuseForeign(fx);
      await this.refuseOutsideTraffic(program, fx);
      if (fx.labelAt !== null) argv = withRunLabel(args, fx.labelAt, this.runId);
    }
    if (fx.composeProject && fx.command === 'compose up') this.owned.composeProjects.add(fx.composeProject);
    if (fx.removesImages === 'any' || fx.removesImages.length > 0) this.imagesRemoved = true;
    if (fx.command === 'build' || fx.command === 'compose build' || fx.command === 'compose up') this.built = true;
    if (fx.movesHistory && !this.historyMoved) {
      this.historyMoved = true;
      this.hooks.historyMoved();
    }
    this.allowedCache = null;
    const r = await this.spawner(program === 'docker' ? DOCKER_BIN : COMPOSE_BIN, argv,
      { env: this.engine.env, cwd: this.workDir, timeoutMs: COMMAND_TIMEOUT_MS });
    if (r.exitCode === 0) {
      fx.creates.images.forEach((i) => this.owned.images.add(i));
      fx.creates.volumes.forEach((v) => this.owned.volumes.add(v));
    }
    const stderr = r.timedOut ? `${r.stderr}dnet-test: killed after ${COMMAND_TIMEOUT_MS / 1000} s\n` : r.stderr;
    return { stdout: r.stdout, stderr, exitCode: r.exitCode };
  }

  async probe<K extends ProbeKind>(probe: ProbeOf<K>): Promise<ProbeOutcome<K>> {
    const p = probe as ProbeOf<ProbeKind>;
    const out = await (async (): Promise<ProbeOutcome<ProbeKind>> => {
      switch (p.kind) {
        case 'ping': return this.netProbes.ping(p);
        case 'tcp': return this.netProbes.tcp(p);
        case 'http': return this.netProbes.http(p);
        case 'resolve': return this.netProbes.resolveProbe(p);
        case 'ip': case 'mac': case 'containerGateway': return endpointProbe(this.inspector, p);
        case 'network': return networkProbe(this.inspector, p);
        case 'container': return containerProbe(this.inspector, p);
        case 'port': return portProbe(this.inspector, p);
        case 'file': return fileProbe(this.inspector, p, (c, path) => this.copyOut(c, path));
      }
    })();
    return out as ProbeOutcome<K>;
  }

  close(): Promise<void> {
    this.closed ??= this.cleanUp().finally(() => {
      rmSync(dirname(this.workDir), { recursive: true, force: true });
      this.hooks.closed(this);
    });
    return this.closed;
  }

  /** Removes what the scenario created: containers, networks, volumes, built images. */
  private async cleanUp(): Promise<void> {
    const docker = (args: string[]): ReturnType<Spawner> => this.spawner(DOCKER_BIN, args, { env: this.engine.env, timeoutMs: 60_000 });
    const containers = await this.owned.containerIds();
    if (containers.length > 0) await docker(['rm', '-f', '-v', ...containers]);
    const networks = await this.owned.networkIds();
    if (networks.length > 0) await docker(['network', 'rm', ...networks]);
    const volumes = this.engine.mode === 'private'
      ? (await docker(['volume', 'ls', '-q'])).stdout.split('\n').filter(Boolean)
      : [...this.owned.volumes];
    if (volumes.length > 0) await docker(['volume', 'rm', '-f', ...volumes]);
    if (this.owned.images.size > 0 || this.imagesRemoved) {
      if (this.owned.images.size > 0) await docker(['rmi', '-f', ...this.owned.images]);
      // A build may have re-tagged a stand-in (`docker build -t nginx .`), `rmi` removed
      // one: put them back.
      await this.engine.restoreImages?.();
    }
    // A private engine serves the next scenario too: a dangling image left here would be
    // its build cache (a step it then does not build) and its `rmi` would stop at it.
    if (this.built && this.engine.mode === 'private') await docker(['image', 'prune', '-f']);
  }

  private async copyOut(container: string, path: string): Promise<Buffer | null> {
    const r = await this.spawner(DOCKER_BIN, ['cp', '-L', `${container}:${path}`, '-'], { env: this.engine.env, binary: true, timeoutMs: 30_000 });
    return r.exitCode === 0 && r.bytes ? r.bytes : null;
  }

  private async computeAllowed(): Promise<AllowedTargets> {
    const containers = await this.owned.containers();
    const { owned, used } = await this.owned.networks(containers);
    return allowedTargets(containers, owned, used);
  }

  /**
   * Shared engine: a command run in a container (exec, run, compose run/exec) whose network
   * tools name an address or a name outside the scenario is refused: its packets, or its
   * DNS query, would leave the scenario's networks. A name in the source's /etc/hosts is
   * looked up there, sending nothing; the address it gives must still be the scenario's.
   */
  private async refuseOutsideTraffic(program: 'docker' | 'docker-compose', fx: CommandEffects): Promise<void> {
    if (!fx.containerCommand) return;
    const targets = trafficTargets(fx.containerCommand.argv);
    if (targets.length === 0) return;
    const allowed = await this.computeAllowed();
    const source = fx.containerCommand.source ? await this.inspector.container(fx.containerCommand.source) : null;
    const hosts = source?.HostsPath ? readHosts(source.HostsPath) : '';
    for (const target of targets) {
      const fromHosts = ipaddr.isValid(target) ? [] : hostsLookup(hosts, target);
      const reason = fromHosts.length > 0 ? refusal(fromHosts[0]!, allowed) : targetRefusal(target, allowed);
      if (reason) throw new RefusedError(`refused: ${program} ${fx.command} would send traffic to ${target} (shared engine): ${reason}`);
    }
  }

  /** Shared engine: never create over, or act on, someone else's container or network. */
  private async refuseForeign(fx: CommandEffects): Promise<void> {
    if (fx.command.endsWith('prune')) throw new RefusedError(`refused: docker ${fx.command} would remove objects this run did not create (shared engine)`);
    const refuse = (kind: string, name: string): never => {
      throw new RefusedError(`refused: ${kind} "${name}" already exists on the engine (not created by this run)`);
    };
    // A new name collides only with that name; a container acted on is found as docker
    // finds it (an ID prefix too).
    for (const name of fx.creates.containers) {
      const c = await this.inspector.named(name);
      if (c && !this.owned.ownsLabels(c.Config.Labels)) refuse('container', name);
    }
    for (const name of fx.touches.containers) {
      const c = await this.inspector.container(name);
      if (c && !this.owned.ownsLabels(c.Config.Labels)) refuse('container', name);
    }
    for (const name of [...fx.creates.networks, ...fx.touches.networks]) {
      const n = await this.inspector.network(name);
      if (n && !this.owned.ownsLabels(n.Labels)) refuse('network', name);
    }
    // A pull reaches a registry: beyond loopback and the run's own networks (the private
    // engine has no way out; a shared one has the machine's).
    const pullRefused = (image: string): never => {
      throw new RefusedError(`refused: pulling "${image}" would reach a registry beyond this machine (shared engine: simulated only)`);
    };
    for (const image of fx.pulls.always) pullRefused(image);
    for (const image of fx.pulls.ifMissing) {
      if ((await this.inspector.docker(['image', 'inspect', image])).exitCode !== 0) pullRefused(image);
    }
    if (fx.removesImages === 'any') throw new RefusedError(`refused: ${fx.command} would remove images this run did not create (shared engine)`);
    for (const image of fx.removesImages) {
      if (!this.owned.images.has(image)) throw new RefusedError(`refused: image "${image}" was not created by this run (shared engine)`);
    }
    for (const tag of fx.creates.images) {
      const r = await this.inspector.docker(['image', 'inspect', tag]);
      if (r.exitCode === 0 && !this.owned.images.has(tag)) refuse('image', tag);
    }
    if (fx.composeProject && !this.owned.composeProjects.has(fx.composeProject)) {
      const label = `label=com.docker.compose.project=${fx.composeProject}`;
      if ((await this.inspector.containerIds([label])).length > 0 || (await this.inspector.networkIds([label])).length > 0) {
        refuse('compose project', fx.composeProject);
      }
    }
  }
}

/** A container's /etc/hosts as the daemon keeps it ('' when it cannot be read). */
function readHosts(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The scenario's working folder: a copy of the .dnet file's folder plus its inline files,
 * named like that folder so Compose's default project name is the same as on the
 * simulator (the basename of the compose file's folder).
 */
function makeWorkDir(context: ScenarioContext): string {
  const parent = mkdtempSync(join(tmpdir(), 'dnet-work-'));
  // Lets a later run remove this folder if our process dies without closing the session.
  writeFileSync(join(parent, 'owner.pid'), String(process.pid));
  const dir = join(parent, basename(resolve(context.baseDir)) || 'scenario');
  if (existsSync(context.baseDir)) {
    // Bounded: a .dnet file at the top of a large tree must not copy the tree per scenario
    // (the simulator's workspace sees the same part of the folder).
    let budget = FOLDER_ENTRY_LIMIT;
    cpSync(context.baseDir, dir, { recursive: true,
      filter: (src) => !SKIPPED_FOLDERS.test(src) && budget-- > 0 });
  } else {
    mkdirSync(dir, { recursive: true });
  }
  for (const [path, content] of context.files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return dir;
}

/**
 * Shared engine: a macvlan or ipvlan network hangs its containers on a host interface,
 * so their traffic would reach the machine's own LAN. The private engine's namespace
 * has no such interface; a shared one has the machine's.
 */
function refuseHostLan(program: 'docker' | 'docker-compose', args: readonly string[]): void {
  if (program !== 'docker' || args[0] !== 'network' || args[1] !== 'create') return;
  const driver = args.map((a, i) => (a === '-d' || a === '--driver' ? args[i + 1] : /^(?:--driver=|-d=?)(.+)$/.exec(a)?.[1])).find((d) => d !== undefined);
  if (driver === 'macvlan' || driver === 'ipvlan') {
    throw new RefusedError(`refused: a ${driver} network would put containers on the machine's own LAN (shared engine: simulated only)`);
  }
}
