// The container lifecycle on the Controller: start (join networks, program ports, run
// the main process), stop/kill (leave networks: addresses are released, FACT 14),
// pause, restart, remove; network connect/disconnect. Failures leave the container as
// Docker does (Created, ExitCode 128, State.Error — FACTS 65, 71, 99).
import { NO_BINDINGS, type Attachment, type Container } from './container.js';
import { driverOf } from './drivers.js';
import type { Controller } from './controller.js';
import * as E from './errors.js';
import { fail, ok, type EngineError, type Result } from './errors.js';
import { macFromIp, shortId } from './ids.js';
import type { PortBindingView } from './model.js';
import type { Network } from './network.js';
import { sortPortMap } from './ports.js';
import { planProcess } from './process.js';

/** Runs a one-shot command inside a running container; supplied by the CLI front (exec renderers). */
export type OneShotRunner = (container: Container, argv: string[]) => { stdout: string; stderr: string; exitCode: number };

function releaseNetworking(ctrl: Controller, c: Container): void {
  for (const a of c.attachments) {
    const ep = a.endpoint;
    if (!ep) continue;
    ep.network.leave(ep);
    if (ep.ip) driverOf(ep.network).releaseAddress(ep.network, ep.ip);
    a.endpoint = null;
  }
  for (const [key, bindings] of c.bindings) {
    const proto = key.split('/')[1] as 'tcp' | 'udp';
    for (const b of bindings) if (b.hostIp !== '::') ctrl.ports.release(b.hostIp, proto, b.hostPort);
  }
  c.bindings = NO_BINDINGS;
  ctrl.ports.stopListening(c.id);
}

/** Creates the endpoint of `c` on `network` (IPAM RequestAddress + Join). */
function joinNetwork(ctrl: Controller, c: Container, a: Attachment, network: Network): Result<void> {
  const got = driverOf(network).requestAddress(network, a.requestedIp);
  if (!got.ok) return got;
  const ip = got.value;
  const userDefined = network.hasDns;
  ctrl.ifIndex += 2;
  const endpoint = {
    id: ctrl.ids.next(), network, containerId: c.id, ip,
    mac: ip ? (c.config.macAddress ?? macFromIp(ip)) : '',
    // concat sizes the array exactly (a spread leaves room for 17): the endpoint keeps it.
    dnsNames: userDefined ? [c.name].concat(c.endpointAliases(a)) : [],
    ifIndex: ctrl.ifIndex,
    ifName: ip ? `eth${c.nextIfIndex++}` : undefined,
  };
  network.join(endpoint);
  a.endpoint = endpoint;
  a.everJoined = true;
  // A new array of the exact size rather than push (which leaves room for 17): the
  // container keeps it while it runs, and joins are one or two per start.
  c.hostsEndpoints = c.hostsEndpoints.concat(endpoint.id);
  if (userDefined) c.usesEmbeddedDns = true;
  return ok(undefined);
}

function failStart(ctrl: Controller, c: Container, error: EngineError): Result<void> {
  releaseNetworking(ctrl, c);
  // moby sets 128 only when no earlier exit code is left (a stopped container keeps its 137).
  if (c.exitCode === 0) c.exitCode = 128;
  c.error = error.message;
  return fail(error);
}

