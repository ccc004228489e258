// The container lifecycle on the Controller: start (join networks, program ports, run
// the main process), stop/kill (leave networks: addresses are released, FACT 14),
// pause, restart, remove; network connect/disconnect. Failures leave the container as
// Docker does (Created, ExitCode 128, State.Error — FACTS 65, 71, 99).
import { NO_BINDINGS, type Attachment, type Container } from './container.js';
import { driverOf } from './drivers.js';
import { MAX_VETH_MTU } from './bridge-options.js';
import type { Controller } from './controller.js';
import * as E from './errors.js';
import { fail, ok, type EngineError, type Result } from './errors.js';
import { macFromIp, shortId } from './ids.js';
import { parseEndpointIp } from './ipam.js';
import { isIPv6 } from './ipam6.js';
import type { PortBindingView, Proto } from './model.js';
import type { Endpoint, Network } from './network.js';
import { sortPortMap } from './ports.js';
import { planProcess } from './process.js';
import { startFailure } from './runtime.js';
import { parseSignal } from './signals.js';
import { resolvConf } from './sandbox.js';

/** Runs a one-shot command inside a running container; supplied by the CLI front (exec renderers). */
export type OneShotRunner = (container: Container, argv: string[]) => { stdout: string; stderr: string; exitCode: number };

function releaseNetworking(ctrl: Controller, c: Container): void {
  // sandbox.delete: the endpoints leave in sandbox order, each through sbLeave — when the
  // gateway endpoint goes, the next one is programmed, and revoked as it leaves in turn
  // (random ports and host ranges move on: real engine, a restart on two networks skips ports).
  for (const ep of c.routingOrder()) {
    const a = c.attachments.find((x) => x.endpoint === ep);
    if (a) leaveEndpoint(ctrl, c, a);
  }
  for (const a of c.attachments) leaveEndpoint(ctrl, c, a);
  revokePorts(ctrl, c);
  ctrl.ports.stopListening(c.id);
}

/** The bridge driver's RevokeExternalConnectivity: the port mapping's host ports are released. */
function revokePorts(ctrl: Controller, c: Container): void {
  for (const [key, bindings] of c.bindings) {
    const proto = key.split('/')[1] as Proto;
    for (const b of bindings) ctrl.ports.release(b.hostIp, proto, b.hostPort);
  }
  c.bindings = NO_BINDINGS;
  c.portsEndpointId = null;
}

/**
 * The bridge driver's ProgramExternalConnectivity on `ep`: the container's port bindings
 * (the sandbox's labels) allocated and bound, in SortPortMap order. Exposed ports show
 * from then on in `.NetworkSettings.Ports` even when nothing is published.
 */
function programPorts(ctrl: Controller, c: Container, ep: Endpoint): Result<void> {
  const bindings = new Map<string, PortBindingView[]>();
  if (c.config.portRequests.length > 0) {
    const granted = ctrl.ports.allocate(c.id, sortPortMap(c.config.portRequests), (ip) => ctrl.isHostAddress(ip),
      ep.network.config.options['com.docker.network.bridge.host_binding_ipv4'] || '0.0.0.0');
    if (!granted.ok) {
      if (!('conflict' in granted)) return granted;
      const conflict = granted.conflict;
      return fail(conflict.kind === 'allocated'
        ? E.ErrPortAllocated(c.name, ep.id, conflict.hostIp, conflict.port)
        : conflict.kind === 'all-allocated' ? E.ErrAllPortsAllocated(c.name, ep.id)
          : conflict.kind === 'proto-unsupported' ? E.ErrProxyProtocol(c.name, ep.id)
            : E.ErrPortBind(c.name, ep.id, conflict.proto, conflict.hostIp, conflict.port,
              conflict.kind === 'cannot-assign' ? 'cannot assign requested address' : 'address already in use'));
    }
    for (const g of granted.value) {
      const key = `${g.containerPort}/${g.proto}`;
      const list = bindings.get(key) ?? [];
      // A binding without an address comes as 0.0.0.0 then :: (FACT 66, 72; real
      // engine: `8081, :::8081, 8080, :::8080` for -p 8080:80 -p 8081:80).
      list.push({ hostIp: g.hostIp, hostPort: g.port });
      bindings.set(key, list);
    }
  }
  c.bindings = bindings.size > 0 ? bindings : NO_BINDINGS;
  c.portsEndpointId = ep.id;
  return ok(undefined);
}

