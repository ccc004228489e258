// Packet delivery from one namespace, by the bridge driver's rules: same network
// delivers (unless ICC is off), another bridge is dropped by DOCKER-ISOLATION, an
// --internal network lets nothing out, host addresses (every bridge gateway) answer,
// published ports go through docker-proxy (FACTS 9, 10, 26–28, 64–72, 82, 96).
import type { Cause } from '../backends/backend.js';
import type { Container } from './container.js';
import { HOST, type Controller } from './controller.js';
import { isIPv4, toInt, toIp } from './ipam.js';
import { contains6, isIPv6, toBig6 } from './ipam6.js';
import type { ListenSpec } from './images/catalog.js';
import type { ListeningSocket, Proto } from './model.js';
import type { Endpoint, Network } from './network.js';
import { planProcess } from './process.js';
import { namespaceOwner } from './sandbox.js';
import type { Source } from './resolver.js';

export { resolveName, type Resolution, type Source } from './resolver.js';

export interface Delivery {
  result: 'ok' | 'refused' | 'dropped' | 'unreachable';
  steps: string[];
  cause?: Cause;
  /** The target is paused: the connection is accepted by the kernel but never served. */
  frozen?: boolean;
  /** For an accepted TCP connection: whether the listener speaks HTTP, and its page. */
  http?: { page: string } | null;
  /** The reply's TTL when not 64: 63 when the host routed the packet between bridges. */
  ttl?: number;
  /** The send's error when not "Network is unreachable". */
  errno?: string;
  /** For an accepted TCP connection: the container whose main process accepted it, and
   *  how it listens (an `nc -l` that serves only this one ends: lifecycle.ts serveOnce). */
  server?: { container: Container; listen: ListenSpec };
}


/** The bridge network whose gateway is this address (a host address), if any. */
function gatewayNetwork(ctrl: Controller, address: string): Network | undefined {
  // Gateways compared as numbers (a string per network per packet before: 100 networks
  // made 100 strings for every probe that leaves its network). toIp gives the canonical
  // text, so only an address written canonically can match, as when the texts were compared;
  // `>>> 0` because a network without a free address has gateway -1 (255.255.255.255).
  if (!isIPv4(address)) return undefined;
  const v = toInt(address);
  if (toIp(v) !== address) return undefined;
  // An inhibit_ipv4 bridge holds no address: its gateway is nobody's.
  for (const n of ctrl.networkValues()) if (n.space && n.space.gateway >>> 0 === v && !n.inhibitIPv4) return n;
  return undefined;
}

function endpointAt(ctrl: Controller, address: string): Endpoint | undefined {
  for (const n of ctrl.networkValues()) {
    const ep = n.endpointByIp(address);
    if (ep) return ep;
  }
  return undefined;
}

function subnetOf(ctrl: Controller, address: string): Network | undefined {
  const n = address.split('.').map(Number);
  const v = ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
  for (const net of ctrl.networkValues()) if (net.subnet && v >= net.subnet.first && v <= net.subnet.last) return net;
  return undefined;
}

/** What listens in a namespace: its own main process and those sharing it. */
function listenerIn(ctrl: Controller, owner: Container, port: number, proto: Proto): { page: string | null; server: Container; listen: ListenSpec } | null {
  for (const c of [owner, ...[...owner.sharers].map((id) => ctrl.containerById(id)).filter((x): x is Container => !!x)]) {
    if (!c.running) continue;
    const plan = planProcess(c.config);
    if (plan.kind !== 'service') continue;
    const l = plan.listens.find((x) => x.port === port && x.proto === proto);
    if (l) return { page: l.http ? (c.config.image?.page ?? '<html><body>It works</body></html>\n') : null, server: c, listen: l };
  }
  return null;
}

/**
 * The listening sockets of a container's network namespace, as `netstat -l` lists them:
 * the embedded DNS's TCP and UDP sockets on 127.0.0.11 where it runs (on a port of the
 * ephemeral range, random on the engine, here from the sandbox owner's ID), then what
 * the main processes sharing the namespace serve. BusyBox's servers bind the IPv6
 * wildcard, dual-stack (real engine: `tcp … :::80 … LISTEN` for the nginx stand-in).
 */