/** docker start: everything `docker run` does after the container exists. */
export function startContainer(ctrl: Controller, c: Container, runOneShot: OneShotRunner): Result<void> {
  if (c.running) return ok(undefined);
  const mode = c.config.mode;
  if (mode.kind === 'container') {
    const target = ctrl.containerById(mode.targetId);
    if (!target) return failStart(ctrl, c, E.ErrNoSuchContainer(mode.targetId));
    if (!target.running) return failStart(ctrl, c, E.ErrJoinNotRunning(target.id));
  }
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    if (!target || !target.running) return failStart(ctrl, c, E.ErrLinkNotRunning(target?.name ?? link.targetId, c.name, link.alias));
  }
  // Legacy links live on the default bridge: the target must be there (daemon
  // buildSandboxOptions, isLinkable), checked when the sandbox is built.
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    if (target && !target.attachments.some((a) => a.networkId === ctrl.defaultBridge.id && a.endpoint !== null)) {
      return failStart(ctrl, c, E.ErrLinkNotDefault(target.name));
    }
  }
  c.nextIfIndex = 0; // a new sandbox, with a new /etc/hosts
  c.hostsEndpoints = [];
  for (const a of c.attachments) {
    const network = ctrl.networkById(a.networkId);
    if (!network) return failStart(ctrl, c, E.ErrNetworkNotFound(a.networkId));
    const joined = joinNetwork(ctrl, c, a, network);
    if (!joined.ok) return failStart(ctrl, c, joined.error);
  }
  // Ports are programmed on the endpoint that gives the container its external connectivity.
  const bridgeEp = c.gatewayEndpoint();
  if (bridgeEp && c.config.portRequests.length > 0) {
    const granted = ctrl.ports.allocate(c.id, sortPortMap(c.config.portRequests), (ip) => ctrl.isHostAddress(ip));
    if (!granted.ok) {
      const conflict = 'conflict' in granted ? granted.conflict : null;
      if (!conflict) return failStart(ctrl, c, (granted as { error: EngineError }).error);
      const endpointId = ctrl.ids.next();
      return failStart(ctrl, c, conflict.kind === 'allocated'
        ? E.ErrPortAllocated(c.name, endpointId, conflict.hostIp, conflict.port)
        : E.ErrPortBind(c.name, endpointId, conflict.proto, conflict.hostIp, conflict.port,
          conflict.kind === 'cannot-assign' ? 'cannot assign requested address' : 'address already in use'));
    }
    // A stopped container has none (released at its exit): a new map, set once filled.
    const bindings = new Map<string, PortBindingView[]>();
    for (const g of granted.value) {
      const key = `${g.containerPort}/${g.proto}`;
      const list = bindings.get(key) ?? [];
      const ip = g.hostIp === '' ? '0.0.0.0' : g.hostIp;
      list.push({ hostIp: ip, hostPort: g.port });
      // The IPv6 twin of a wildcard binding (`:::8080`) follows it (FACT 66, 72; real
      // engine: `8081, :::8081, 8080, :::8080` for -p 8080:80 -p 8081:80).
      if (ip === '0.0.0.0') list.push({ hostIp: '::', hostPort: g.port });
      bindings.set(key, list);
    }
    c.bindings = bindings;
  }
  if (c.linkHosts.length === 0) writeLinks(ctrl, c);
  if (mode.kind === 'container') ctrl.containerById(mode.targetId)?.addSharer(c.id);
  c.orphaned = false;
  c.status = 'running';
  c.exitCode = 0;
  c.error = '';
  c.startedAt = ctrl.clock.tick();
  c.pid = 1000 + c.seq;
  const plan = planProcess(c.config);
  if (plan.kind === 'exit') {
    c.log('stderr', plan.stderr);
    exitContainer(ctrl, c, plan.code);
  } else if (plan.kind === 'one-shot') {
    const out = runOneShot(c, plan.argv);
    c.log('stdout', out.stdout);
    c.log('stderr', out.stderr);
    exitContainer(ctrl, c, out.exitCode);
  } else {
    if (c.config.image?.startLog && c.config.image.listens === plan.listens) c.log('stderr', c.config.image.startLog);
    if (mode.kind === 'host') {
      const taken = plan.listens.some((l) => !ctrl.ports.listenOnHost(c.id, l.proto, l.port));
      if (taken) {
        c.log('stderr', `${c.config.image?.bindError ?? 'bind: Address already in use'}\n`);
        exitContainer(ctrl, c, 1);
      }
    } else if (mode.kind === 'container' && plan.listens.some((l) => portTakenInNamespace(ctrl, c, mode.targetId, l))) {
      // A joiner binds in its owner's namespace: a port the owner or another joiner already
      // serves is taken, and the later server fails to bind, as in host mode (real engine).
      c.log('stderr', `${c.config.image?.bindError ?? 'bind: Address already in use'}\n`);
      exitContainer(ctrl, c, 1);
    }
  }
  return ok(undefined);
}