/**
 * libnetwork's sbLeave for one endpoint: when it is the gateway endpoint its external
 * connectivity is revoked and the next gateway endpoint is programmed — with no check for
 * --internal there (real 20.10: disconnecting the published network of a container also
 * on an internal one leaves the ports published, through the internal network). A
 * failure there is only logged by the daemon.
 */
function leaveEndpoint(ctrl: Controller, c: Container, a: Attachment): void {
  const ep = a.endpoint;
  if (!ep) return;
  const wasGateway = c.gatewayEndpoint() === ep;
  if (c.portsEndpointId === ep.id) revokePorts(ctrl, c);
  ep.network.leave(ep);
  if (ep.ip) driverOf(ep.network).releaseAddress(ep.network, ep.ip);
  if (ep.ip6) driverOf(ep.network).releaseAddress(ep.network, ep.ip6);
  a.endpoint = null;
  const next = c.gatewayEndpoint();
  if (wasGateway && next) programPorts(ctrl, c, next);
}

/**
 * The network the container's NetworkMode names (`--network NAME`, or the default bridge):
 * only its endpoint takes Config.MacAddress, as the daemon's buildCreateEndpointOptions
 * decides; another network connected, then or later, gets a MAC from its address (real
 * 20.10: `--mac-address` with `--network m1`, then `network connect m2`: eth1 02:42:ac:13:…).
 */
function namesModeNetwork(ctrl: Controller, c: Container, network: Network): boolean {
  const mode = c.config.mode;
  return mode.kind === 'bridge' ? network.id === ctrl.defaultBridge.id : mode.kind === 'network' && network.name === mode.name;
}

/** Creates the endpoint of `c` on `network` (IPAM RequestAddress + Join). */
function joinNetwork(ctrl: Controller, c: Container, a: Attachment, network: Network): Result<void> {
  if (network.config.configOnly) return fail(E.ErrConfigOnlyEndpoint());
  const driver = driverOf(network);
  // The settings are validated (validateNetworkingConfig) before IPAM is asked for anything.
  const requested6 = a.requestedIp6 ?? null;
  const valid6 = driver.checkAddress6(network, requested6);
  if (!valid6.ok) return valid6;
  const got = driver.requestAddress(network, a.requestedIp);
  if (!got.ok) return got;
  // libnetwork's ipamAllocate releases the IPv4 address in a deferred func that tests
  // its own `err`, which `return ep.ipamAllocateVersion(6, ipam)` never sets: when the
  // IPv6 request fails the IPv4 address stays taken until the network goes (real 20.10:
  // after a start refused for an --ip6 outside the subnet, the next container skips an address).
  const got6 = driver.requestAddress6(network, requested6);
  if (!got6.ok) return got6;
  // The bridge driver's CreateEndpoint sets the new veth's MTU: the kernel refuses one
  // above 65535 (EINVAL), and the endpoint's addresses go back.
  if (network.driver === 'bridge' && network.mtu > MAX_VETH_MTU) {
    if (got.value) driver.releaseAddress(network, got.value);
    if (got6.value) driver.releaseAddress(network, got6.value);
    return fail(E.ErrVethMtu(c.name, network.name, `veth${ctrl.ids.next().slice(0, 7)}`));
  }
  const gatewayBefore = c.gatewayEndpoint();
  const ip = got.value;
  const ip6 = got6.value;
  const userDefined = network.hasDns;
  ctrl.ifIndex += 2;
  const endpoint = {
    id: ctrl.ids.next(), network, containerId: c.id, ip, ip6,
    mac: ip ? ((namesModeNetwork(ctrl, c, network) ? c.config.macAddress : null) ?? macFromIp(ip)) : '',
    // concat sizes the array exactly (a spread leaves room for 17): the endpoint keeps it.
    dnsNames: userDefined ? [c.name].concat(c.endpointAliases(a)) : [],
    ifIndex: ctrl.ifIndex,
    ifName: ip ? c.takeIfName(network.ifPrefix) : undefined,
  };
  network.join(endpoint);
  a.endpoint = endpoint;
  // sbJoin: when the new endpoint becomes the gateway endpoint, the old one's external
  // connectivity is revoked and — unless the network is --internal — the new one is
  // programmed (real 20.10: `network connect` of a network sorting first moves the
  // ports, a random port changes; connecting a non-internal network to a container on
  // an internal one publishes its ports). A failure fails the join, and the old gateway
  // is programmed again.
  if (c.gatewayEndpoint() !== gatewayBefore) {
    if (gatewayBefore && c.portsEndpointId === gatewayBefore.id) revokePorts(ctrl, c);
    if (!network.config.internal) {
      const programmed = programPorts(ctrl, c, endpoint);
      if (!programmed.ok) {
        network.leave(endpoint);
        if (ip) driver.releaseAddress(network, ip);
        if (ip6) driver.releaseAddress(network, ip6);
        a.endpoint = null;
        if (gatewayBefore) programPorts(ctrl, c, gatewayBefore);
        return programmed;
      }
    }
  }
  a.everJoined = true;
  // A new array of the exact size rather than push (which leaves room for 17): the
  // container keeps it while it runs, and joins are one or two per start.
  c.hostsEndpoints = c.hostsEndpoints.concat(endpoint.id);
  if (userDefined) c.usesEmbeddedDns = true;
  return ok(undefined);
}

