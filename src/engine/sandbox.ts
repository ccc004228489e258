// The Sandbox: a container's network namespace as it looks from inside — interfaces
// (lo, eth0, eth1… one per endpoint, in join order), routes (default via the first
// network's gateway), /etc/hosts and /etc/resolv.conf as Docker writes them (FACTS 5,
// 23, 50, 59, 75, 82, 85). Computed from the live endpoints, so it never goes stale.
import type { Container } from './container.js';
import { HOST, type Controller } from './controller.js';
import { shortId } from './ids.js';
import { toIp } from './ipam.js';
import ipaddr from 'ipaddr.js';
import { toIp6 } from './ipam6.js';
import type { Inet6, InterfaceView, Route6View, RouteView, SandboxView } from './model.js';
import type { Endpoint } from './network.js';

const HOSTS_HEAD = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n'
  + 'ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';
const HOST_HOSTS = '127.0.0.1 localhost\n127.0.0.1 runsc\n127.0.0.1 vm\n';
const HOST_RESOLV = `nameserver ${HOST.resolver}\n`;
const LOOPBACK: InterfaceView = { name: 'lo', index: 1, peerIndex: null, mac: '00:00:00:00:00:00', ip: '127.0.0.1',
  prefixLen: 8, broadcast: null, mtu: 65536, networkName: null };
/** libnetwork enables IPv6 on lo when an interface of the sandbox has an IPv6 address (osl checkLoV6). */
const LOOPBACK6: InterfaceView = { ...LOOPBACK, inet6: [{ address: '::1', prefixLen: 128, scope: 'host' }] };

/** The namespace a container lives in (container: mode → its target's). */
export function namespaceOwner(ctrl: Controller, c: Container): Container {
  const mode = c.config.mode;
  if (mode.kind !== 'container' || c.orphaned) return c;
  return ctrl.containerById(c.nsOwnerId ?? mode.targetId) ?? c;
}

export function sandboxView(ctrl: Controller, c: Container): SandboxView | null {
  const owner = namespaceOwner(ctrl, c);
  const hostsFile = hostsFileOf(ctrl, c);
  if (hostsFile === null) return null;
  // Its namespace's owner stopped: the process lives on in a namespace with only `lo`.
  // (Its own UTS namespace keeps the hostname copied from the owner at start.)
  // resolv.conf is the owner's file as it was (nobody rewrites it); /etc/hosts lost the
  // owner's own lines when its endpoints left (etchosts.Delete).
  if (c.orphaned) return { key: shortId(c.id), hostname: c.hostname, hostsFile,
    resolvConf: c.orphanResolvConf ?? HOST_RESOLV, interfaces: [LOOPBACK], routes: [], routes6: [] };
  if (owner.config.mode.kind === 'host') {
    return { key: 'default', hostname: owner.config.hostname ?? HOST.hostname, hostsFile, resolvConf: resolvConf(owner),
      interfaces: hostInterfaces(ctrl), routes: hostRoutes(ctrl), routes6: [] };
  }
  const routes: RouteView[] = [];
  // Interfaces in creation order (ifindex), routes as `ip route` sorts them: default
  // first (via the first endpoint in sandbox order), then the subnets.
  const eps = owner.endpoints().filter((ep) => ep.ip !== null).sort((x, y) => x.ifIndex - y.ifIndex);
  const interfaces: InterfaceView[] = [eps.some((ep) => ep.ip6 !== null) ? LOOPBACK6 : LOOPBACK];
  const first = owner.routingOrder()[0];
  if (first) routes.push({ destination: 'default', via: toIp(first.network.space!.gateway), device: first.ifName ?? 'eth0', source: null });
  eps.forEach((ep, i) => {
    const subnet = ep.network.subnet!;
    const name = ep.ifName ?? `eth${i}`;
    // An interface without an IPv6 address has IPv6 disabled (no link-local either); one
    // with it lists the global address Docker set (no DAD), then the kernel's link-local.
    const inet6 = ep.ip6 === null ? undefined
      : [{ address: ep.ip6, prefixLen: ep.network.subnet6!.prefix, scope: 'global' as const, flags: 'flags 02' }, linkLocal(ep.mac)];
    interfaces.push({ name, index: ep.ifIndex, peerIndex: ep.ifIndex + 1, mac: ep.mac, ip: ep.ip!, prefixLen: subnet.prefix,
      broadcast: toIp(subnet.last), mtu: ep.network.mtu, networkName: ep.network.name, ...(inet6 ? { inet6 } : {}) });
    routes.push({ destination: `${toIp(subnet.first)}/${subnet.prefix}`, via: null, device: name, source: ep.ip });
  });
  routes.sort(byRouteOrder);
  return { key: shortId(owner.id),
    hostname: owner.hostname, hostsFile, resolvConf: resolvConf(owner), interfaces, routes, routes6: routes6Of(eps, first),
    ...(owner.config.sysctls ? { sysctls: owner.config.sysctls } : {}) };
}

