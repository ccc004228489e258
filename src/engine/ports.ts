// Port publishing: `-p` specs as docker's nat.ParsePortSpec reads them, and the daemon's
// PortAllocator (FACTS 66–74): random ports sequential from 32768 per host IP without
// immediate reuse, "port is already allocated" for the same IP and port, and a
// bind conflict when another address family/IP or a host-mode process holds the port.
import { ErrInvalidPort, fail, ok, type EngineError, type Result } from './errors.js';
import { isIPv4 } from './ipam.js';
import type { PortRequestView, Proto } from './model.js';

const RANDOM_FIRST = 32768;
const RANDOM_LAST = 60999;
const MAX_ALLOCATE_PORT_ATTEMPTS = 10;

function parseRange(text: string): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a > 65535 || b > 65535 || b < a ? null : [a, b];
}

/** `[ip:][hostPort:]containerPort[/proto]` → one request per container port. */
export function parsePortSpec(spec: string): Result<PortRequestView[]> {
  const slash = spec.lastIndexOf('/');
  const proto = slash < 0 ? 'tcp' : spec.slice(slash + 1);
  const rest = slash < 0 ? spec : spec.slice(0, slash);
  const parts = rest.split(':');
  let ip = '';
  let host = '';
  let container = '';
  if (parts.length === 1) [container] = parts;
  else if (parts.length === 2) [host, container] = parts;
  else {
    container = parts[parts.length - 1];
    host = parts[parts.length - 2];
    ip = parts.slice(0, -2).join(':').replace(/^\[(.*)\]$/, '$1');
  }
  if (ip !== '' && !isIPv4(ip) && !/^[0-9a-fA-F:]+$/.test(ip)) return fail(ErrInvalidPort('ip address', ip));
  const cRange = parseRange(container);
  if (!cRange) return fail(ErrInvalidPort('containerPort', container));
  const hRange = host === '' ? null : parseRange(host);
  if (host !== '' && !hRange) return fail(ErrInvalidPort('hostPort', host));
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return fail(ErrInvalidPort('proto', proto));
  const count = cRange[1] - cRange[0] + 1;
  if (hRange && hRange[1] - hRange[0] + 1 !== count && hRange[0] !== hRange[1]) {
    return fail({ kind: 'invalid', daemon: false, message: `Invalid ranges specified for container and host Ports: ${container} and ${host}` });
  }
  const out: PortRequestView[] = [];
  for (let i = 0; i < count; i++) {
    const hostPort = hRange === null ? '' : hRange[0] === hRange[1] ? String(hRange[0]) : String(hRange[0] + i);
    out.push({ containerPort: cRange[0] + i, proto: proto as Proto, hostIp: ip, hostPort: hostPort === '0' ? '' : hostPort });
  }
  return ok(out);
}

/** `--expose 90`, `--expose 90/udp`, `--expose 7000-7002`. */
export function parseExpose(spec: string): Array<{ port: number; proto: Proto }> | null {
  const [range, proto = 'tcp'] = spec.split('/');
  const r = parseRange(range);
  if (!r || (proto !== 'tcp' && proto !== 'udp')) return null;
  const out: Array<{ port: number; proto: Proto }> = [];
  for (let p = r[0]; p <= r[1]; p++) out.push({ port: p, proto: proto as Proto });
  return out;
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
  const hostPort = (r: PortRequestView): number => (r.hostPort === '' ? 0 : Number(r.hostPort));
  const less = (a: PortRequestView, b: PortRequestView): boolean =>
    hostPort(a) > hostPort(b) || a.containerPort > b.containerPort || (a.containerPort === b.containerPort && a.proto === 'tcp');
  // Go's insertionSort (sort.Sort below 13 entries; pdqsort beyond, not modelled).
  for (let i = 1; i < s.length; i++) {
    for (let j = i; j > 0 && less(s[j], s[j - 1]); j--) [s[j], s[j - 1]] = [s[j - 1], s[j]];
  }
  return s;
}

export type PortConflict = { kind: 'allocated' | 'bind-in-use' | 'cannot-assign'; proto: Proto; hostIp: string; port: number };