/**
 * Names the interfaces of a sandbox made at start. The daemon joins the networks before
 * the namespace exists; runc's prestart hook (libnetwork-setkey) then moves the
 * interfaces in, in the sandbox's endpoint order (sorted insert by endpoint.Less), so
 * eth0, eth1 … follow that order and not the join order, which only sets the ifindexes
 * (real 20.10: a container on zeta, alpha, bridge and an internal network has alpha on
 * eth0 after a restart, the internal one last). Joins after start take the next name.
 */
function nameInterfaces(c: Container): void {
  c.resetIfNames();
  for (const ep of c.routingOrder()) ep.ifName = c.takeIfName(ep.network.ifPrefix);
}

function failStart(ctrl: Controller, c: Container, error: EngineError, exitCode?: number): Result<void> {
  releaseNetworking(ctrl, c);
  // translateContainerdStartErr records 127/126 for a program not found / not executable;
  // otherwise moby sets 128 only when no earlier exit code is left (a stopped container
  // keeps its 137).
  if (exitCode !== undefined) c.exitCode = exitCode;
  else if (c.exitCode === 0) c.exitCode = 128;
  c.error = error.message;
  return fail(error);
}

/** docker start: everything `docker run` does after the container exists. */
export function startContainer(ctrl: Controller, c: Container, runOneShot: OneShotRunner): Result<void> {
  if (c.running) return ok(undefined);
  const mode = c.config.mode;
  let nsOwner: Container | null = null;
  let joinsOrphan = false;
  if (mode.kind === 'container') {
    // getNetworkedContainer looks the stored reference up now: a name unknown at create
    // may be a container by then — this one included (`--net container:SELF`).
    const target = ctrl.containerById(mode.targetId) ?? ctrl.findContainer(mode.targetId);
    if (!target) return failStart(ctrl, c, E.ErrNoSuchContainer(mode.targetId));
    if (target === c) return failStart(ctrl, c, E.ErrJoinOwnNetwork());
    if (!target.running) return failStart(ctrl, c, E.ErrJoinNotRunning(mode.targetId));
    // The namespace of the target's process: its owner's when the target joined one.
    nsOwner = target.config.mode.kind === 'container' && target.nsOwnerId !== null
      ? ctrl.containerById(target.nsOwnerId) ?? target : target;
    joinsOrphan = target.orphaned;
    c.inheritedHostname = target.hostname;
  }
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    if (!target || !target.running) return failStart(ctrl, c, E.ErrLinkNotRunning(ctrl.linkTargetName(link.targetId), c.name, link.alias));
  }
  // Legacy links live on the default bridge: the target must be there (daemon
  // buildSandboxOptions, isLinkable), checked when the sandbox is built.
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    if (target && !target.attachments.some((a) => a.networkId === ctrl.defaultBridge.id && a.endpoint !== null)) {
      return failStart(ctrl, c, E.ErrLinkNotDefault(target.name));
    }
  }
  c.resetIfNames(); // a new sandbox, with a new /etc/hosts
  c.hostsEndpoints = [];
  // daemon allocateNetwork: the default bridge is always joined first ("only default
  // network mode support link"), then the others (a Go map: the simulator keeps their
  // order). The join order names the interfaces (eth0 …) and moves the port mapping.
  const bridgeFirst = [...c.attachments].sort((x, y) =>
    Number(y.networkId === ctrl.defaultBridge.id) - Number(x.networkId === ctrl.defaultBridge.id));
  for (const a of bridgeFirst) {
    const network = ctrl.networkById(a.networkId);
    if (!network) return failStart(ctrl, c, E.ErrNetworkNotFound(a.networkId));
    const joined = joinNetwork(ctrl, c, a, network);
    if (!joined.ok) return failStart(ctrl, c, joined.error);
  }
  nameInterfaces(c);
  // The runtime creates the process once the sandbox is up: a user or a program that is
  // not in the image stops it there.
  const cannot = startFailure(c.config);
  if (cannot) return failStart(ctrl, c, cannot.error, cannot.exitCode);
  if (c.linkHosts.length === 0) writeLinks(ctrl, c);
  updateParentHosts(ctrl, c);
  c.nsOwnerId = nsOwner?.id ?? null;
  nsOwner?.addSharer(c.id);
  // Joining a namespace already torn down (its owner stopped): only `lo` there too.
  c.orphaned = joinsOrphan;
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
    // The entrypoint echoes its start line to stdout (its refusals go to stderr).
    if (c.config.image?.startLog && c.config.image.listens === plan.listens) c.log('stdout', c.config.image.startLog);
    if (mode.kind === 'host') {
      const taken = plan.listens.some((l) => !ctrl.ports.listenOnHost(c.id, l.proto, l.port));
      if (taken) {
        c.log('stderr', `${c.config.image?.bindError ?? 'bind: Address already in use'}\n`);
        exitContainer(ctrl, c, 1);
      }
    } else if (mode.kind === 'container' && plan.listens.some((l) => portTakenInNamespace(ctrl, c, c.nsOwnerId ?? mode.targetId, l))) {
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
    const ip = target ? bridgeIp(ctrl, target) : undefined;
    if (!target || !ip) continue;
    // daemon buildSandboxOptions: "alias hostname [name]" — the target's hostname (its
    // --hostname, else its short ID), and its name unless the alias is the name.
    const names = [link.alias, target.hostname];
    if (link.alias !== target.name) names.push(target.name);
    c.linkHosts.push({ ip, names });
  }
  const env = linkEnvironment(ctrl, c);
  if (env.ok) c.linkEnv = env.value;
}

