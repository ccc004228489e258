// The docker CLI's own checks of `network create --subnet/--ip-range/--gateway/--aux-address`
// (docker/cli consolidateIpam). They run before anything reaches the daemon, so their
// messages have no "Error response from daemon" prefix, and they come in this order:
// counts, overlapping subnets, ranges, gateways, aux addresses.

import * as E from './errors.js';
import { fail, ok, type Result } from './errors.js';
import { contains, isIPv4, overlaps, parseCidr, toInt, type Cidr } from './ipam.js';
import { overlaps6, parseCidr6 } from './ipam6.js';

/** Go's subnetMatches: `data` is an IP or a CIDR (its IP counts); anything else matches nothing. */
function subnetMatches(subnet: Cidr, data: string): boolean {
  const ip = data.includes('/') ? data.slice(0, data.indexOf('/')) : data;
  return isIPv4(ip) && contains(subnet, toInt(ip));
}

export interface ClientIpamInput {
  subnets: string[];
  gateways: string[];
  ipRanges: string[];
  auxAddresses: Record<string, string>;
}

/**
 * The parts of consolidateIpam that the simulator's single-subnet IPAM does not already
 * check further on (ranges and gateways against the subnet stay in createNetwork).
 */
export function checkIpamFlags(o: ClientIpamInput): Result<void> {
  if (o.subnets.length < o.ipRanges.length || o.subnets.length < o.gateways.length) return fail(E.ErrRangeWithoutSubnet());
  const parsed = o.subnets.map((s) => parseCidr(s));
  const parsed6 = o.subnets.map((s) => parseCidr6(s));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = parsed[i];
      const b = parsed[j];
      const a6 = parsed6[i];
      const b6 = parsed6[j];
      if ((a && b && overlaps(a, b)) || (a6 && b6 && overlaps6(a6, b6))) return fail(E.ErrOverlappingSubnetFlags());
    }
  }
  // The client walks a Go map here, so with several unmatched aux addresses which one is
  // named varies; the simulator names the first given.
  for (const aa of Object.values(o.auxAddresses)) {
    if (!parsed.some((s) => s !== null && subnetMatches(s, aa))) return fail(E.ErrNoMatchingSubnetForAux(aa));
  }
  return ok(undefined);
}
