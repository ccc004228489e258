// The real-engine backend: `createDockerBackend()` is what `dnet-test --backend docker`
// loads (lazily). See docs/docker-backend.md for how it works and what it guarantees.
import { randomBytes } from 'node:crypto';
import type { Backend, BackendSession, ScenarioContext } from '../backend.js';
import { PrivateEngine, SharedEngine, type Engine, type EngineMode } from './engine.js';
import { noteEngineMode } from './environment.js';
import { privateEngineReason } from './host.js';
import { spawnProcess, type Spawner } from './proc.js';
import { DockerSession } from './session.js';

export { engineStatus, isEngineAvailable } from './host.js';
export { environmentDependent } from './environment.js';
export { RefusedError } from './session.js';
export type { EngineMode } from './engine.js';
export type { Spawner } from './proc.js';

export interface DockerBackendOptions {
  /**
   * 'private': a dockerd of our own, fresh, in its own network namespace (deterministic
   * subnets and ports); 'shared': the machine's daemon; 'auto' (default): private when
   * this process may start one (falling back to shared if it fails to). Without this
   * option, the DNET_DOCKER_ENGINE environment variable decides.
   */
  engine?: EngineMode | 'auto';
  /** Starts every process (tests spy on it). */
  spawner?: Spawner;
  /** On SIGINT/SIGTERM: remove what the open scenario created, stop the engine, exit 130 (default true). */
  handleSignals?: boolean;
}

export function createDockerBackend(options: DockerBackendOptions = {}): Backend {
  return new DockerBackend(options);
}

/** DNET_DOCKER_TRACE=1: every process the backend starts, with its duration, on stderr. */
function tracing(spawner: Spawner): Spawner {
  if (!process.env.DNET_DOCKER_TRACE) return spawner;
  return async (command, args, options) => {
    const started = Date.now();
    const r = await spawner(command, args, options);
    const shown = [command, ...args].map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a)).join(' ');
    process.stderr.write(`[docker-backend] ${Date.now() - started} ms, exit ${r.exitCode}: ${shown}\n`);
    return r;
  };
}

class DockerBackend implements Backend {
  readonly name = 'docker' as const;
  readonly realTime = true;
  readonly runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  private readonly spawner: Spawner;
  private engine: Engine | null = null;
  private enginePromise: Promise<Engine> | null = null;
  private readonly sessions = new Set<DockerSession>();
  /** One scenario at a time: each must start from a fresh engine, and there is one engine. */
  private queue: Promise<void> = Promise.resolve();
  private historyMoved = false;
  private standby: Promise<PrivateEngine | null> | null = null;
  private readonly retiring = new Set<Promise<void>>();
  private readonly onSignal = (signal: NodeJS.Signals): void => this.interrupted(signal);
  private interrupting = false;

  constructor(private readonly options: DockerBackendOptions) {
    this.spawner = tracing(options.spawner ?? spawnProcess);
  }

  async open(context: ScenarioContext): Promise<BackendSession> {
    const turn = this.queue;
    let release!: () => void;
    this.queue = new Promise((r) => { release = r; });
    await turn;
    try {
      const engine = await this.freshEngine();
      const session = new DockerSession(engine, this.spawner, this.runId, context, {
        historyMoved: () => this.startStandby(),
        closed: (s) => {
          this.historyMoved ||= s.historyMoved;
          this.sessions.delete(s);
          release();
        },
      });
      this.sessions.add(session);
      return session;
    } catch (e) {
      release();
      throw e;
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.sessions].map((s) => s.close()));
    const engine = this.engine;
    const standby = this.standby;
    this.engine = null;
    this.enginePromise = null;
    this.standby = null;
    await Promise.all([
      engine?.stop(),
      standby?.then((e) => e?.stop()),
      ...this.retiring,
    ]);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  /**
   * The engine for the next scenario. After a scenario that moved the daemon's
   * history-dependent state, a freshly started daemon: the standby one, started in the
   * background while that scenario ran, or else the same one restarted (~2 s).
   */
  private async freshEngine(): Promise<Engine> {
    let engine = await this.getEngine();
    const standby = this.historyMoved ? this.standby : null;
    this.standby = standby ? null : this.standby;
    const fresh = standby ? await standby : null;
    if (fresh) {
      this.retire(engine);
      this.engine = engine = fresh;
      this.enginePromise = Promise.resolve(fresh);
    } else {
      await engine.prepare(this.historyMoved);
    }
    this.historyMoved = false;
    return engine;
  }

  /** Starts the next private engine while the current scenario runs. */
  private startStandby(): void {
    if (this.standby || !(this.engine instanceof PrivateEngine)) return;
    const next = new PrivateEngine(this.spawner);
    this.standby = next.start().then(() => next, async () => {
      await next.stop().catch(() => undefined);
      return null;
    });
  }

  /** Stops a used engine in the background; dispose waits for it. */
  private retire(engine: Engine): void {
    const done: Promise<void> = engine.stop().catch(() => undefined).finally(() => this.retiring.delete(done));
    this.retiring.add(done);
  }

  private getEngine(): Promise<Engine> {
    this.enginePromise ??= (async () => {
      const wanted = this.options.engine ?? (process.env.DNET_DOCKER_ENGINE as EngineMode | 'auto' | undefined) ?? 'auto';
      const reason = privateEngineReason();
      if (wanted === 'private' && reason) throw new Error(`docker backend: ${reason}`);
      if (this.options.handleSignals !== false) {
        process.on('SIGINT', this.onSignal);
        process.on('SIGTERM', this.onSignal);
      }
      let engine: Engine = new SharedEngine();
      if (wanted === 'private' || (wanted === 'auto' && !reason)) {
        const own = new PrivateEngine(this.spawner);
        this.engine = own; // so an interrupt during start-up stops it
        try {
          await own.start();
          engine = own;
        } catch (e) {
          await own.stop().catch(() => undefined);
          if (wanted === 'private') throw e;
          // auto: namespaces may be forbidden here (a container without CAP_SYS_ADMIN…).
          process.stderr.write(`dnet-test: no private engine (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); using the shared one\n`);
        }
      }
      noteEngineMode(engine.mode);
      this.engine = engine;
      return engine;
    })();
    return this.enginePromise;
  }

  /** Ctrl-C mid-scenario: clean up as on a normal end, then exit 130 (a second one exits at once). */
  private interrupted(signal: NodeJS.Signals): void {
    if (this.interrupting) process.exit(130);
    this.interrupting = true;
    process.stderr.write(`\ndnet-test: ${signal}: removing what the scenario created…\n`);
    this.dispose().catch((e: unknown) => {
      process.stderr.write(`dnet-test: cleanup after ${signal} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }).finally(() => process.exit(130));
  }
}