/** The target's address on the default bridge, where legacy links live. */
function bridgeIp(ctrl: Controller, target: Container): string | undefined {
  return target.endpoints().find((ep) => ep.ip && ep.network === ctrl.defaultBridge)?.ip ?? undefined;
}

/**
 * The links' variables, as the daemon's setupLinkedContainers builds them — at start and
 * again at every `docker exec` (daemon/exec.go), so they carry the targets' current
 * addresses, and a stopped target fails the exec. Variables repeated by links.ToEnv keep
 * their first place with the last value (the process environment holds a key once).
 * The daemon walks the links from a Go map (random order for several links); the
 * simulator keeps the flags' order.
 */
export function linkEnvironment(ctrl: Controller, c: Container): Result<string[]> {
  if (c.config.mode.kind === 'network' || c.config.links.length === 0) return ok([]);
  const out: string[] = [];
  const at = new Map<string, number>();
  const put = (kv: string): void => {
    const key = kv.slice(0, kv.indexOf('='));
    const i = at.get(key);
    if (i === undefined) { at.set(key, out.length); out.push(kv); } else out[i] = kv;
  };
  for (const link of c.config.links) {
    const target = ctrl.containerById(link.targetId);
    if (!target || !target.running) return fail(E.ErrLinkNotRunning(ctrl.linkTargetName(link.targetId), c.name, link.alias));
    const ip = bridgeIp(ctrl, target);
    if (!ip) continue;
    for (const kv of linkToEnv(`/${c.name}/${link.alias}`, link.alias, ip, target.config.exposed ?? [], target.config.env)) put(kv);
  }
  return ok(out);
}

