// What a container sees of its own network stack: BusyBox `ifconfig`, `ip addr|link|route`,
// `route`, `netstat [-r]`, `hostname [-i|-f|-s|-d]`
// (FACTS 5, 22, 82, 85). Packet counters are not simulated: they read 0.

import { contains, isIPv4, netmask, parseCidr, toInt } from '../ipam.js';
import { contains6, isIPv6, parseCidr6, toBig6 } from '../ipam6.js';
import type { Inet6, InterfaceView, ListeningSocket, Route6View } from '../model.js';
import { type ExecContext, fail, ok, type ToolResult } from './context.js';
import { IP_USAGE, NETSTAT_USAGE } from './usage.js';

const LOOPBACK: InterfaceView = {
  name: 'lo',
  index: 1,
  peerIndex: null,
  mac: '00:00:00:00:00:00',
  ip: '127.0.0.1',
  prefixLen: 8,
  broadcast: null,
  mtu: 65536,
  networkName: null,
};

/** The namespace's interfaces, loopback first (the view may leave it out). */
function interfaces(ctx: ExecContext): InterfaceView[] {
  const list = ctx.container.sandbox?.interfaces ?? [];
  return list.some((i) => i.name === 'lo') ? list : [LOOPBACK, ...list];
}

function ifconfigBlock(i: InterfaceView): string {
  const pad = `${i.name.padEnd(9)} `; // printf("%-9s "): a longer name pushes the rest right
  if (i.name === 'lo') {
    return (
      `${pad}Link encap:Local Loopback  \n` +
      `          inet addr:${i.ip}  Mask:${netmask(i.prefixLen)}\n` +
      inet6Ifconfig(i) +
      `          UP LOOPBACK RUNNING  MTU:${i.mtu}  Metric:1\n` +
      counters(1000)
    );
  }
  const inet = i.ip === '' ? '' : `          inet addr:${i.ip}  Bcast:${i.broadcast ?? ''}  Mask:${netmask(i.prefixLen)}\n`;
  return (
    `${pad}Link encap:Ethernet  HWaddr ${i.mac.toUpperCase()}  \n` +
    inet +
    inet6Ifconfig(i) +
    `          UP BROADCAST RUNNING MULTICAST  MTU:${i.mtu}  Metric:1\n` +
    counters(0)
  );
}

const SCOPE_NAME = { host: 'Host', link: 'Link', global: 'Global' } as const;

function inet6Ifconfig(i: InterfaceView): string {
  return (i.inet6 ?? []).map((a) => `          inet6 addr: ${a.address}/${a.prefixLen} Scope:${SCOPE_NAME[a.scope]}\n`).join('');
}

function counters(txqueuelen: number): string {
  return (
    '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n' +
    '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n' +
    `          collisions:0 txqueuelen:${txqueuelen} \n` +
    '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n'
  );
}

export function ifconfig(ctx: ExecContext, argv: string[]): ToolResult {
  const all = interfaces(ctx);
  if (argv.length > 0) {
    const found = all.find((i) => i.name === argv[0]);
    if (!found) return fail(`ifconfig: ${argv[0]}: error fetching interface information: Device not found\n`);
    return ok(ifconfigBlock(found));
  }
  // BusyBox keeps its list sorted by name, numbers compared as numbers (add_interface,
  // nstrcmp): eth0, eth1, lo in a container; br-…, docker0, eth0, lo, veth… on the host.
  return ok([...all].sort((a, b) => byName.compare(a.name, b.name)).map(ifconfigBlock).join(''));
}

const byName = new Intl.Collator('en', { numeric: true });

function linkLines(i: InterfaceView): string {
  if (i.name === 'lo')
    return `${i.index}: lo: <LOOPBACK,UP,LOWER_UP> mtu ${i.mtu} qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n`;
  const name = i.peerIndex === null ? i.name : `${i.name}@if${i.peerIndex}`;
  // M-DOWN: the peer (@ifN) is in another namespace, so `ip` cannot see it up.
  const flags = i.flags ?? 'BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN';
  const master = i.master === undefined ? '' : `master ${i.master} `;
  return `${i.index}: ${name}: <${flags}> mtu ${i.mtu} qdisc noqueue ${master}\n    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff\n`;
}

const LIFETIME = '       valid_lft forever preferred_lft forever';

function inet4Line(i: InterfaceView): string {
  const scope = i.name === 'lo' ? 'scope host' : `brd ${i.broadcast ?? ''} scope global`;
  return `    inet ${i.ip}/${i.prefixLen} ${scope} ${i.name}`;
}