export function listeningSockets(ctrl: Controller, c: Container): ListeningSocket[] {
  const owner = namespaceOwner(ctrl, c);
  const out: ListeningSocket[] = [];
  if (owner.usesEmbeddedDns && owner.running && !c.orphaned) {
    const seed = parseInt(owner.id.slice(0, 8), 16);
    out.push({ proto: 'tcp', local: `127.0.0.11:${ephemeral(seed)}` }, { proto: 'udp', local: `127.0.0.11:${ephemeral(seed >>> 7)}` });
  }
  if (c.orphaned) return out;
  for (const member of [owner, ...[...owner.sharers].map((id) => ctrl.containerById(id)).filter((x): x is Container => !!x)]) {
    if (!member.running) continue;
    const plan = planProcess(member.config);
    if (plan.kind === 'service') for (const l of plan.listens) out.push({ proto: l.proto, local: `:::${l.port}` });
  }
  return out;
}

/** A port of Linux's default ip_local_port_range, 32768–60999. */
const ephemeral = (n: number): number => 32768 + (n % 28232);

/** Delivery into a container's namespace (after routing decided the packet arrives). */
function arrive(ctrl: Controller, target: Container, address: string, port: number | null, proto: Proto, steps: string[]): Delivery {
  // A paused container's processes are frozen, not its network stack: the kernel still
  // answers pings and completes TCP handshakes on listening sockets (real engine).
  const frozen = target.status === 'paused';
  if (port === null) return { result: 'ok', steps: [...steps, frozen ? `${target.name} is paused, but its kernel stack answered (${address})` : `${target.name} (${address}) answered`] };
  const l = listenerIn(ctrl, target, port, proto);
  if (!l) return { result: 'refused', cause: 'nothing-listening', steps: [...steps, `nothing listens on ${proto} port ${port} in ${target.name}: connection refused`] };
  if (frozen) return { result: 'ok', frozen: true, steps: [...steps, `${target.name} is paused: the kernel accepted ${proto} port ${port}, but nothing reads the request`], http: null };
  const once = l.listen.once ? `; ${l.server.name}'s process serves this one connection and exits` : '';
  return { result: 'ok', steps: [...steps, `${target.name} accepted ${proto} port ${port}${once}`], http: l.page === null ? null : { page: l.page },
    server: { container: l.server, listen: l.listen } };
}

/** A packet to a host address: ICMP answered by the host; TCP through docker-proxy or a host-mode process. */
function toHost(ctrl: Controller, address: string, port: number | null, proto: Proto, steps: string[], fromHost: boolean): Delivery {
  if (port === null) return { result: 'ok', steps: [...steps, steps.length ? 'the host answered' : `${address} is a host address: the host answered`] };
  const owner = ctrl.ports.ownerOf(address, proto, port);
  const c = owner ? ctrl.containerById(owner.owner) : undefined;
  if (!owner || !c || !c.running) {
    return { result: 'refused', cause: 'port-not-published', steps: [...steps, `no published port or host process on ${address}:${port}: connection refused`] };
  }
  if (address.startsWith('127.') && owner.via === 'proxy' && !fromHost) {
    return { result: 'refused', cause: 'port-not-published', steps: [...steps, `127.0.0.1 inside a container is its own loopback`] };
  }
  if (owner.via === 'host-mode') return arrive(ctrl, c, address, port, proto, [...steps, `${c.name} (host network mode) listens on ${address}:${port}`]);
  const target = [...c.bindings.entries()].find(([, bs]) => bs.some((b) => b.hostPort === port));
  const containerPort = target ? Number(target[0].split('/')[0]) : port;
  return arrive(ctrl, c, address, containerPort, proto, [...steps, `${address}:${port} is published by ${c.name} → container port ${containerPort} (docker-proxy)`]);
}