type PortKey = { port: number; proto: string };

/** docker's links.Link.ToEnv (daemon/links/links.go, 20.10), step by step. */
function linkToEnv(linkName: string, alias: string, ip: string, exposed: readonly PortKey[], childEnv: readonly string[]): string[] {
  // Only '-' is replaced: `--link web:my.web` gives MY.WEB_PORT (real engine).
  const prefix = alias.toUpperCase().replace(/-/g, '_');
  const env: string[] = [];
  // getDefaultPort: tcp before udp before the rest, then the lowest number.
  const rank = (p: string): number => (p === 'tcp' ? 0 : p === 'udp' ? 1 : 2);
  const byProto = [...exposed].sort((x, y) => rank(x.proto) - rank(y.proto) || x.port - y.port);
  if (byProto[0]) env.push(`${prefix}_PORT=${byProto[0].proto}://${ip}:${byProto[0].port}`);
  // Sorted by number, tcp first on a tie; contiguous runs (3 ports or more) get
  // _START/_END variables first, then every port its own four.
  const ports = [...exposed].sort((x, y) => x.port - y.port || (x.proto === 'tcp' ? -1 : y.proto === 'tcp' ? 1 : 0));
  const nextContiguous = (value: number, index: number): number => {
    if (index + 1 === ports.length) return index;
    for (let i = index + 1; i < ports.length; i++) {
      if (ports[i]!.port > value + 1) return i - 1;
      value++;
    }
    return ports.length - 1;
  };
  for (let i = 0; i < ports.length;) {
    const p = ports[i]!;
    const j = nextContiguous(p.port, i);
    if (j > i + 1) {
      const base = `${prefix}_PORT_${p.port}_${p.proto.toUpperCase()}`;
      const q = ports[j]!;
      env.push(`${base}_START=${p.proto}://${ip}:${p.port}`, `${base}_ADDR=${ip}`, `${base}_PROTO=${p.proto}`, `${base}_PORT_START=${p.port}`,
        `${prefix}_PORT_${p.port}_${q.proto.toUpperCase()}_END=${q.proto}://${ip}:${q.port}`,
        `${prefix}_PORT_${p.port}_${q.proto.toUpperCase()}_PORT_END=${q.port}`);
      i = j + 1;
    } else i++;
  }
  for (const p of ports) {
    const base = `${prefix}_PORT_${p.port}_${p.proto.toUpperCase()}`;
    env.push(`${base}=${p.proto}://${ip}:${p.port}`, `${base}_ADDR=${ip}`, `${base}_PORT=${p.port}`, `${base}_PROTO=${p.proto}`);
  }
  env.push(`${prefix}_NAME=${linkName}`);
  // The target's own variables, as ALIAS_ENV_KEY (HOME and PATH left out).
  for (const e of childEnv) {
    const i = e.indexOf('=');
    if (i < 0 || e.slice(0, i) === 'HOME' || e.slice(0, i) === 'PATH') continue;
    env.push(`${prefix}_ENV_${e.slice(0, i)}=${e.slice(i + 1)}`);
  }
  return env;
}

/**
 * A link target started on the default bridge: libnetwork rewrites the running parents'
 * /etc/hosts (sandbox.updateParentHosts, etchosts.Update: the regexp `(\S*)(\tALIAS)(\s|\.)`
 * puts the new address on every line whose first name is the alias or starts with
 * `ALIAS.`). A stopped target leaves the old address behind.
 */
