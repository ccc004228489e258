// The Resolver: how a name becomes addresses inside one namespace — /etc/hosts first
// (own hostname, --link, --add-host), then the DNS server of resolv.conf: the embedded
// DNS (127.0.0.11) answering from the DNS tables of the container's user networks, or
// the host's resolver, which knows no container (FACTS 8, 23–25, 42–49, 51).
import type { Cause } from '../backends/backend.js';
import type { Container } from './container.js';
import { HOST, type Controller } from './controller.js';
import { isIPv4 } from './ipam.js';
import { isIPv6, toBig6, toIp6 } from './ipam6.js';
import type { DnsReply, DnsType } from './model.js';
import type { Endpoint } from './network.js';
import { hostsFileOf, namespaceOwner } from './sandbox.js';

export type Source = { kind: 'host' } | { kind: 'container'; container: Container };

export interface Resolution {
  addresses: string[];
  /** The AAAA answer of the same lookup (empty without IPv6 records). */
  addresses6?: string[];
  via: 'hosts' | 'embedded-dns' | 'host-dns' | 'none';
  server: string | null;
  steps: string[];
  cause?: Cause;
}

/**
 * The /etc/hosts lines naming `name`, as libc's files backend reads them: the first
 * IPv4 one (the A lookup; empty when none), and the first of either family (getaddrinfo's).
 */
function hostsLookup(hostsFile: string, name: string): { v4: string[]; first: string | null } {
  const wanted = name.toLowerCase();
  // Most lookups are of names the file does not hold: no need to split it into lines.
  if (!hostsFile.toLowerCase().includes(wanted)) return { v4: [], first: null };
  let first: string | null = null;
  for (const line of hostsFile.split('\n')) {
    const [ip, ...names] = line.split(/\s+/).filter(Boolean);
    if (!ip || !names.some((n) => n.toLowerCase() === wanted)) continue;
    first ??= ip;
    if (isIPv4(ip)) return { v4: [ip], first };
  }
  return { v4: [], first };
}

/** Resolves as the source's libc does; `dnsOnly` skips /etc/hosts (nslookup asks the DNS server only). */
export function resolveName(ctrl: Controller, source: Source, name: string, dnsOnly = false): Resolution {
  if (isIPv4(name) || isIPv6(name)) return { addresses: [name], via: 'none', server: null, steps: [`'${name}' is an address`] };
  if (source.kind === 'host') {
    const local = hostsLookup('127.0.0.1 localhost\n127.0.0.1 vm\n', name).v4;
    if (local.length > 0) return { addresses: local, via: 'hosts', server: null, steps: [`'${name}' is in the host's /etc/hosts`] };
    return { addresses: [], via: 'host-dns', server: HOST.resolver, cause: 'name-not-resolvable',
      steps: [`the host resolves through ${HOST.resolver}, which knows no container names: '${name}' not found`] };
  }
  const c = source.container;
  const owner = namespaceOwner(ctrl, c);
  const hostsFile = hostsFileOf(ctrl, c);
  if (hostsFile === null) return { addresses: [], via: 'none', server: null, cause: 'container-not-running', steps: [`${c.name} is not running`] };
  // getaddrinfo takes the first line of either family: an IPv6 line before any IPv4 one
  // is what ping and wget use (real 20.10: `--add-host v6h:fd00::99`), while the A query
  // of `resolve` takes the IPv4 line, or finds nothing and goes on to DNS.
  const lines = dnsOnly ? { v4: [], first: null } : hostsLookup(hostsFile, name);
  const fromHosts = lines.v4;
  const first6 = lines.first !== null && isIPv6(lines.first) ? lines.first : null;
  if (fromHosts.length > 0) {
    return { addresses: fromHosts, ...(first6 ? { addresses6: [first6] } : {}), via: 'hosts', server: null,
      steps: [`'${name}' is in ${c.name}'s /etc/hosts → ${first6 ?? fromHosts[0]}`] };
  }
  if (first6 !== null) {
    return { addresses: [], addresses6: [first6], via: 'hosts', server: null, cause: 'name-not-resolvable',
      steps: [`'${name}' is in ${c.name}'s /etc/hosts only as an IPv6 address (${first6}): no IPv4 address`] };
  }
  if (owner.config.mode.kind === 'none' && !owner.endpoints().some((ep) => ep.ip !== null)) {
    return { addresses: [], via: 'none', server: null, cause: 'name-not-resolvable', steps: [`${c.name} has no network (none mode): '${name}' cannot be looked up`] };
  }
  const steps: string[] = [];
  if (owner.config.mode.kind !== 'host' && owner.usesEmbeddedDns) {
    const eps = owner.routingOrder().filter((ep) => ep.network.hasDns);
    // libnetwork sandbox.ResolveName: for each (name, network) reading of the query,
    // first the asker's link aliases, then the networks' own records (a name that is a
    // link alias on an endpoint is not looked up in that network's records).
    for (const { req, network } of readings(name)) {
      const mine = network === null ? eps : eps.filter((ep) => ep.network.name === network);
      for (const ep of mine) {
        const linked = linkOnEndpoint(owner, ep, req);
        if (linked) {
          steps.push(`'${name}' is ${c.name}'s link to ${linked.name}: ${linked.ip} on ${ep.network.name} (embedded DNS)`);
          return { addresses: [linked.ip], addresses6: aaaa(owner, eps, name), via: 'embedded-dns', server: '127.0.0.11', steps };
        }
      }
      for (const ep of mine) {
        if (linkTarget(owner, ep, req) !== null) continue;
        const answers = ep.network.lookup(req).filter((e) => e.ip !== null).map((e) => e.ip as string);
        if (answers.length > 0) {
          answers.sort(compareIp);
          const as = network === null ? '' : ` ('${req}' on network ${network})`;
          steps.push(`resolved '${name}'${as} to ${answers.join(', ')} via the embedded DNS (127.0.0.11) of ${ep.network.name}`);
          return { addresses: answers, addresses6: aaaa(owner, eps, name), via: 'embedded-dns', server: '127.0.0.11', steps };
        }
      }
    }
    steps.push(`the embedded DNS (127.0.0.11) has no '${name}' on ${c.name}'s networks (${owner.endpoints().map((e) => e.network.name).join(', ') || 'none'})`);
  } else {
    const nets = owner.endpoints().map((e) => e.network.name).join(', ');
    steps.push(`${c.name} is only on ${nets || 'the host network'}, which has no embedded DNS: asked ${HOST.resolver}, which knows no container names`);
  }
  const known = ctrl.findContainer(name);
  let cause: Cause = 'name-not-resolvable';
  if (known && known.running && owner.config.mode.kind !== 'host') {
    const theirs = known.endpoints().filter((e) => e.network.hasDns).map((e) => e.network.name);
    if (theirs.length > 0) {
      cause = 'no-shared-network';
      steps.push(`'${name}' is a container on ${theirs.join(', ')}, a network ${c.name} is not attached to`);
    } else if (known.endpoints().length > 0) {
      steps.push(`'${name}' is on the default bridge, where names do not resolve (use a user-defined network or --link)`);
    }
  } else if (known && !known.running) {
    steps.push(`'${name}' is a container that is not running: it has no DNS record`);
  }
  return { addresses: [], via: owner.usesEmbeddedDns ? 'embedded-dns' : 'host-dns', server: owner.usesEmbeddedDns ? '127.0.0.11' : HOST.resolver, steps, cause };
}

