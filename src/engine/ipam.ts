// IPAM, as libnetwork's default driver behaves on Docker 20.10 (FACTS 14, 18–20, 29–39):
// pools are handed out "next after the last one allocated" with wrap-around; addresses
// inside a pool lowest-free, network/broadcast never, the gateway reserved.
import ipaddr from 'ipaddr.js';
import { ErrAddressInUse, ErrIPNotInSubnet, ErrNoAvailablePool, ErrPoolOverlap, fail, ok, type Result } from './errors.js';

// Scenarios compare and allocate the same few addresses over and over: parsing each text
// once keeps ipaddr.js off the hot path. Bounded so a long --watch session cannot grow it.
const intCache = new Map<string, number>();

export const toInt = (ip: string): number => {
  let n = intCache.get(ip);
  if (n === undefined) {
    const b = ipaddr.IPv4.parse(ip).toByteArray();
    n = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (intCache.size >= 100_000) intCache.clear();
    intCache.set(ip, n);
  }
  return n;
};
export const toIp = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/**
 * Strict dotted-quad check (ipaddr.js also accepts "1.2.3" and octal forms, Go's net.ParseIP
 * does not): four groups of one to three ASCII digits, each at most 255 (leading zeros
 * allowed). Read character by character: every probe asks it of its target, and the
 * RegExp plus split and every() it replaces was a top self time of a small scenario's run.
 */
/**
 * How Go's net.ParseIP reads an address given for an endpoint: an IPv4 dotted quad
 * (IPv4-mapped IPv6 forms count as IPv4, as To4 makes them), IPv6, or nothing.
 */
export function parseEndpointIp(text: string): { family: 4 | 6; ip: string } | null {
  if (isIPv4(text)) return { family: 4, ip: text };
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? { family: 4, ip: v6.toIPv4Address().toString() } : { family: 6, ip: text };
}

export function isIPv4(text: string): boolean {
  const n = text.length;
  if (n < 7 || n > 15) return false;
  let groups = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46; /* the end closes the last group as a '.' would */
    if (c === 46 /* . */) {
      if (digits === 0 || value > 255) return false;
      groups++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return groups === 4;
}

export interface Cidr {
  /** As the user wrote it (host bits kept: FACT 38). */
  text: string;
  base: number;
  prefix: number;
  first: number;
  last: number;
}

/** The network mask of a prefix length, as a 32-bit number. */
export const maskBits = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** The network mask of a prefix length, dotted: 16 → 255.255.0.0. */
export const netmask = (prefix: number): string => toIp(maskBits(prefix));

export function parseCidr(text: string): Cidr | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m || !isIPv4(m[1]) || Number(m[2]) > 32) return null;
  const prefix = Number(m[2]);
  const mask = maskBits(prefix);
  const first = (toInt(m[1]) & mask) >>> 0;
  const last = (first | (~mask >>> 0)) >>> 0;
  return { text, base: toInt(m[1]), prefix, first, last };
}

export const contains = (c: Cidr, n: number): boolean => n >= c.first && n <= c.last;
export const overlaps = (a: Cidr, b: Cidr): boolean => a.first <= b.last && b.first <= a.last;

/** The default address pools: 172.17–172.31 as /16, then 192.168.0.0/16 cut into /20s (FACT 18). */
function buildDefaultPools(): readonly Cidr[] {
  const pools: Cidr[] = [];
  for (let b = 17; b <= 31; b++) pools.push(Object.freeze(parseCidr(`172.${b}.0.0/16`) as Cidr));
  for (let c = 0; c < 256; c += 16) pools.push(Object.freeze(parseCidr(`192.168.${c}.0/20`) as Cidr));
  return Object.freeze(pools);
}

// Built once: every scenario starts a Controller, and parsing 31 CIDRs each time showed
// up as a quarter of a small scenario's run time. The Cidrs are frozen, so sharing is safe.
let defaults: readonly Cidr[] | null = null;

export function defaultPools(): Cidr[] {
  defaults ??= buildDefaultPools();
  return [...defaults];
}

/** The addresses of one network: lowest-free allocation inside its subnet (or --ip-range). */
export class AddressSpace {
  private readonly used = new Set<number>();
  /** Every address below this one is in use: keeps allocation linear over many containers. */
  private lowestCandidate: number;
  readonly gateway: number;

  constructor(readonly subnet: Cidr, readonly range: Cidr | null, gateway: number | null) {
    this.lowestCandidate = this.rangeFirst();
    this.gateway = gateway ?? this.takeLowest();
    this.used.add(this.gateway);
  }

  private rangeFirst(): number {
    const r = this.range ?? this.subnet;
    // The subnet's network address is never handed out.
    return Math.max(r.first, this.subnet.first + 1);
  }

  private rangeLast(): number {
    const r = this.range ?? this.subnet;
    return Math.min(r.last, this.subnet.last - 1);
  }

  private takeLowest(): number {
    let n = this.lowestCandidate;
    while (n <= this.rangeLast() && this.used.has(n)) n++;
    if (n > this.rangeLast()) return -1;
    this.lowestCandidate = n + 1;
    this.used.add(n);
    return n;
  }

  /** RequestAddress: the preferred one, or the lowest free. */
  request(preferred: string | null): Result<string> {
    if (preferred === null) {
      const n = this.takeLowest();
      return n < 0 ? fail(ErrNoAvailableAddress()) : ok(toIp(n));
    }
    const n = toInt(preferred);
    if (!contains(this.subnet, n)) return fail(ErrIPNotInSubnet(preferred));
    if (n === this.subnet.first || n === this.subnet.last || this.used.has(n)) return fail(ErrAddressInUse());
    this.used.add(n);
    return ok(preferred);
  }

  /** ReleaseAddress. */
  release(ip: string): void {
    const n = toInt(ip);
    if (n === this.gateway || !this.used.delete(n)) return;
    if (n < this.lowestCandidate && n >= this.rangeFirst()) this.lowestCandidate = n;
  }

  isUsed(ip: string): boolean {
    return this.used.has(toInt(ip));
  }
}

const ErrNoAvailableAddress = () => ({ kind: 'exhausted' as const, daemon: true,
  message: 'no available IPv4 addresses on this network\'s address pools' });

/** The daemon-wide pool allocator: which subnets are taken, where the "next" search starts. */
export class PoolAllocator {
  private readonly pools = defaultPools();
  private readonly inUse = new Map<string, Cidr>();
  /** Index of the last pool handed out (docker0 takes 172.17 at start). */
  private last = -1;

  /** RequestPool without a subnet: next default pool after the last one, wrapping around. */
  requestDefault(): Result<Cidr> {
    for (let step = 1; step <= this.pools.length; step++) {
      const index = (this.last + step) % this.pools.length;
      const pool = this.pools[index];
      if ([...this.inUse.values()].some((c) => overlaps(c, pool))) continue;
      this.last = index;
      this.inUse.set(pool.text, pool);
      return ok(pool);
    }
    return fail(ErrNoAvailablePool());
  }

  /** RequestPool with a user subnet: refused when it overlaps any pool in use (FACT 37). */
  requestSubnet(subnet: Cidr): Result<Cidr> {
    if ([...this.inUse.values()].some((c) => overlaps(c, subnet))) return fail(ErrPoolOverlap());
    this.inUse.set(subnet.text, subnet);
    return ok(subnet);
  }

  release(subnet: Cidr): void {
    this.inUse.delete(subnet.text);
  }
}