/**
 * An address held on one of the sender's networks (either family: the network indexes
 * both): delivered on the bridge (layer 2), unless ICC is off. Null when no shared network has it.
 */
function onSharedNetwork(ctrl: Controller, c: Container, eps: Endpoint[], address: string, port: number | null, proto: Proto): Delivery | null {
  for (const ep of eps) {
    const peer = ep.network.endpointByIp(address);
    const target = peer && ctrl.containerById(peer.containerId);
    if (!target) continue;
    if (!ep.network.iccEnabled) {
      return { result: 'dropped', cause: 'icc-disabled', steps: [`${ep.network.name} has com.docker.network.bridge.enable_icc=false: container-to-container traffic is dropped`] };
    }
    return arrive(ctrl, target, address, port, proto, [`${c.name} and ${target.name} share ${ep.network.name}: delivered on ${ep.network.bridgeName}`]);
  }
  return null;
}

export function deliver(ctrl: Controller, source: Source, address: string, port: number | null, proto: Proto): Delivery {
  const steps: string[] = [];
  if (source.kind === 'host') {
    if (address === '::1' || gatewayNetwork6(ctrl, address)) return toHost(ctrl, address, port, proto, steps, true);
    if (address.startsWith('127.') || address === HOST.ip || gatewayNetwork(ctrl, address)) return toHost(ctrl, address, port, proto, steps, true);
    const ep = endpointAt(ctrl, address);
    const target = ep && ctrl.containerById(ep.containerId);
    if (target && ep.network.inhibitIPv4) {
      return { result: 'dropped', cause: 'address-not-in-use', steps: [`${ep.network.bridgeName} has no IPv4 address (inhibit_ipv4): the host has no route to ${address}`] };
    }
    if (target) return arrive(ctrl, target, address, port, proto, [`the host routes ${address} onto ${ep.network.bridgeName}`]);
    return { result: 'dropped', cause: 'address-not-in-use', steps: [`no container holds ${address}`] };
  }
  const c = source.container;
  const owner = namespaceOwner(ctrl, c);
  if (!c.running || !owner.running) return { result: 'unreachable', cause: 'container-not-running', steps: [`${c.name} is not running`] };
  if (c.status === 'paused' || owner.status === 'paused') {
    return { result: 'dropped', cause: 'container-not-running', steps: [`${c.name} is paused: it sends nothing`] };
  }
  if (owner.config.mode.kind === 'host') {
    return deliver(ctrl, { kind: 'host' }, address, port, proto);
  }
  if (address.includes(':')) return deliver6(ctrl, c, owner, address, port, proto);
  if (address.startsWith('127.')) return arrive(ctrl, owner, address, port, proto, [`${address} is ${c.name}'s own loopback`]);
  const eps = owner.endpoints().filter((e) => e.ip !== null);
  // None mode, or every network disconnected (a none-mode container can be disconnected
  // from none and connected to a network: it is then on that network).
  if (eps.length === 0) {
    return { result: 'unreachable', cause: 'loopback-only', steps: [`${c.name} has only a loopback interface (none mode): Network is unreachable`] };
  }
  if (eps.some((e) => e.ip === address)) return arrive(ctrl, owner, address, port, proto, [`${address} is ${c.name}'s own address`]);
  const shared = onSharedNetwork(ctrl, c, eps, address, port, proto);
  if (shared) return shared;
  const route = owner.routingOrder()[0] ?? eps[0];
  if (route.network.inhibitIPv4) {
    return { result: 'dropped', cause: 'address-not-in-use', steps: [
      `${c.name}'s default route is via ${toIp(route.network.space!.gateway)}, which ${route.network.bridgeName} does not hold (inhibit_ipv4): no answer`] };
  }
  if (address === HOST.ip || gatewayNetwork(ctrl, address)) {
    return toHost(ctrl, address, port, proto, [`${address} is a host address, reached through ${route.network.name}'s bridge`], false);
  }
  // One look for the address's network, for both questions below (it was asked once per endpoint, then again).
  const holder = subnetOf(ctrl, address);
  const inOwnSubnet = eps.find((e) => holder === e.network);
  if (inOwnSubnet) {
    return { result: 'dropped', cause: 'address-not-in-use', steps: [`no container holds ${address} on ${inOwnSubnet.network.name}: no answer`] };
  }
  const defaultNet = route.network;
  if (defaultNet.config.internal) {
    return { result: 'dropped', cause: 'internal-network', steps: [`${c.name}'s default route is via ${defaultNet.name}, an --internal network: nothing leaves it`] };
  }
  const other = holder;
  if (other) {
    return { result: 'dropped', cause: 'bridge-isolation', steps: [
      `${address} is on ${other.name}; ${c.name} is on ${eps.map((e) => e.network.name).join(', ')}`,
      `routed via ${toIp(defaultNet.space!.gateway)} and dropped by DOCKER-ISOLATION between ${defaultNet.bridgeName} and ${other.bridgeName}`] };
  }
  return { result: 'dropped', cause: 'address-not-in-use', steps: [`${address} is outside every simulated network: no answer`] };
}


