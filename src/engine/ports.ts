// Port publishing: `-p` specs as docker's nat.ParsePortSpec reads them, and the daemon's
// PortAllocator (FACTS 66–74): random ports sequential from 32768 per host IP without
// immediate reuse, "port is already allocated" for the same IP and port, and a
// bind conflict when another address family/IP or a host-mode process holds the port.
import { ErrInvalidPort, fail, ok, type EngineError, type Result } from './errors.js';
import ipaddr from 'ipaddr.js';
import { goParseUint16 } from './go-strconv.js';
import { isIPv4 } from './ipam.js';
import type { PortRequestView, Proto } from './model.js';

const RANDOM_FIRST = 32768;
const RANDOM_LAST = 60999;
const MAX_ALLOCATE_PORT_ATTEMPTS = 10;

/**
 * nat.ParsePortRange of the go-connections vendored by docker 20.10: `N` or `A-B`, split
 * at every '-' with only the first two parts read (`1-2-3` is 1-2), '' an error.
 */
export function goParsePortRange(text: string): [number, number] | string {
  if (text === '') return 'Empty string specified for ports.';
  if (!text.includes('-')) {
    const n = goParseUint16(text);
    return typeof n === 'string' ? n : [n, n];
  }
  const parts = text.split('-');
  const start = goParseUint16(parts[0]);
  if (typeof start === 'string') return start;
  const end = goParseUint16(parts[1]);
  if (typeof end === 'string') return end;
  return end < start ? `Invalid range specified for the Port: ${text}` : [start, end];
}

/** nat.SplitProtoPort (old form): the part after the *first* '/' is the protocol, '' meaning tcp. */
function splitProtoPort(raw: string): { proto: string; port: string } {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return { proto: '', port: '' };
  if (parts.length === 1) return { proto: 'tcp', port: raw };
  return { proto: parts[1] === '' ? 'tcp' : parts[1], port: parts[0] };
}

/** Go's net.SplitHostPort(raw + ':'), as ParsePortSpec uses it to strip `[…]`: the host, or the AddrError text. */
function goSplitHost(raw: string): { host: string } | { error: string } {
  const hostport = `${raw}:`;
  const addrErr = (why: string): { error: string } => ({ error: `address ${hostport}: ${why}` });
  const i = hostport.lastIndexOf(':');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return addrErr("missing ']' in address");
    if (end + 1 === hostport.length) return addrErr('missing port in address');
    if (end + 1 !== i) return addrErr(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return addrErr('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return addrErr("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return addrErr("unexpected ']' in address");
  return { host };
}

/** Go's net.ParseIP: a dotted quad or an IPv6 address (no zone). */
export function goParseIP(text: string): boolean {
  return isIPv4(text) || (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text));
}

/**
 * `[ip:][hostPort:]containerPort[/proto]` → one request per container port, as the 20.10
 * client's go-connections nat.ParsePortSpec reads it, checks in its order: the IP
 * (`[…]` stripped by net.SplitHostPort), an empty container port, the container port,
 * the host port, the ranges, then the protocol (lower-cased; '' or `80/` is tcp, and only
 * the part after the first '/' counts: `80/tcp/x` is 80/tcp). A host range with a single
 * container port is kept as the range (`18100-18102`): the daemon allocates one free port
 * in it. `0` stays `0` in HostConfig.PortBindings (a random port, as '').
 */