/** The daemon's host-port bookkeeping: docker-proxy bindings and host-mode listeners. */
export class PortAllocator {
  /** `${proto}/${hostIp}/${port}` → owner. */
  private readonly held = new Map<string, string>();
  /** `${proto}/${port}` → owners, over every host IP: finds cross-IP bind conflicts. */
  private readonly byPort = new Map<string, Set<string>>();
  /** Host-mode processes listening on all host addresses: `${proto}/${port}` → owner. */
  private readonly hostListeners = new Map<string, string>();
  private readonly nextRandom = new Map<string, number>();

  /**
   * Requests host ports for one container; all or nothing. `hostIp` '' means 0.0.0.0.
   * `canBind` says whether the host owns an address: the port allocator hands the port
   * out first, then docker-proxy's bind fails with "cannot assign requested address".
   */
  allocate(owner: string, requests: PortRequestView[], canBind: (ip: string) => boolean = () => true):
    Result<Array<PortRequestView & { port: number }>> | { ok: false; conflict: PortConflict } {
    const granted: Array<PortRequestView & { port: number; key: string }> = [];
    const undo = (): void => granted.forEach((g) => this.releaseKey(g.key, g.proto, g.port));
    for (const r of requests) {
      const ip = r.hostIp === '' ? '0.0.0.0' : r.hostIp;
      let port = r.hostPort === '' ? 0 : Number(r.hostPort);
      if (port === 0) {
        // libnetwork's bridge driver tries a random port up to maxAllocatePortAttempts (10)
        // times: each try takes the allocator's next free port on this IP, and a failed
        // docker-proxy bind gives it back (the counter stays advanced). After ten failures
        // the last error is reported (real engine: `…:32777: bind: cannot assign …`).
        const seqKey = `${r.proto}/${ip}`;
        let last: PortConflict | null = null;
        for (let attempt = 0; attempt < MAX_ALLOCATE_PORT_ATTEMPTS; attempt++) {
          port = this.nextRandom.get(seqKey) ?? RANDOM_FIRST;
          while (this.held.has(`${r.proto}/${ip}/${port}`) && port <= RANDOM_LAST) port++;
          this.nextRandom.set(seqKey, port + 1);
          last = this.bindConflict(r.proto, ip, port, canBind);
          if (!last) break;
        }
        if (last) {
          undo();
          return { ok: false, conflict: last };
        }
      } else {
        const conflict = this.conflict(r.proto, ip, port, canBind);
        if (conflict) {
          undo();
          return { ok: false, conflict };
        }
      }
      const key = `${r.proto}/${ip}/${port}`;
      this.held.set(key, owner);
      const set = this.byPort.get(`${r.proto}/${port}`) ?? new Set<string>();
      set.add(ip);
      this.byPort.set(`${r.proto}/${port}`, set);
      granted.push({ ...r, port, key });
    }
    return ok(granted.map(({ key: _key, ...g }) => g));
  }

  private conflict(proto: Proto, ip: string, port: number, canBind: (ip: string) => boolean): PortConflict | null {
    if (this.held.has(`${proto}/${ip}/${port}`)) return { kind: 'allocated', proto, hostIp: ip, port };
    return this.bindConflict(proto, ip, port, canBind);
  }

  /** docker-proxy's bind: the kernel checks the address before the port (EADDRNOTAVAIL first). */
  private bindConflict(proto: Proto, ip: string, port: number, canBind: (ip: string) => boolean): PortConflict | null {
    if (!canBind(ip)) return { kind: 'cannot-assign', proto, hostIp: ip, port };
    const ips = this.byPort.get(`${proto}/${port}`);
    const wildcardClash = ips && ips.size > 0 && (ip === '0.0.0.0' || ips.has('0.0.0.0'));
    if (wildcardClash || this.hostListeners.has(`${proto}/${port}`)) return { kind: 'bind-in-use', proto, hostIp: ip, port };
    return null;
  }

  release(hostIp: string, proto: Proto, port: number): void {
    this.releaseKey(`${proto}/${hostIp === '' ? '0.0.0.0' : hostIp}/${port}`, proto, port);
  }

  private releaseKey(key: string, proto: Proto, port: number): void {
    this.held.delete(key);
    const ip = key.split('/')[1];
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
    const exact = this.held.get(`${proto}/${hostIp}/${port}`) ?? this.held.get(`${proto}/0.0.0.0/${port}`);
    if (exact) return { owner: exact, via: 'proxy' };
    const listener = this.hostListeners.get(`${proto}/${port}`);
    return listener ? { owner: listener, via: 'host-mode' } : null;
  }
}

export type { EngineError };