/** The bridge network whose IPv6 gateway is this address (a host address), if any. */
function gatewayNetwork6(ctrl: Controller, address: string): Network | undefined {
  if (!isIPv6(address)) return undefined;
  const v = toBig6(address);
  for (const n of ctrl.networkValues()) if (n.space6 && n.ipv6 && n.space6.gateway === v) return n;
  return undefined;
}

/**
 * An IPv6 packet from a container. Docker 20.10 programs no ip6tables rules (that is
 * the experimental --ip6tables), so neither DOCKER-ISOLATION nor --internal applies to
 * IPv6: the host, which forwards IPv6 once a network enables it, routes between any two
 * IPv6 bridges (real 20.10: a ping from an --internal IPv6 network to another network's
 * container is answered, ttl=63, while IPv4 between them is dropped).
 */
function deliver6(ctrl: Controller, c: Container, owner: Container, address: string, port: number | null, proto: Proto): Delivery {
  const eps = owner.endpoints().filter((e) => e.ip6 !== null);
  if (eps.length === 0) {
    return { result: 'unreachable', errno: 'Cannot assign requested address', cause: 'loopback-only',
      steps: [`${c.name} has no IPv6 address: it cannot send to ${address}`] };
  }
  if (!isIPv6(address)) return { result: 'dropped', cause: 'address-not-in-use', steps: [`${address} is not an address`] };
  if (address === '::1' || eps.some((e) => e.ip6 === address)) return arrive(ctrl, owner, address, port, proto, [`${address} is ${c.name}'s own address`]);
  const shared = onSharedNetwork(ctrl, c, eps, address, port, proto);
  if (shared) return shared;
  if (gatewayNetwork6(ctrl, address)) return toHost(ctrl, address, port, proto, [`${address} is a host address (a bridge's IPv6 gateway)`], false);
  const n = toBig6(address);
  const own = eps.find((e) => e.network.subnet6 !== null && contains6(e.network.subnet6, n));
  // Neighbour discovery finds nobody: a ping goes unanswered, a connect fails at once.
  if (own) return { result: 'dropped', errno: 'No route to host', cause: 'address-not-in-use', steps: [`no container holds ${address} on ${own.network.name}: no answer`] };
  const route = owner.routingOrder()[0];
  if (!route || route.ip6 === null) {
    return { result: 'unreachable', cause: 'loopback-only', steps: [`${c.name} has no IPv6 default route: Network is unreachable`] };
  }
  const holder = endpointAt(ctrl, address);
  const target = holder && ctrl.containerById(holder.containerId);
  if (!holder || !target) return { result: 'dropped', cause: 'address-not-in-use', steps: [`no container holds ${address}: no answer`] };
  const d = arrive(ctrl, target, address, port, proto, [
    `${address} is on ${holder.network.name}; routed via ${route.network.name}'s IPv6 gateway: Docker 20.10 writes no ip6tables rules, so nothing isolates IPv6 between bridges`]);
  return { ...d, ttl: 63 };
}