/** Whether a running server of the namespace owned by `ownerId` (other than `c`) listens on `l`. */
function portTakenInNamespace(ctrl: Controller, c: Container, ownerId: string, l: { port: number; proto: string }): boolean {
  const owner = ctrl.containerById(ownerId);
  if (!owner) return false;
  for (const n of [owner, ...[...owner.sharers].map((id) => ctrl.containerById(id))]) {
    if (!n || n === c || !n.running) continue;
    const plan = planProcess(n.config);
    if (plan.kind === 'service' && plan.listens.some((m) => m.port === l.port && m.proto === l.proto)) return true;
  }
  return false;
}

/** Link records are written into /etc/hosts and the environment at start (FACT 50). */
function writeLinks(ctrl: Controller, c: Container): void {
  c.linkHosts = [];
  c.linkEnv = [];
  // On a user-defined network a link is a DNS alias seen by this container only
  // (resolver.ts); /etc/hosts entries and env vars are the default bridge's legacy links.
  if (c.config.mode.kind === 'network') return;
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    // The target's address on the default bridge, where legacy links live.
    const ip = target?.endpoints().find((ep) => ep.ip && ep.network === ctrl.defaultBridge)?.ip;
    if (!target || !ip) continue;
    const names = [link.alias, shortId(target.id)];
    if (link.alias !== target.name) names.push(target.name);
    c.linkHosts.push({ ip, names });
    const prefix = link.alias.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    const exposed = [...(target.config.exposed ?? [])].sort((x, y) => x.port - y.port);
    if (exposed[0]) c.linkEnv.push(`${prefix}_PORT=${exposed[0].proto}://${ip}:${exposed[0].port}`);
    for (const e of exposed) {
      const p = `${prefix}_PORT_${e.port}_${e.proto.toUpperCase()}`;
      c.linkEnv.push(`${p}=${e.proto}://${ip}:${e.port}`, `${p}_ADDR=${ip}`, `${p}_PORT=${e.port}`, `${p}_PROTO=${e.proto}`);
    }
    c.linkEnv.push(`${prefix}_NAME=/${c.name}/${link.alias}`);
    // The target's own variables, as ALIAS_ENV_KEY (docker links.go ToEnv; HOME and PATH left out).
    for (const e of target.config.env) {
      const i = e.indexOf('=');
      if (i < 0 || e.slice(0, i) === 'HOME' || e.slice(0, i) === 'PATH') continue;
      c.linkEnv.push(`${prefix}_ENV_${e.slice(0, i)}=${e.slice(i + 1)}`);
    }
  }
}

/** The main process ended: leave networks, maybe auto-remove (--rm). */
export function exitContainer(ctrl: Controller, c: Container, code: number): void {
  releaseNetworking(ctrl, c);
  c.status = 'exited';
  c.exitCode = code;
  c.pid = 0;
  c.finishedAt = ctrl.clock.tick();
  c.linkHosts = [];
  if (c.config.autoRemove) ctrl.forgetContainer(c);
  const mode = c.config.mode;
  if (mode.kind === 'container') ctrl.containerById(mode.targetId)?.removeSharer(c.id);
  // Containers sharing this namespace keep running, in a namespace with only `lo`:
  // the owner's restart does not give it back, only their own restart (real engine, 20.10).
  for (const id of [...c.sharers]) {
    const other = ctrl.containerById(id);
    if (other?.running) other.orphaned = true;
  }
  c.clearSharers();
}