const inet6Line = (a: Inet6): string => `    inet6 ${a.address}/${a.prefixLen} scope ${a.scope} ${a.flags === undefined ? '' : `${a.flags} `}`;

function addrLines(i: InterfaceView): string {
  const v4 = i.ip === '' ? '' : `${inet4Line(i)}\n${LIFETIME}\n`;
  return linkLines(i) + v4 + (i.inet6 ?? []).map((a) => `${inet6Line(a)}\n${LIFETIME}\n`).join('');
}

const OBJECTS: Record<string, 'address' | 'link' | 'route'> = {
  a: 'address',
  addr: 'address',
  address: 'address',
  l: 'link',
  link: 'link',
  r: 'route',
  ro: 'route',
  route: 'route',
};

/** `ip -4 addr`: only the IPv4 lines, no link line, interfaces without one left out. */
function inetLines(i: InterfaceView): string {
  if (i.ip === '') return '';
  return `${linkLines(i).split('\n')[0]}\n${inet4Line(i)}\n${LIFETIME}\n`;
}

/** `ip -6 addr`: only the IPv6 lines; BusyBox's link line then has no qdisc. */
function inet6Lines(i: InterfaceView): string {
  if (!i.inet6 || i.inet6.length === 0) return '';
  const head = linkLines(i).split('\n')[0]!.replace('qdisc noqueue ', '');
  return `${head}\n${i.inet6.map((a) => `${inet6Line(a)}\n${LIFETIME}\n`).join('')}`;
}

/** `ip -6 route [show dev D]`, as BusyBox prints the kernel's IPv6 table. */
function routes6Text(routes: readonly Route6View[], device: string | undefined): string {
  return routes.filter((r) => device === undefined || r.device === device).map((r) => {
    const dest = r.destination === 'default' ? `default via ${r.via ?? ''}` : `${r.multicast ? 'multicast ' : ''}${r.destination}`;
    return `${dest} dev ${r.device}  metric ${r.metric} \n`;
  }).join('');
}

/** `ip -6 route get ADDR`: the route the kernel would take, with the interface's address as source. */
function route6Get(ctx: ExecContext, target: string | undefined): ToolResult {
  if (target === undefined || !isIPv6(target)) return { stdout: '', stderr: 'ip: need at least destination address\n', exitCode: 1 };
  const sandbox = ctx.container.sandbox;
  const src = (device: string): string => sandbox?.interfaces.find((i) => i.name === device)?.inet6?.find((a) => a.scope === 'global')?.address ?? '::';
  const n = toBig6(target);
  for (const r of sandbox?.routes6 ?? []) {
    const subnet = r.destination === 'default' || r.multicast ? null : parseCidr6(r.destination);
    if (subnet === null || !contains6(subnet, n) || r.destination === 'fe80::/64') continue;
    return ok(`${target} from :: dev ${r.device}  src ${src(r.device)}  metric ${r.metric} \n`);
  }
  const def = sandbox?.routes6.find((r) => r.destination === 'default');
  if (!def) return { stdout: '', stderr: 'ip: RTNETLINK answers: Network is unreachable\n', exitCode: 2 };
  return ok(`${target} from :: via ${def.via ?? ''} dev ${def.device}  src ${src(def.device)}  metric ${def.metric} \n`);
}

/**
 * `ip -o`: one line a record, its line breaks written as `\`. An address record starts
 * `N: NAME` (no `@ifM`, no flags) and BusyBox prints no link record with the addresses.
 */
function onelineAddr(i: InterfaceView, v4Only: boolean, v6Only: boolean): string {
  const records = [...(i.ip === '' || v6Only ? [] : [inet4Line(i)]), ...(v4Only ? [] : (i.inet6 ?? []).map(inet6Line))];
  return records.map((r) => `${i.index}: ${i.name}${r}\\${LIFETIME}\n`).join('');
}

const onelineLink = (i: InterfaceView): string => linkLines(i).replace('\n    link/', '\\    link/');