/**
 * The IPv6 table as BusyBox `ip -6 route` lists the kernel's: each IPv6 subnet in address
 * order (the fib6 tree), fe80::/64 per interface, the default route via the gateway
 * endpoint's IPv6 gateway (an --internal network's too: no ip6tables on 20.10), then
 * ff00::/8 per interface (real 20.10, three IPv6 networks on one container).
 */
function routes6Of(eps: Endpoint[], gatewayEp: Endpoint | undefined): Route6View[] {
  const v6 = eps.filter((ep) => ep.ip6 !== null);
  if (v6.length === 0) return [];
  const dev = (ep: Endpoint): string => ep.ifName ?? 'eth0';
  const subnets = v6.map((ep) => ({ ep, subnet: ep.network.subnet6! }))
    .sort((a, b) => (a.subnet.first < b.subnet.first ? -1 : a.subnet.first > b.subnet.first ? 1 : a.subnet.prefix - b.subnet.prefix));
  const routes: Route6View[] = subnets.map(({ ep, subnet }) => ({ destination: `${toIp6(subnet.first)}/${subnet.prefix}`, via: null, device: dev(ep), metric: 256 }));
  for (const ep of v6) routes.push({ destination: 'fe80::/64', via: null, device: dev(ep), metric: 256 });
  if (gatewayEp?.ip6 && gatewayEp.network.space6) {
    routes.push({ destination: 'default', via: toIp6(gatewayEp.network.space6.gateway), device: dev(gatewayEp), metric: 1024 });
  }
  for (const ep of v6) routes.push({ destination: 'ff00::/8', via: null, device: dev(ep), metric: 256, multicast: true });
  return routes;
}

/**
 * A running container's /etc/hosts, as sandboxView shows it; null when it is not running.
 * The resolver reads only this file, at every lookup: it need not build the whole view.
 */
export function hostsFileOf(ctrl: Controller, c: Container): string | null {
  const owner = namespaceOwner(ctrl, c);
  if (!c.running || !owner.running) return null;
  if (c.orphaned) return HOSTS_HEAD;
  // Host mode copies the host's file, unless there are --add-host entries: then Docker
  // builds its own file, with no line for the container (libnetwork buildHostsFile:
  // useDefaultSandBox && no extraHosts → copy; etchosts.Build with an empty IP).
  if (owner.config.mode.kind === 'host' && owner.config.extraHosts.length === 0) return HOST_HOSTS;
  return containerHosts(owner, hostGatewayIp(ctrl));
}

/** The daemon's HostGatewayIP: by default the default bridge's address (docker0, 172.17.0.1). */
function hostGatewayIp(ctrl: Controller): string {
  const g = ctrl.defaultBridge.space?.gateway;
  return g === undefined ? '' : toIp(g);
}

/** The file Docker writes: the fixed head, --add-host, legacy links, then the container's own addresses. */
function containerHosts(owner: Container, hostGateway: string): string {
  let hosts = HOSTS_HEAD;
  for (const h of owner.config.extraHosts) {
    const i = h.indexOf(':');
    // "host-gateway" is replaced when the sandbox is built; HostConfig keeps the word.
    const ip = h.slice(i + 1) === 'host-gateway' ? hostGateway : h.slice(i + 1);
    hosts += `${ip}\t${h.slice(0, i)}\n`;
  }
  for (const l of owner.linkHosts) hosts += `${l.ip}\t${l.names.join(' ')}\n`;
  // host mode: no own /etc/hosts line; none mode has no endpoint with an address, so none
  // either (FACT 82) — until it is disconnected from none and connected to a network.
  // Own lines in interface (creation) order.
  if (owner.config.mode.kind === 'host') return hosts;
  const own = owner.endpoints().filter((ep) => ep.ip !== null && owner.hostsEndpoints.includes(ep.id)).sort((x, y) => x.ifIndex - y.ifIndex);
  for (const ep of own) {
    hosts += `${ep.ip}\t${owner.hostsNames}\n`;
    if (ep.ip6) hosts += `${ep.ip6}\t${owner.hostsNames}\n`;
  }
  return hosts;
}

/**
 * /etc/resolv.conf as libnetwork writes it (sandbox_dns.go setupDNS, rebuildDNS;
 * resolvconf.Build): the host's file with the user's --dns-search, --dns and
 * --dns-option in place of the host's lines, in the order search, nameserver, options.
 * With the embedded DNS the only server is 127.0.0.11 (the --dns servers are asked
 * behind it), and `ndots:0` follows the user's options unless they set ndots. A search
 * list of only "." means none. (The host's own file has one nameserver and no search
 * or options line, so nothing of it survives the user's flags.)
 */