/**
 * The embedded DNS's answer to an AAAA query: the same readings and networks as the A
 * query, the first network holding IPv6 records for the name answering (libnetwork
 * sandbox.ResolveName with types.IPv6: a network that has the name only in IPv4 is an
 * "ipv6 miss" and the search goes on). Empty when no network has one.
 */
function aaaa(owner: Container, eps: Endpoint[], name: string): string[] {
  for (const { req, network } of readings(name)) {
    const mine = network === null ? eps : eps.filter((ep) => ep.network.name === network);
    for (const ep of mine) {
      const target = linkTarget(owner, ep, req);
      const holders = ep.network.lookup(target ?? req).filter((e) => e.ip6 !== null);
      if (holders.length > 0) return (target === null ? holders : holders.slice(0, 1)).map((e) => e.ip6 as string).sort(compareIp6);
    }
  }
  return [];
}

function compareIp6(a: string, b: string): number {
  const x = toBig6(a);
  const y = toBig6(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The embedded DNS's answer to a PTR query: `NAME.NETWORK` of the container holding the
 * address on one of the asker's networks (libnetwork sandbox.ResolveIP, the container's
 * name, not an alias); null when the asker has no embedded DNS or nobody holds it.
 */
export function reverseName(ctrl: Controller, c: Container, ip: string): string | null {
  const owner = namespaceOwner(ctrl, c);
  if (!owner.usesEmbeddedDns || owner.config.mode.kind === 'host' || !c.running) return null;
  for (const ep of owner.routingOrder()) {
    if (!ep.network.hasDns) continue;
    const holder = ep.network.endpointByIp(ip);
    const target = holder ? ctrl.containerById(holder.containerId) : undefined;
    if (target) return `${target.name}.${ep.network.name}`;
  }
  return null;
}

const NXDOMAIN: DnsReply = { rcode: 'NXDOMAIN' };
const answered = (answers: string[]): DnsReply => ({ rcode: 'NOERROR', answers });

/**
 * The reply of c's resolv.conf server to one query, as libnetwork's resolver.ServeDNS
 * (20.10) gives it: A and AAAA from the networks' records, and an empty AAAA answer for a
 * name held only in IPv4 (its "ipv6Miss"); MX answered empty for any name it holds (an
 * "implicit MX", RFC 5321 §5.1); PTR of NAME.in-addr.arpa. or NAME.ip6.arpa. from
 * ResolveIP, while a PTR of any other name is an error it only logs: no reply, and the
 * client times out (real 20.10: `nslookup -type=ptr 172.18.0.3`). What it does not hold,
 * SRV (swarm services only) and every other type go to the host's resolver, which knows
 * no container: NXDOMAIN. Without the embedded DNS the host's resolver is asked directly.
 */
export function dnsReply(ctrl: Controller, c: Container, type: DnsType, name: string): DnsReply {
  const owner = namespaceOwner(ctrl, c);
  if (!owner.usesEmbeddedDns || owner.config.mode.kind === 'host' || !c.running) return NXDOMAIN;
  if (type === 'PTR') {
    const ip = arpaAddress(name.endsWith('.') ? name : `${name}.`);
    if (ip === undefined) return { rcode: 'none' };
    const host = ip === null ? null : reverseName(ctrl, c, ip);
    return host === null ? NXDOMAIN : answered([host]);
  }
  if (type !== 'A' && type !== 'AAAA' && type !== 'MX') return NXDOMAIN;
  // An address is no name the DNS tables hold: the query goes out and finds nothing.
  if (isIPv4(name) || isIPv6(name)) return NXDOMAIN;
  const r = resolveName(ctrl, { kind: 'container', container: c }, name, true);
  const v4 = r.via === 'embedded-dns' ? r.addresses : [];
  const v6 = r.via === 'embedded-dns' ? (r.addresses6 ?? []) : [];
  if (type === 'A') return v4.length > 0 ? answered(v4) : NXDOMAIN;
  if (type === 'AAAA') return v6.length > 0 ? answered(v6) : v4.length > 0 ? answered([]) : NXDOMAIN;
  return v4.length > 0 || v6.length > 0 ? answered([]) : NXDOMAIN;
}

/**
 * The address a PTR name stands for: `3.0.18.172.in-addr.arpa.` → 172.18.0.3, 32 nibbles
 * `….ip6.arpa.` → an IPv6 address; null for a reverse name of no address the tables can
 * hold (their keys are the canonical reversals); undefined for a name outside both
 * domains, which ServeDNS refuses to answer. The suffix is matched as sent (HasSuffix).
 */
export function arpaAddress(name: string): string | null | undefined {
  if (name.endsWith('.in-addr.arpa.')) {
    const labels = name.slice(0, -'.in-addr.arpa.'.length).split('.');
    const ip = labels.reverse().join('.');
    return isIPv4(ip) && labels.every((l) => String(Number(l)) === l) ? ip : null;
  }
  if (name.endsWith('.ip6.arpa.')) {
    const nibbles = name.slice(0, -'.ip6.arpa.'.length).split('.');
    if (nibbles.length !== 32 || !nibbles.every((x) => /^[0-9a-f]$/.test(x))) return null;
    return toIp6(BigInt(`0x${nibbles.reverse().join('')}`));
  }
  return undefined;
}

/** The PTR name of an address, as BusyBox nslookup asks it (`172.18.0.3` → `3.0.18.172.in-addr.arpa`). */
export function arpaName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  return `${toBig6(ip).toString(16).padStart(32, '0').split('').reverse().join('.')}.ip6.arpa`;
}

