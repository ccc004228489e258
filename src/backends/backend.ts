// One interface, two implementations: the simulator (src/backends/simulator) and a
// real Docker engine (src/backends/docker). The runner speaks only this interface.
//
// A backend runs Docker commands (as a user would type them) and answers *probes*:
// questions about the state of the world (can A ping B? what is C's address?).
// Backends report facts plus an explanation; the runner compares facts with what the
// scenario expected. Answers never throw for "no such container": they say so.

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What a scenario gives its backend before the first command. */
export interface ScenarioContext {
  /** Path of the .dnet file (for messages and labels). */
  file: string;
  /** Folder of the .dnet file: files not defined inline are read relative to it. */
  baseDir: string;
  title: string;
  /** Files from `file PATH <<EOF` blocks, by relative path (the scenario's working folder):
   *  each path's first block; a later one for the same path comes through writeFile. */
  files: ReadonlyMap<string, string>;
}

/** Why a probe came out as it did: the path the engine followed, in words. */
export interface Explanation {
  /** Steps in order, e.g. "resolved 'web' to 172.18.0.3 via the embedded DNS of my-net". */
  steps: string[];
  /** For a failure: the cause, from a closed set. */
  cause?: Cause;
}

export type Cause =
  | 'no-such-container'
  | 'container-not-running'
  | 'name-not-resolvable'
  | 'no-shared-network'
  | 'bridge-isolation'
  | 'internal-network'
  | 'icc-disabled'
  | 'loopback-only'
  | 'address-not-in-use'
  | 'nothing-listening'
  | 'port-not-published'
  | 'no-such-network'
  | 'not-connected'
  | 'tool-missing'
  | 'http-error';

export type Endpoint = { kind: 'host' } | { kind: 'container'; name: string };

export type Probe =
  | { kind: 'ping'; source: Endpoint; target: string }
  | { kind: 'tcp'; source: Endpoint; target: string; port: number }
  | { kind: 'http'; source: Endpoint; url: string }
  | { kind: 'resolve'; source: Endpoint; name: string }
  | { kind: 'ip'; container: string; network: string | null }
  | { kind: 'mac'; container: string; network: string | null }
  | { kind: 'containerGateway'; container: string; network: string | null }
  | { kind: 'network'; network: string }
  | { kind: 'container'; container: string }
  | { kind: 'port'; container: string; port: number; proto: 'tcp' | 'udp' }
  | { kind: 'file'; container: string; path: string };

/** Answers, one shape per probe kind (`Answer<'ping'>`). */
export interface Answers {
  /** reached: an echo reply came back; address: what the target resolved to (if it did). */
  ping: { reached: boolean; address: string | null };
  /** connected: accepted; refused vs dropped is in the explanation. */
  tcp: { connected: boolean; address: string | null };
  /** status: the HTTP status, null when no answer came. */
  http: { status: number | null };
  /** Every address the name resolves to (empty: did not resolve). */
  resolve: { addresses: string[] };
  /** null: no address (host/none mode, not running, not on that network). */
  ip: { address: string | null; exists: boolean };
  mac: { mac: string | null; exists: boolean };
  containerGateway: { gateway: string | null; exists: boolean };
  network: { exists: boolean; subnet: string | null; gateway: string | null };
  /** state 'removed' when there is no such container. exitCode of the last exit. */
  container: { state: 'running' | 'exited' | 'created' | 'paused' | 'removed'; exitCode: number | null };
  /** Host bindings of CONTAINER_PORT/proto (empty: not published). */
  port: { bindings: Array<{ hostIp: string; hostPort: number }>; exists: boolean };
  /** null: no such file (or container). */
  file: { content: string | null };
}

export type ProbeKind = Probe['kind'];
export type ProbeOf<K extends ProbeKind> = Extract<Probe, { kind: K }>;

/**
 * A probe's outcome: an answer with its explanation, or — on the docker backend — a
 * refusal to send traffic outside the scenario's own networks ("simulated only").
 */
export type ProbeOutcome<K extends ProbeKind> =
  | { status: 'answered'; answer: Answers[K]; why: Explanation }
  | { status: 'unsupported'; reason: string };

/** One scenario's connection to a backend; `close` removes all it created. */
export interface BackendSession {
  /** Run `docker …` / `docker-compose …` (argv without the program name). */
  run(program: 'docker' | 'docker-compose', args: string[]): Promise<CommandResult>;
  probe<K extends ProbeKind>(probe: ProbeOf<K>): Promise<ProbeOutcome<K>>;
  /** A `file` block that gives a path a new content, when the scenario reaches it. */
  writeFile?(path: string, content: string): Promise<void>;
  close(): Promise<void>;
}

export interface Backend {
  readonly name: 'sim' | 'docker';
  /** Whether `within` retries need real waiting (the simulator's state does not change by itself). */
  readonly realTime: boolean;
  open(context: ScenarioContext): Promise<BackendSession>;
  /** Release what the backend holds across scenarios (daemon connections, temp dirs). */
  dispose(): Promise<void>;
}