export function resolvConf(owner: Container): string {
  const { dns, dnsSearch, dnsOptions } = owner.config;
  const embedded = owner.usesEmbeddedDns && owner.config.mode.kind !== 'host';
  const search = dnsSearch.join(' ').trim() === '.' ? [] : dnsSearch;
  const servers = embedded ? ['127.0.0.11'] : dns.length > 0 ? dns : [HOST.resolver];
  const options = embedded && !dnsOptions.some((o) => o.includes('ndots')) ? [...dnsOptions, 'ndots:0'] : dnsOptions;
  return (search.length > 0 ? `search ${search.join(' ')}\n` : '')
    + servers.map((s) => `nameserver ${s}\n`).join('')
    + (options.length > 0 ? `options ${options.join(' ')}\n` : '');
}

function ipKey(cidr: string): number {
  return cidr.split('/')[0]!.split('.').reduce((n, b) => n * 256 + Number(b), 0);
}

/** `ip route`'s order: the default route, then the main table in address order (fib trie), not by interface. */
function byRouteOrder(x: RouteView, y: RouteView): number {
  return x.destination === 'default' ? -1 : y.destination === 'default' ? 1 : ipKey(x.destination) - ipKey(y.destination);
}

/**
 * The host's interfaces as a host-mode container lists them: lo and the NIC, each
 * bridge, and the host end of every running container's veth (vethXXXXXXX@ifN, a port
 * of its bridge), in ifindex order. The host has IPv6, so lo has ::1 and a bridge or veth
 * its link-local address; a bridge with no port has no carrier (FACTS 3, 6, 17, 59;
 * flags and addresses as the 20.10 engine's host-mode BusyBox `ip` prints them).
 * Bridge and veth MACs and veth names are random on an engine; here they come from IDs.
 */
function hostInterfaces(ctrl: Controller): InterfaceView[] {
  const out: InterfaceView[] = [
    { name: 'lo', index: 1, peerIndex: null, mac: '00:00:00:00:00:00', ip: '127.0.0.1', prefixLen: 8, broadcast: null, mtu: 65536, networkName: null,
      inet6: [{ address: '::1', prefixLen: 128, scope: 'host' }] },
    { name: 'eth0', index: 2, peerIndex: null, mac: '52:54:00:12:34:56', ip: HOST.ip, prefixLen: HOST.prefixLen, broadcast: '192.0.2.255', mtu: 1500, networkName: null,
      flags: 'BROADCAST,MULTICAST,UP,LOWER_UP' },
  ];
  for (const n of ctrl.networks()) {
    const bridge = n.bridgeName;
    if (!n.space || !n.subnet || bridge === null) continue;
    const mac = `02:42:${n.id.slice(0, 8).match(/../g)!.join(':')}`;
    const ports = [...n.endpoints.values()].filter((ep) => ep.ip !== null);
    out.push({ name: bridge, index: n.ifIndex, peerIndex: null, mac, ip: n.inhibitIPv4 ? '' : toIp(n.space.gateway), prefixLen: n.inhibitIPv4 ? 0 : n.subnet.prefix,
      broadcast: n.inhibitIPv4 ? null : toIp(n.subnet.last), mtu: n.mtu, networkName: n.name,
      flags: ports.length > 0 ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'NO-CARRIER,BROADCAST,MULTICAST,UP',
      inet6: n.everJoined ? [linkLocal(mac)] : [] });
    for (const ep of ports) {
      // A locally administered unicast MAC, as the kernel's random one is.
      const vmac = [parseInt(ep.id.slice(0, 2), 16) & 0xfc | 0x02, ...ep.id.slice(2, 12).match(/../g)!.map((b) => parseInt(b, 16))]
        .map((b) => b.toString(16).padStart(2, '0')).join(':');
      out.push({ name: `veth${ep.id.slice(0, 7)}`, index: ep.ifIndex + 1, peerIndex: ep.ifIndex, mac: vmac, ip: '', prefixLen: 0,
        broadcast: null, mtu: n.mtu, networkName: n.name, master: bridge, inet6: [linkLocal(vmac)] });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The EUI-64 link-local address of a MAC (fe80::42:acff:fe11:2 for 02:42:ac:11:00:02). */
function linkLocal(mac: string): Inet6 {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const parts = [0xfe80, 0, 0, 0, ((b[0]! ^ 0x02) << 8) | b[1]!, (b[2]! << 8) | 0xff, 0xfe00 | b[3]!, (b[4]! << 8) | b[5]!];
  return { address: new ipaddr.IPv6(parts).toRFC5952String(), prefixLen: 64, scope: 'link' };
}

/** The host's routes: the default one, then each subnet of the NIC and the bridges. */
function hostRoutes(ctrl: Controller): RouteView[] {
  const routes: RouteView[] = [{ destination: 'default', via: HOST.gateway, device: 'eth0', source: null },
    { destination: `192.0.2.0/${HOST.prefixLen}`, via: null, device: 'eth0', source: HOST.ip }];
  for (const n of ctrl.networks()) {
    if (!n.space || !n.subnet || n.bridgeName === null || n.inhibitIPv4) continue;
    routes.push({ destination: `${toIp(n.subnet.first)}/${n.subnet.prefix}`, via: null, device: n.bridgeName, source: toIp(n.space.gateway) });
  }
  return routes.sort(byRouteOrder);
}