/**
 * The readings of a query the embedded DNS tries, in order: the whole name on every
 * network, then `a.b.c` in network `d`, `a.b` in network `c.d`, `a` in `b.c.d`
 * (libnetwork sandbox_dns.go: the embedded server owns the `NAME.NETWORK` domain).
 */
function readings(query: string): Array<{ req: string; network: string | null }> {
  const name = query.endsWith('.') ? query.slice(0, -1) : query;
  const out: Array<{ req: string; network: string | null }> = [{ req: name, network: null }];
  for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) out.push({ req: name.slice(0, i), network: name.slice(i + 1) });
  return out;
}

/** The target name a link of this endpoint gives `alias`, or null (`db` links as `db`). */
function linkTarget(owner: Container, ep: Endpoint, alias: string): string | null {
  const links = owner.attachments.find((a) => a.endpoint === ep)?.links;
  if (!links) return null;
  // Exact case: libnetwork keys the endpoint's link aliases as given and looks the query
  // up as sent (real 20.10: `--link t:Lnk` answers `Lnk`, not `lnk`), while the
  // network's own records are case-insensitive.
  for (const link of links) {
    const i = link.indexOf(':');
    const [target, name] = i < 0 ? [link, link] : [link.slice(0, i), link.slice(i + 1)];
    if (name === alias) return target;
  }
  return null;
}

/** A link alias of this endpoint answers with its target's address on the same
 *  network, looked up by name now (libnetwork: ep.aliases → n.ResolveName). */
function linkOnEndpoint(owner: Container, ep: Endpoint, alias: string): { name: string; ip: string } | null {
  const target = linkTarget(owner, ep, alias);
  if (target === null) return null;
  const found = ep.network.lookup(target).find((e) => e.ip !== null);
  return found?.ip ? { name: target, ip: found.ip } : null;
}

function compareIp(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