export function ip(ctx: ExecContext, argv: string[]): ToolResult {
  const v4 = argv.includes('-4');
  const v6 = argv.includes('-6');
  const oneline = argv.includes('-o');
  const words = argv.filter((a) => a !== '-4' && a !== '-6' && a !== '-o');
  const object = OBJECTS[words[0] ?? ''];
  // BusyBox has these; the simulator keeps no ARP cache, rules or tunnels: it says so
  // rather than print the usage BusyBox would not.
  if (/^(?:n|ne|nei|neig|neigh|neighbor|neighbour|ru|rul|rule|t|tu|tun|tunn|tunne|tunnel)$/.test(words[0] ?? '')) {
    return fail(`dnet-test: ip ${words[0]} is not simulated\n`, 127);
  }
  if (object === undefined) return fail(IP_USAGE);
  const rest = words.slice(1);
  if (rest[0] === 'show' || rest[0] === 'list' || rest[0] === 'ls') rest.shift();
  if (rest[0] === 'dev') rest.shift();
  if (object === 'route' && rest[0] === 'get') return v6 || (rest[1] ?? '').includes(':') ? route6Get(ctx, rest[1]) : routeGet(ctx, rest[1]);
  // `show` and `dev` are off `rest` already: what is left names the device, if anything.
  if (object === 'route' && v6) return ok(routes6Text(ctx.container.sandbox?.routes6 ?? [], rest[0]));
  if (object === 'route') {
    const routes = ctx.container.sandbox?.routes ?? [];
    return ok(
      routes
        .map((r) =>
          r.destination === 'default' ? `default via ${r.via ?? ''} dev ${r.device} \n` : `${r.destination} dev ${r.device} scope link  src ${r.source ?? ''} \n`,
        )
        .join(''),
    );
  }
  let shown = interfaces(ctx);
  if (rest[0] !== undefined) {
    shown = shown.filter((i) => i.name === rest[0]);
    if (shown.length === 0) return fail(`ip: can't find device '${rest[0]}'\n`);
  }
  const render = object === 'link' ? (oneline ? onelineLink : linkLines)
    : oneline ? (i: InterfaceView) => onelineAddr(i, v4, v6) : v4 ? inetLines : v6 ? inet6Lines : addrLines;
  return ok(shown.map(render).join(''));
}

/** BusyBox `route [-n]` and `netstat -r[n]`: the main table, default first. */
function routeTable(ctx: ExecContext, numeric: boolean, netstat: boolean): string {
  const routes = ctx.container.sandbox?.routes ?? [];
  const byName = new Map(interfaces(ctx).map((i) => [i.name, i]));
  const head = netstat ? 'Flags   MSS Window  irtt Iface' : 'Flags Metric Ref    Use Iface';
  const rows = routes.map((r) => {
    const isDefault = r.destination === 'default';
    const prefix = isDefault ? 0 : Number(r.destination.split('/')[1] ?? byName.get(r.device)?.prefixLen ?? 32);
    const dest = isDefault ? (numeric ? '0.0.0.0' : 'default') : r.destination.split('/')[0]!;
    const gateway = r.via ?? (numeric ? '0.0.0.0' : '*');
    const flags = r.via ? 'UG' : 'U';
    const tail = netstat ? `${flags.padEnd(8)}  0 0          0 ${r.device}` : `${flags.padEnd(5)} 0      0        0 ${r.device}`;
    return `${dest.padEnd(16)}${gateway.padEnd(16)}${netmask(prefix).padEnd(16)}${tail}\n`;
  });
  return `Kernel IP routing table\nDestination     Gateway         Genmask         ${head}\n${rows.join('')}`;
}

export function route(ctx: ExecContext, argv: string[]): ToolResult {
  return ok(routeTable(ctx, argv.includes('-n'), false));
}

/**
 * BusyBox `netstat [-ral] [-tuwx] [-en]`: -r is the routing table; else the sockets of the
 * types asked (all without -t/-u/-w/-x), those listening with -l, all with -a, else only
 * connected ones, of which the simulator has none (no connection outlives a probe). The
 * stand-ins have no /etc/services and no name for 127.0.0.11: -n changes nothing; -e adds
 * nothing for these sockets (real engine).
 */