export function parsePortSpec(spec: string): Result<PortRequestView[]> {
  const parts = spec.split(':');
  const n = parts.length;
  const containerPart = parts[n - 1];
  const host = n === 1 ? '' : parts[n - 2];
  const rawIp = n <= 2 ? '' : parts.slice(0, n - 2).join(':');
  const { proto, port: container } = splitProtoPort(containerPart);
  const invalid = (message: string): Result<PortRequestView[]> => fail({ kind: 'invalid', daemon: false, message });
  const split = goSplitHost(rawIp);
  if ('error' in split) return invalid(`Invalid ip address ${rawIp}: ${split.error}`);
  const ip = split.host;
  if (ip !== '' && !goParseIP(ip)) return fail(ErrInvalidPort('ip address', ip));
  if (container === '') return invalid(`No port specified: ${spec}<empty>`);
  const cRange = goParsePortRange(container);
  if (typeof cRange === 'string') return fail(ErrInvalidPort('containerPort', container));
  let hRange: [number, number] = [0, 0];
  if (host !== '') {
    const h = goParsePortRange(host);
    if (typeof h === 'string') return fail(ErrInvalidPort('hostPort', host));
    hRange = h;
  }
  if (host !== '' && cRange[1] - cRange[0] !== hRange[1] - hRange[0] && cRange[0] !== cRange[1]) {
    return invalid(`Invalid ranges specified for container and host Ports: ${container} and ${host}`);
  }
  const lower = proto.toLowerCase();
  if (lower !== 'tcp' && lower !== 'udp' && lower !== 'sctp') return fail(ErrInvalidPort('proto', proto));
  const out: PortRequestView[] = [];
  for (let i = 0; i <= cRange[1] - cRange[0]; i++) {
    let hostPort = host === '' ? '' : String(hRange[0] + i);
    if (cRange[0] === cRange[1] && hRange[0] !== hRange[1]) hostPort = `${hostPort}-${hRange[1]}`;
    out.push({ containerPort: cRange[0] + i, proto: lower as Proto, hostIp: ip, hostPort });
  }
  return ok(out);
}

/**
 * `--expose 90`, `--expose 90/udp`, `--expose 7000-7002`, checked as docker/cli does
 * (no ':', then nat.ParsePortRange). The client takes any protocol word; the simulator
 * knows tcp, udp and sctp (any case) and refuses others.
 */
export function parseExpose(spec: string): Result<Array<{ port: number; proto: Proto }>> {
  const invalid = (message: string): Result<Array<{ port: number; proto: Proto }>> => fail({ kind: 'invalid', daemon: false, message });
  if (spec.includes(':')) return invalid(`invalid port format for --expose: ${spec}`);
  const { proto, port } = splitProtoPort(spec);
  const r = goParsePortRange(port);
  if (typeof r === 'string') return invalid(`invalid range format for --expose: ${spec}, error: ${r}`);
  const lower = proto.toLowerCase();
  if (lower !== 'tcp' && lower !== 'udp' && lower !== 'sctp') return fail(ErrInvalidPort('proto', proto));
  const out: Array<{ port: number; proto: Proto }> = [];
  for (let p = r[0]; p <= r[1]; p++) out.push({ port: p, proto: lower as Proto });
  return ok(out);
}

/** The first host port of a binding's HostPort ('', '0', 'N' or 'A-B'), as SortPortMap's toInt reads it. */
function firstHostPort(hostPort: string): number {
  const r = goParsePortRange(hostPort);
  return typeof r === 'string' ? 0 : r[0];
}

/**
 * The order the daemon programs a container's bindings in (go-connections nat.SortPortMap,
 * called by buildCreateEndpointOptions). Random host ports are handed out in this order,
 * the first conflict found is the one reported, and a port's bindings are listed so.
 *
 * Docker sorts with `Less(i, j) = hpi > hpj || pi > pj || (pi == pj && pi is tcp)`, which
 * is not a strict order, so the result depends on the algorithm: Go's sort.Sort runs an
 * insertion sort on up to 12 entries, reproduced here. Consequences checked on a 20.10
 * engine: larger container port first, tcp before udp; the tcp bindings of one port come
 * out in *reverse flag order* (`-p 18084:80 -p 18083:80` lists 18083 first, and
 * `-p 127.0.0.1:P:80 -p P:80` binds 0.0.0.0 first), udp ones by host port, larger first.
 * The daemon feeds the ports in Go map order (random); the simulator feeds them in the
 * order of the flags, bindings of one port together, as Docker groups them.
 */
