// IPv6 IPAM, as libnetwork's default driver behaves on Docker 20.10: no default IPv6
// pools (a network with --ipv6 needs a --subnet of its own), lowest-free addresses in a
// subnet, the subnet's first address never handed out, and — unlike IPv4 — its last one
// allocatable (ipam/allocator.go reserves the broadcast address for IPv4 only). The
// gateway is the first free address unless --gateway names one. Addresses are 128-bit,
// so they are BigInts here; texts are RFC 5952, as Go's net.IP String() prints them.
import ipaddr from 'ipaddr.js';
import { ErrAddressInUse, ErrIPNotInSubnet, ErrPoolOverlap, fail, ok, type Result } from './errors.js';

export interface Cidr6 {
  /** As the user wrote it. */
  text: string;
  prefix: number;
  first: bigint;
  last: bigint;
}

const ALL = (1n << 128n) - 1n;
/**
 * libnetwork's bitmask of a subnet counts its addresses in a uint64: for a /64 or wider
 * `1 << hostBits` is 0, decremented to 2^64 - 1 bits, so host parts above 2^64 - 2 are
 * outside it ("bit does not belong to the sequence", real 20.10: fd00:1::ffff:ffff:ffff:ffff).
 */
const MAX_ORDINAL = (1n << 64n) - 2n;

/** Whether a text is an IPv6 address as Go's net.ParseIP reads one (no zone, not IPv4). */
export function isIPv6(text: string): boolean {
  return text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text);
}

export function toBig6(ip: string): bigint {
  let n = 0n;
  for (const part of ipaddr.IPv6.parse(ip).parts) n = (n << 16n) | BigInt(part);
  return n;
}

export function toIp6(n: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** The canonical text of an IPv6 address (`fd00:1:0::2` → `fd00:1::2`). */
export const canonical6 = (ip: string): string => toIp6(toBig6(ip));

export function parseCidr6(text: string): Cidr6 | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > 128 || !isIPv6(addr)) return null;
  const prefix = Number(bits);
  const host = prefix === 128 ? 0n : ALL >> BigInt(prefix);
  const first = toBig6(addr) & (ALL ^ host);
  return { text, prefix, first, last: first | host };
}

export const contains6 = (c: Cidr6, n: bigint): boolean => n >= c.first && n <= c.last;
export const overlaps6 = (a: Cidr6, b: Cidr6): boolean => a.first <= b.last && b.first <= a.last;

/** The IPv6 addresses of one network: lowest free in the subnet (or its --ip-range). */
export class AddressSpace6 {
  private readonly used = new Set<bigint>();
  /** Every address below this one is in use: allocation stays linear. */
  private lowestCandidate: bigint;
  readonly gateway: bigint;

  constructor(readonly subnet: Cidr6, readonly range: Cidr6 | null, gateway: bigint | null) {
    this.lowestCandidate = this.rangeFirst();
    this.gateway = gateway ?? this.takeLowest();
    this.used.add(this.gateway);
  }

  private rangeFirst(): bigint {
    const r = this.range ?? this.subnet;
    return r.first > this.subnet.first ? r.first : this.subnet.first + 1n;
  }

  private rangeLast(): bigint {
    const r = this.range ?? this.subnet;
    const last = r.last < this.subnet.last ? r.last : this.subnet.last;
    return last < this.subnet.first + MAX_ORDINAL ? last : this.subnet.first + MAX_ORDINAL;
  }

  private takeLowest(): bigint {
    let n = this.lowestCandidate;
    while (n <= this.rangeLast() && this.used.has(n)) n++;
    if (n > this.rangeLast()) return -1n;
    this.lowestCandidate = n + 1n;
    this.used.add(n);
    return n;
  }

  /** RequestAddress: the preferred one, or the lowest free. */
  request(preferred: string | null): Result<string> {
    if (preferred === null) {
      const n = this.takeLowest();
      return n < 0n ? fail(ErrNoAvailableAddress6()) : ok(toIp6(n));
    }
    const n = toBig6(preferred);
    if (!contains6(this.subnet, n)) return fail(ErrIPNotInSubnet(preferred));
    if (n - this.subnet.first > MAX_ORDINAL) return fail({ kind: 'invalid', daemon: true, message: 'bit does not belong to the sequence' });
    if (n === this.subnet.first || this.used.has(n)) return fail(ErrAddressInUse());
    this.used.add(n);
    return ok(toIp6(n));
  }

  release(ip: string): void {
    const n = toBig6(ip);
    if (n === this.gateway || !this.used.delete(n)) return;
    if (n < this.lowestCandidate && n >= this.rangeFirst()) this.lowestCandidate = n;
  }
}

const ErrNoAvailableAddress6 = () => ({ kind: 'exhausted' as const, daemon: true,
  message: 'no available IPv6 addresses on this network\'s address pools' });

/** The IPv6 subnets in use on the engine: a new one may not overlap any (same message as IPv4). */
export class PoolAllocator6 {
  private readonly inUse = new Map<string, Cidr6>();

  requestSubnet(subnet: Cidr6): Result<Cidr6> {
    for (const c of this.inUse.values()) if (overlaps6(c, subnet)) return fail(ErrPoolOverlap());
    this.inUse.set(subnet.text, subnet);
    return ok(subnet);
  }

  release(subnet: Cidr6): void {
    this.inUse.delete(subnet.text);
  }
}