export function stopContainer(ctrl: Controller, c: Container): Result<void> {
  if (c.status === 'paused') c.status = 'running';
  // The stand-ins' PID 1 ignores SIGTERM: stop ends with SIGKILL (FACT 113).
  if (c.running) exitContainer(ctrl, c, 137);
  return ok(undefined);
}

export function killContainer(ctrl: Controller, c: Container, signal: string): Result<void> {
  if (!c.running) return fail(E.ErrNotRunning(c.id));
  if (c.status === 'paused') return fail(E.ErrPaused(c.id));
  const s = signal.toUpperCase().replace(/^SIG/, '');
  // PID 1 without a handler ignores every catchable signal; KILL always ends it.
  if (s === 'KILL' || s === '9') exitContainer(ctrl, c, 137);
  return ok(undefined);
}

export function removeContainer(ctrl: Controller, c: Container, force: boolean): Result<void> {
  if (c.running && !force) return fail(E.ErrRemoveRunning(c.id));
  if (c.running) {
    c.status = 'running';
    exitContainer(ctrl, c, 137);
  }
  ctrl.forgetContainer(c);
  return ok(undefined);
}

// ------------------------------------------------------------------ network connect/disconnect

export function connectContainer(ctrl: Controller, network: Network | undefined, networkRef: string, c: Container,
  opts: { aliases: string[]; ip: string | null; links?: string[] }): Result<void> {
  const mode = c.config.mode;
  if (mode.kind === 'container') return fail(E.ErrSharedNamespaceConnect());
  if (mode.kind === 'host') {
    if (network === ctrl.hostNetwork) return fail(E.ErrEndpointExists(c.name, 'host'));
    return fail(network ? E.ErrSharedNamespaceConnect() : E.ErrNetworkNotFound(networkRef));
  }
  if (!network) return fail(E.ErrNetworkNotFound(networkRef));
  if (network === ctrl.hostNetwork) return fail(E.ErrHostNetworkConnect());
  if (mode.kind === 'none' || network === ctrl.noneNetwork) return fail(E.ErrPrivateNone());
  // The daemon validates the endpoint settings before it looks for an existing endpoint.
  if (network.config.isDefaultBridge && opts.ip !== null) return fail(E.ErrIPOnDefaultBridge());
  if (network.config.isDefaultBridge && opts.aliases.length > 0) return fail(E.ErrAliasOnPredefinedConnect());
  if (c.attachments.some((a) => a.networkId === network.id)) return fail(E.ErrEndpointExists(c.name, network.name));
  if (opts.ip !== null && network.config.userSubnet === null) return fail(E.ErrIPWithoutUserSubnet());
  const attachment: Attachment = { networkId: network.id, aliases: opts.aliases, requestedIp: opts.ip, viaConnect: true, endpoint: null,
    ...(opts.links && opts.links.length > 0 && !network.config.predefined ? { links: opts.links } : {}) };
  if (c.running) {
    const joined = joinNetwork(ctrl, c, attachment, network);
    if (!joined.ok) return joined;
  }
  c.attachments.push(attachment);
  return ok(undefined);
}

export function disconnectContainer(ctrl: Controller, network: Network | undefined, networkRef: string, c: Container): Result<void> {
  if (!network) return fail(E.ErrNetworkNotFound(networkRef));
  const index = c.attachments.findIndex((a) => a.networkId === network.id);
  if (c.config.mode.kind === 'host' && network === ctrl.hostNetwork) return fail(E.ErrHostNetworkConnect());
  if (index < 0) return fail(E.ErrNotConnected(c.id, network.name));
  const [a] = c.attachments.splice(index, 1);
  if (a.endpoint) {
    c.hostsEndpoints = [];
    a.endpoint.network.leave(a.endpoint);
    if (a.endpoint.ip) driverOf(network).releaseAddress(network, a.endpoint.ip);
  }
  return ok(undefined);
}