export function sortPortMap(requests: readonly PortRequestView[]): PortRequestView[] {
  const groups = new Map<string, PortRequestView[]>();
  for (const r of requests) {
    const key = `${r.containerPort}/${r.proto}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const s = [...groups.values()].flat();
  const hostPort = (r: PortRequestView): number => firstHostPort(r.hostPort);
  const less = (a: PortRequestView, b: PortRequestView): boolean =>
    hostPort(a) > hostPort(b) || a.containerPort > b.containerPort || (a.containerPort === b.containerPort && a.proto === 'tcp');
  // Go's insertionSort (sort.Sort below 13 entries; pdqsort beyond, not modelled).
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j], s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return s;
}

export type PortConflict = {
  kind: 'allocated' | 'all-allocated' | 'bind-in-use' | 'cannot-assign' | 'proto-unsupported';
  proto: Proto; hostIp: string; port: number;
};

/** A host address's family: docker-proxy listens on tcp4/udp4 or tcp6/udp6 (IPV6_V6ONLY). */
const wildcardOf = (ip: string): string => (ip.includes(':') ? '::' : '0.0.0.0');

/** The daemon's host-port bookkeeping: docker-proxy bindings and host-mode listeners. */
export class PortAllocator {
  /** `${proto}/${hostIp}/${port}` → owner. */
  private readonly held = new Map<string, string>();
  /** `${proto}/${port}` → owners, over every host IP: finds cross-IP bind conflicts. */
  private readonly byPort = new Map<string, Set<string>>();
  /** Host-mode processes listening on all host addresses: `${proto}/${port}` → owner. */
  private readonly hostListeners = new Map<string, string>();
  /** portallocator's portRange.last: `${proto}/${hostIp}/${begin}-${end}` → the last port handed out. */
  private readonly lastInRange = new Map<string, number>();

  /**
   * Requests host ports for one container; all or nothing. `hostIp` '' means both
   * 0.0.0.0 and :: (libnetwork's bridge allocatePortsInternal makes an IPv4 and an IPv6
   * binding of it, each allocated on its own: their random ports can differ), an IPv4
   * address only IPv4, an IPv6 one only IPv6 (`-p 0.0.0.0:P:80` has no `:::P`).
   * `canBind` says whether the host owns an address: the port allocator hands the port
   * out first, then docker-proxy's bind fails with "cannot assign requested address".
   * `defaultIp`: the network's com.docker.network.bridge.host_binding_ipv4, which takes
   * the place of an empty address (and then there is no IPv6 twin; real 20.10).
   */
  allocate(owner: string, requests: PortRequestView[], canBind: (ip: string) => boolean = () => true, defaultIp = '0.0.0.0'):
    Result<Array<PortRequestView & { port: number }>> | { ok: false; conflict: PortConflict } {
    const granted: Array<PortRequestView & { port: number; key: string }> = [];
    const undo = (): void => granted.forEach((g) => this.releaseKey(g.key, g.proto, g.port));
    for (const r of requests) {
      for (const ip of r.hostIp !== '' ? [r.hostIp] : defaultIp === '0.0.0.0' ? ['0.0.0.0', '::'] : [defaultIp]) {
        const got = this.allocateOne(r.proto, ip, r.hostPort, canBind);
        if (typeof got !== 'number') {
          undo();
          return { ok: false, conflict: got };
        }
        const key = `${r.proto}/${ip}/${got}`;
        this.held.set(key, owner);
        const set = this.byPort.get(`${r.proto}/${got}`) ?? new Set<string>();
        set.add(ip);
        this.byPort.set(`${r.proto}/${got}`, set);
        granted.push({ ...r, hostIp: ip, port: got, key });
      }
    }
    return ok(granted.map(({ key: _key, ...g }) => g));
  }

  /**
   * One binding, as libnetwork's bridge allocatePort → portmapper.MapRange →
   * PortAllocator.RequestPortInRange, then docker-proxy's bind. A fixed port is taken or
   * "already allocated"; a range (`18100-18102`) and the default range (random port) hand
   * out the port after the range's last one, wrapping, else "all ports are allocated".
   * Only a random port is tried again when docker-proxy fails (maxAllocatePortAttempts,
   * 10): each try moves the range on, a failed bind gives the port back, and the last
   * error is reported (real engine: `…:32777: bind: cannot assign …`).
   */
  private allocateOne(proto: Proto, ip: string, hostPort: string, canBind: (ip: string) => boolean): number | PortConflict {
    const parsed = hostPort === '' ? ([0, 0] as [number, number]) : goParsePortRange(hostPort);
    const [begin, end] = typeof parsed === 'string' ? [0, 0] : parsed;
    if (begin !== 0 && begin === end) {
      if (this.held.has(`${proto}/${ip}/${begin}`)) return { kind: 'allocated', proto, hostIp: ip, port: begin };
      return this.bindConflict(proto, ip, begin, canBind) ?? begin;
    }
    const dynamic = begin === 0 && end === 0;
    const [first, last] = dynamic ? [RANDOM_FIRST, RANDOM_LAST] : [begin, end];
    let conflict: PortConflict | null = null;
    for (let attempt = 0; attempt < (dynamic ? MAX_ALLOCATE_PORT_ATTEMPTS : 1); attempt++) {
      const port = this.findInRange(proto, ip, first, last);
      if (port === null) return { kind: 'all-allocated', proto, hostIp: ip, port: 0 };
      conflict = this.bindConflict(proto, ip, port, canBind);
      if (!conflict) return port;
    }
    return conflict ?? { kind: 'all-allocated', proto, hostIp: ip, port: 0 };
  }

  /** portRange.FindAvailable: the next free port after the range's last one, wrapping at its end. */
  private findInRange(proto: Proto, ip: string, begin: number, end: number): number | null {
    const key = `${proto}/${ip}/${begin}-${end}`;
    let port = this.lastInRange.get(key) ?? end;
    for (let i = 0; i <= end - begin; i++) {
      port = port >= end ? begin : port + 1;
      if (!this.held.has(`${proto}/${ip}/${port}`)) {
        this.lastInRange.set(key, port);
        return port;
      }
    }
    return null;
  }

  /**
   * docker-proxy's bind: the kernel checks the address before the port (EADDRNOTAVAIL
   * first, after the socket itself); a wildcard and a specific address of one family clash, IPv4 and IPv6 do not
   * (Go's tcp6/udp6 listeners set IPV6_V6ONLY). The recorded host's kernel has no SCTP:
   * docker-proxy fails with "protocol not supported" (real 20.10 engine).
   */
  private bindConflict(proto: Proto, ip: string, port: number, canBind: (ip: string) => boolean): PortConflict | null {
    if (proto === 'sctp') return { kind: 'proto-unsupported', proto, hostIp: ip, port };
    if (!canBind(ip)) return { kind: 'cannot-assign', proto, hostIp: ip, port };
    const wildcard = wildcardOf(ip);
    const ips = [...(this.byPort.get(`${proto}/${port}`) ?? [])].filter((x) => wildcardOf(x) === wildcard);
    const wildcardClash = ips.length > 0 && (ip === wildcard || ips.includes(wildcard));
    if (wildcardClash || this.hostListeners.has(`${proto}/${port}`)) return { kind: 'bind-in-use', proto, hostIp: ip, port };
    return null;
  }

  release(hostIp: string, proto: Proto, port: number): void {
    this.releaseKey(`${proto}/${hostIp === '' ? '0.0.0.0' : hostIp}/${port}`, proto, port);
  }

  private releaseKey(key: string, proto: Proto, port: number): void {
    this.held.delete(key);
    const ip = key.slice(key.indexOf('/') + 1, key.lastIndexOf('/'));
    this.byPort.get(`${proto}/${port}`)?.delete(ip);
  }

  /** A host-mode process binds a port on every host address; false when it is taken. */
  listenOnHost(owner: string, proto: Proto, port: number): boolean {
    const key = `${proto}/${port}`;
    if (this.hostListeners.has(key) || (this.byPort.get(key)?.size ?? 0) > 0) return false;
    this.hostListeners.set(key, owner);
    return true;
  }

  stopListening(owner: string): void {
    for (const [key, who] of this.hostListeners) if (who === owner) this.hostListeners.delete(key);
  }

  /** Who answers on a host address's port: a published binding's owner or a host-mode listener. */
  ownerOf(hostIp: string, proto: Proto, port: number): { owner: string; via: 'proxy' | 'host-mode' } | null {
    const exact = this.held.get(`${proto}/${hostIp}/${port}`) ?? this.held.get(`${proto}/${wildcardOf(hostIp)}/${port}`);
    if (exact) return { owner: exact, via: 'proxy' };
    const listener = this.hostListeners.get(`${proto}/${port}`);
    return listener ? { owner: listener, via: 'host-mode' } : null;
  }
}

export type { EngineError };
