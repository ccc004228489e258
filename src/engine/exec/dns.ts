// Name lookups from inside a container: BusyBox `nslookup` (asks the resolv.conf server
// directly, an A and an AAAA query; FACTS 8, 25, 43) and glibc-style `getent hosts`
// (for images that ship it; the BusyBox stand-ins do not).

import { type ExecContext, fail, ok, type ToolResult } from './context.js';
import { isIPv4 } from './ping.js';

function nameserver(ctx: ExecContext): string {
  const m = (ctx.container.sandbox?.resolvConf ?? '').match(/^nameserver\s+(\S+)/m);
  return m ? m[1]! : '127.0.0.11';
}

export function nslookup(ctx: ExecContext, argv: string[]): ToolResult {
  let type: 'any' | 'a' | 'aaaa' = 'any';
  const words: string[] = [];
  for (const a of argv) {
    const m = a.match(/^-(?:type|query|q)=(\w+)$/i);
    if (m) type = m[1]!.toLowerCase() === 'aaaa' ? 'aaaa' : 'a';
    else words.push(a);
  }
  const name = words[0];
  if (name === undefined) return fail('BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n');
  const server = words[1] ?? nameserver(ctx);
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (isIPv4(name)) {
    // A reverse (PTR) query: the embedded DNS knows its networks' containers as
    // NAME.NETWORK (real engine); the host's resolver knows none of them.
    const arpa = name.split('.').reverse().join('.') + '.in-addr.arpa';
    const found = server === nameserver(ctx) ? ctx.reverseDns?.(name) ?? null : null;
    if (found !== null) return ok(`${out}Non-authoritative answer:\n${arpa}\tname = ${found}\n\n`);
    return { stdout: `${out}** server can't find ${arpa}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  const addresses = (ctx.queryDns ?? ctx.resolve).call(ctx, name).addresses;
  if (addresses.length === 0) {
    // NXDOMAIN is reported once per query sent.
    const miss = `** server can't find ${name}: NXDOMAIN\n\n`;
    return { stdout: out + (type === 'any' ? miss + miss : miss), stderr: '', exitCode: 1 };
  }
  const aBlock = `Non-authoritative answer:\n${addresses.map((a) => `Name:\t${name}\nAddress: ${a}\n`).join('')}\n`;
  // Containers have no IPv6 addresses here: the AAAA answer is empty (FACT 25's order).
  const aaaaBlock = 'Non-authoritative answer:\n\n';
  out += type === 'a' ? aBlock : type === 'aaaa' ? aaaaBlock : aaaaBlock + aBlock;
  return ok(out);
}

export function getent(ctx: ExecContext, argv: string[]): ToolResult {
  if (argv[0] !== 'hosts' && argv[0] !== 'ahosts') return fail(`Unknown database: ${argv[0] ?? ''}\n`);
  if (argv.length < 2) return fail('', 2);
  let out = '';
  for (const name of argv.slice(1)) {
    const addresses = isIPv4(name) ? [name] : ctx.resolve(name).addresses;
    if (addresses.length === 0) return { stdout: out, stderr: '', exitCode: 2 };
    out += `${addresses[0]!.padEnd(15)} ${name}\n`;
  }
  return ok(out);
}