export function netstat(ctx: ExecContext, argv: string[]): ToolResult {
  const flags = new Set<string>();
  for (const a of argv) {
    if (!a.startsWith('-') || a === '-') return fail(NETSTAT_USAGE);
    for (const letter of a.slice(1)) {
      if (!'raltuwxen'.includes(letter)) return fail(`netstat: invalid option -- '${letter}'\n${NETSTAT_USAGE}`);
      flags.add(letter);
    }
  }
  if (flags.has('r')) return ok(routeTable(ctx, flags.has('n'), true));
  const sockets = ctx.sockets?.() ?? null;
  if (sockets === null) return fail('netstat: the host\'s sockets (host network mode) are not simulated\n');
  const only = ['t', 'u', 'w', 'x'].filter((t) => flags.has(t));
  const wants = (t: string): boolean => only.length === 0 || only.includes(t);
  const which = flags.has('a') ? 'servers and established' : flags.has('l') ? 'only servers' : 'w/o servers';
  let out = '';
  if (wants('t') || wants('u') || wants('w')) {
    out += `Active Internet connections (${which})\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n`;
    // /proc/net/tcp, tcp6, then udp, udp6: IPv4 sockets before IPv6 ones of each protocol.
    const listed = flags.has('a') || flags.has('l') ? sockets.filter((s) => wants(s.proto === 'tcp' ? 't' : 'u')) : [];
    const order = (s: ListeningSocket): number => (s.proto === 'tcp' ? 0 : 2) + (s.local.startsWith(':') ? 1 : 0);
    for (const s of [...listed].sort((a, b) => order(a) - order(b))) {
      const foreign = s.local.startsWith(':') ? ':::*' : '0.0.0.0:*';
      out += `${s.proto.padEnd(6)}${'0'.padStart(6)}${'0'.padStart(7)} ${s.local.padEnd(23)} ${foreign.padEnd(23)} ${(s.proto === 'tcp' ? 'LISTEN' : '').padEnd(12)}\n`;
    }
  }
  if (wants('x')) out += `Active UNIX domain sockets (${which})\nProto RefCnt Flags       Type       State         I-Node Path\n`;
  return ok(out);
}

export function hostname(ctx: ExecContext, argv: string[]): ToolResult {
  const name = ctx.container.sandbox?.hostname ?? ctx.container.hostname;
  // -i, -f and -d look the name up as libc's gethostbyname does: the first /etc/hosts line
  // that has it, else the DNS server of resolv.conf (the embedded DNS knows the short ID,
  // the default hostname, on user networks: a container disconnected and reconnected has
  // no line of its own). No answer: h_errno's text, "Unknown host" for an NXDOMAIN and
  // "Host name lookup failure" when no server could be reached (no network).
  const line = (ctx.container.sandbox?.hostsFile ?? '').split('\n').map((l) => l.split(/\s+/)).find((words) => words.slice(1).includes(name));
  if (line === undefined && argv[0] !== undefined && ['-i', '-f', '-d'].includes(argv[0])) {
    const found = ctx.resolve(name);
    if (found.addresses.length === 0) {
      const offline = found.via === 'none' || !interfaces(ctx).some((i) => i.name !== 'lo');
      return fail(`hostname: ${name}: ${offline ? 'Host name lookup failure' : 'Unknown host'}\n`);
    }
    if (argv[0] === '-i') return ok(`${found.addresses.join(' ')}\n`);
  }
  switch (argv[0]) {
    case '-i':
      return ok(`${line?.[0] ?? ''}\n`);
    case '-f':
      return ok(`${line?.[1] ?? name}\n`);
    case '-s':
      return ok(`${name.split('.')[0]}\n`);
    case '-d': {
      const fqdn = line?.[1] ?? name;
      // No domain: BusyBox prints nothing at all (real engine), not an empty line.
      return ok(fqdn.includes('.') ? `${fqdn.slice(fqdn.indexOf('.') + 1)}\n` : '');
    }
    default:
      return ok(name + '\n');
  }
}

/**
 * `ip route get ADDR`: the kernel's lookup, as BusyBox prints it — own and loopback
 * addresses are `local … dev lo`, a subnet's broadcast address `broadcast`, an address on
 * a subnet goes out on its device, any other through the default route (real 20.10).
 */
function routeGet(ctx: ExecContext, target: string | undefined): ToolResult {
  if (target === undefined || !isIPv4(target)) return { stdout: '', stderr: 'ip: need at least destination address\n', exitCode: 1 };
  const sandbox = ctx.container.sandbox;
  const own = sandbox?.interfaces.find((i) => i.ip === target);
  if (own || target.startsWith('127.')) return ok(`local ${target} dev lo  src ${own ? target : '127.0.0.1'} \n`);
  const n = toInt(target);
  const routes = sandbox?.routes ?? [];
  const srcOf = (device: string): string => sandbox?.interfaces.find((i) => i.name === device)?.ip ?? '';
  for (const r of routes) {
    const subnet = r.destination === 'default' ? null : parseCidr(r.destination);
    if (subnet === null || !contains(subnet, n)) continue;
    return ok(`${subnet.last === n ? 'broadcast ' : ''}${target} dev ${r.device}  src ${r.source ?? srcOf(r.device)} \n`);
  }
  const def = routes.find((r) => r.destination === 'default');
  if (!def) return { stdout: '', stderr: 'ip: RTNETLINK answers: Network is unreachable\n', exitCode: 2 };
  return ok(`${target} via ${def.via ?? ''} dev ${def.device}  src ${srcOf(def.device)} \n`);
}
