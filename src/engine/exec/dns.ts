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
  // The query cannot be sent or is refused: BusyBox's own errors (real 20.10, none mode
  // and a container-mode container whose owner stopped). One query (-type=X or a PTR)
  // retries its read; the A+AAAA pair fails on the write.
  const state = ctx.dnsServer?.(server) ?? 'ok';
  if (state === 'unreachable') return { stdout: '', stderr: `nslookup: can't connect to remote host (${server}): Network is unreachable\n`, exitCode: 1 };
  if (state === 'refused') {
    const stderr = type === 'any' && !isIPv4(name) ? `nslookup: write to '${server}': Connection refused\n` : 'nslookup: read: Connection refused\n'.repeat(2);
    return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr, exitCode: 1 };
  }
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (isIPv4(name)) {
    // A reverse (PTR) query: the embedded DNS knows its networks' containers as
    // NAME.NETWORK (real engine); the host's resolver knows none of them.
    const arpa = name.split('.').reverse().join('.') + '.in-addr.arpa';
    const found = server === nameserver(ctx) ? ctx.reverseDns?.(name) ?? null : null;
    if (found !== null) return ok(`${out}Non-authoritative answer:\n${arpa}\tname = ${found}\n\n`);
    return { stdout: `${out}** server can't find ${arpa}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  // BusyBox nslookup applies resolv.conf's search list to a name without a dot, and then
  // asks only NAME.DOMAIN for each domain (not the bare name; it reads no ndots option).
  // All queries go out at once and the answers print as they come: the embedded DNS's
  // own answers before the NXDOMAINs that the host's resolver sends back; any failed
  // query makes the exit status 1 (real 20.10 engine with --dns-search).
  const search = name.includes('.') ? [] : searchDomains(ctx);
  const names = search.length > 0 ? search.map((d) => `${name}.${d}`) : [name];
  let found = '';
  let missed = '';
  for (const n of names) {
    const answer = (ctx.queryDns ?? ctx.resolve).call(ctx, n);
    const addresses = answer.addresses;
    const addresses6 = answer.addresses6 ?? [];
    if (addresses.length === 0) {
      // NXDOMAIN is reported once per query sent.
      const miss = `** server can't find ${n}: NXDOMAIN\n\n`;
      missed += type === 'any' ? miss + miss : miss;
      continue;
    }
    // The answer's name is printed as the DNS reply carries it: without a final dot
    // (real engine: `nslookup site.` prints `Name:\tsite`).
    const shown = n.endsWith('.') ? n.slice(0, -1) : n;
    const block = (list: string[]): string => `Non-authoritative answer:\n${list.map((a) => `Name:\t${shown}\nAddress: ${a}\n`).join('')}\n`;
    const aBlock = block(addresses);
    // Without IPv6 records the AAAA answer is empty, and it comes back first (FACT 25's
    // order). With them, the two answers race on the engine; A first is the commoner.
    const aaaaBlock = block(addresses6);
    found += type === 'a' ? aBlock : type === 'aaaa' ? aaaaBlock : addresses6.length > 0 ? aBlock + aaaaBlock : aaaaBlock + aBlock;
  }
  return { stdout: out + found + missed, stderr: '', exitCode: missed === '' ? 0 : 1 };
}

function searchDomains(ctx: ExecContext): string[] {
  const m = (ctx.container.sandbox?.resolvConf ?? '').match(/^search\s+(.+)$/m);
  return m ? m[1]!.trim().split(/\s+/) : [];
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