function updateParentHosts(ctrl: Controller, c: Container): void {
  if (c.config.mode.kind === 'host' || c.config.mode.kind === 'container') return;
  const ip = bridgeIp(ctrl, c);
  if (!ip) return;
  for (const [parentId, aliases] of c.linkedBy) {
    const parent = ctrl.containerById(parentId);
    if (!parent?.running) continue;
    parent.linkHosts = parent.linkHosts.map((l) =>
      aliases.some((alias) => l.names[0] === alias || l.names[0]!.startsWith(`${alias}.`)) ? { ip, names: l.names } : l);
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
  if (c.config.autoRemove) {
    // The daemon's auto-remove is `rm -f -v`: anonymous volumes go with the container
    // (moby daemon/monitor: ContainerRm with RemoveVolume).
    ctrl.forgetContainer(c);
    ctrl.volumes.forget(c.id, true, (id) => ctrl.containerById(id) !== undefined);
  }
  const mode = c.config.mode;
  if (c.nsOwnerId !== null) ctrl.containerById(c.nsOwnerId)?.removeSharer(c.id);
  // Containers sharing this namespace keep running, in a namespace with only `lo`:
  // the owner's restart does not give it back, only their own restart (real engine, 20.10).
  for (const id of [...c.sharers]) {
    const other = ctrl.containerById(id);
    if (other?.running) {
      other.orphaned = true;
      other.orphanResolvConf = resolvConf(c);
    }
  }
  c.clearSharers();
}

/**
 * A server of one connection (`nc -l`) has had it: it printed what it read and its
 * process ended with 0 (real 20.10: `docker logs` shows the payload, the container is
 * Exited (0)). Under --restart always|unless-stopped the daemon starts it again at once,
 * so it goes on listening (its RestartCount is not kept here).
 */
export function serveOnce(ctrl: Controller, c: Container, payload: string): void {
  c.log('stdout', payload);
  const policy = c.config.restart.split(':')[0];
  if (policy !== 'always' && policy !== 'unless-stopped') exitContainer(ctrl, c, 0);
}

export function stopContainer(ctrl: Controller, c: Container): Result<void> {
  if (c.status === 'paused') c.status = 'running';
  // The stand-ins' PID 1 ignores SIGTERM: stop ends with SIGKILL (FACT 113).
  if (c.running) exitContainer(ctrl, c, 137);
  return ok(undefined);
}

/** `docker kill -s N` of a container, the signal already parsed (signals.ts). */
export function killContainer(ctrl: Controller, c: Container, signal: bigint): Result<void> {
  if (!c.running) return fail(E.ErrNotRunning(c.id));
  // moby's killWithSignal resumes a paused container once the signal is sent when the
  // signal is KILL, or Config.StopSignal is unset, or the signal is the stop signal
  // (ExitOnNext); another signal leaves it paused (real 20.10: `kill -s TERM` of a paused
  // busybox leaves it running, unpaused).
  const stop = c.config.stopSignal ? parseSignal(c.config.stopSignal) : null;
  if (c.status === 'paused' && (signal === 9n || stop === null || stop === signal)) c.status = 'running';
  // PID 1 without a handler ignores every catchable signal; KILL always ends it.
  if (signal === 9n) exitContainer(ctrl, c, 137);
  return ok(undefined);
}

/** `docker pause`: the processes freeze; the endpoints stay, but nothing in it answers. */
export function pauseContainer(c: Container): Result<void> {
  if (!c.running) return fail(E.ErrNotRunning(c.id));
  if (c.status === 'paused') return fail(E.ErrAlreadyPaused(c.id));
  c.status = 'paused';
  return ok(undefined);
}

export function unpauseContainer(c: Container): Result<void> {
  if (c.status !== 'paused') return fail(E.ErrNotPaused(c.id));
  c.status = 'running';
  return ok(undefined);
}

/** `rm [-f] [-v]`: the container goes, and with it its mounts; `-v` also its anonymous volumes no one else mounts. */
export function removeContainer(ctrl: Controller, c: Container, force: boolean, removeAnonymous = false): Result<void> {
  if (c.running && !force) return fail(E.ErrRemoveRunning(c.id));
  if (c.running) {
    c.status = 'running';
    exitContainer(ctrl, c, 137);
  }
  ctrl.forgetContainer(c);
  ctrl.volumes.forget(c.id, removeAnonymous, (id) => ctrl.containerById(id) !== undefined);
  return ok(undefined);
}

// ------------------------------------------------------------------ network connect/disconnect

export function connectContainer(ctrl: Controller, network: Network | undefined, networkRef: string, c: Container,
  opts: { aliases: string[]; ip: string | null; ip6?: string | null; links?: string[] }): Result<void> {
  const mode = c.config.mode;
  const ip6 = opts.ip6 ?? null;
  if (mode.kind === 'container') return fail(E.ErrSharedNamespaceConnect());
  if (mode.kind === 'host') {
    if (network === ctrl.hostNetwork) return fail(E.ErrEndpointExists(c.name, 'host'));
    return fail(network ? E.ErrSharedNamespaceConnect() : E.ErrNetworkNotFound(networkRef));
  }
  if (!network) return fail(E.ErrNetworkNotFound(networkRef));
  // updateNetworkConfig: a predefined network (bridge, host, none) takes no --ip and no
  // alias; --ip needs a network with a user subnet (validateNetworkingConfig).
  if (network.config.predefined && (opts.ip !== null || ip6 !== null)) return fail(E.ErrIPOnDefaultBridge());
  if (network.config.predefined && opts.aliases.length > 0) return fail(E.ErrAliasOnPredefinedConnect());
  if (opts.ip !== null && network.config.userSubnet === null) return fail(E.ErrIPWithoutUserSubnet());
  const valid6 = driverOf(network).checkAddress6(network, ip6);
  if (!valid6.ok) return valid6;
  // updateNetworkSettings: the host network is never joined; a network already in the
  // container's settings is skipped ("avoid duplicate config"); none excludes any other
  // network — one the container is listed on, so a container disconnected from every
  // network can join none, and one left only on none can join another (real 20.10).
  if (network === ctrl.hostNetwork) return fail(E.ErrHostNetworkConnect());
  const listed = c.attachments.findIndex((a) => a.networkId === network.id);
  const onNone = c.attachments.some((a) => a.networkId === ctrl.noneNetwork.id);
  if (listed < 0 && (network === ctrl.noneNetwork ? c.attachments.length > 0 : onNone)) return fail(E.ErrPrivateNone());
  // For a stopped container that is the whole connect: a duplicate succeeds and changes
  // nothing (its aliases and --ip are dropped), and --ip is stored unread, to fail at the
  // next start. A running one goes on to build the endpoint: the address is parsed
  // (buildCreateEndpointOptions), then libnetwork refuses a second endpoint before it
  // asks IPAM, while a network whose join failed earlier (listed, no endpoint) is joined
  // now, with this connect's settings (real 20.10).
  if (listed >= 0 && !c.running) return ok(undefined);
  if (c.running && opts.ip !== null && parseEndpointIp(opts.ip) === null) return fail(E.ErrEndpointInvalidIPv4(opts.ip));
  if (c.running && ip6 !== null && !isIPv6(ip6)) return fail(E.ErrEndpointInvalidIPv6(ip6));
  if (listed >= 0) {
    if (c.attachments[listed]!.endpoint !== null) return fail(E.ErrEndpointExists(c.name, network.name));
    c.attachments.splice(listed, 1);
  }
  const attachment: Attachment = { networkId: network.id, aliases: opts.aliases, requestedIp: opts.ip,
    ...(ip6 !== null ? { requestedIp6: ip6 } : {}), viaConnect: true, endpoint: null,
    ...(opts.links && opts.links.length > 0 && !network.config.predefined ? { links: opts.links } : {}) };
  // The daemon records the network in the container's settings before it creates and
  // joins the endpoint, and does not take it back when the join fails (real 20.10: a
  // connect refused for a port conflict still lists the network; it is joined at the
  // next start). The endpoint is in the sandbox while external connectivity is programmed.
  c.attachments.push(attachment);
  if (c.running) {
    const joined = joinNetwork(ctrl, c, attachment, network);
    if (!joined.ok) return joined;
  }
  return ok(undefined);
}

export function disconnectContainer(ctrl: Controller, network: Network | undefined, networkRef: string, c: Container): Result<void> {
  if (!network) return fail(E.ErrNetworkNotFound(networkRef));
  const index = c.attachments.findIndex((a) => a.networkId === network.id);
  if (c.config.mode.kind === 'host' && network === ctrl.hostNetwork) return fail(E.ErrHostNetworkConnect());
  if (index < 0) return fail(E.ErrNotConnected(c.id, network.name));
  const a = c.attachments[index];
  if (a.endpoint) c.hostsEndpoints = [];
  leaveEndpoint(ctrl, c, a);
  c.attachments.splice(index, 1);
  return ok(undefined);
}
