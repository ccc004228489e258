// Name resolution as a container's own resolver does it (LANGUAGE.md: `resolve NAME from
// C` is what ping and getent see): /etc/hosts first, then the nameservers of its
// /etc/resolv.conf in order. The files are read from the host side (inspect's HostsPath
// and ResolvConfPath), the DNS queries are sent from inside the container's namespace.
import ipaddr from 'ipaddr.js';

/** IPv4 addresses /etc/hosts gives NAME: the first matching line, as glibc's `multi off` does. */
export function hostsLookup(hostsText: string, name: string): string[] {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  for (const raw of hostsText.split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2 || !ipaddr.IPv4.isValidFourPartDecimal(words[0])) continue;
    if (words.slice(1).some((w) => w.toLowerCase() === wanted)) return [words[0]];
  }
  return [];
}

export function nameservers(resolvText: string): string[] {
  return [...resolvText.matchAll(/^\s*nameserver\s+(\S+)\s*$/gm)]
    .map((m) => m[1])
    .filter((a) => ipaddr.IPv4.isValidFourPartDecimal(a));
}

export const isIPv4 = (s: string): boolean => ipaddr.IPv4.isValidFourPartDecimal(s);
/** An IPv6 literal target (`expect ping fd00::2 …`): sent as it is, no DNS query. */
export const isIPv6 = (s: string): boolean => s.includes(':') && !s.includes('%') && ipaddr.IPv6.isValid(s);
