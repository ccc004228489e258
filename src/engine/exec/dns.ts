// Name lookups from inside a container: BusyBox `nslookup` (asks the resolv.conf server
// directly, an A and an AAAA query; FACTS 8, 25, 43) and glibc-style `getent hosts`
// (for images that ship it; the BusyBox stand-ins do not).

import { isIPv6 } from '../ipam6.js';
import { DNS_TYPES, type DnsReply, type DnsType } from '../model.js';
import { arpaName } from '../resolver.js';
import { type ExecContext, fail, ok, type ToolResult } from './context.js';
import { isIPv4 } from './ping.js';

function nameserver(ctx: ExecContext): string {
  const m = (ctx.container.sandbox?.resolvConf ?? '').match(/^nameserver\s+(\S+)/m);
  return m ? m[1]! : '127.0.0.11';
}

const NSLOOKUP_USAGE = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';

/** BusyBox nslookup's options; `t` is there so that `-t` means -timeout, not -type. */
const OPTIONS = ['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout', 'nodebug'] as const;

/** An option as BusyBox's index_in_substrings finds it: exact, or the prefix of one option only. */
function optionOf(key: string): (typeof OPTIONS)[number] | null {
  let found: (typeof OPTIONS)[number] | null = null;
  for (const o of OPTIONS) {
    if (key === '' || !o.startsWith(key)) continue;
    if (o === key) return o;
    if (found !== null) return null;
    found = o;
  }
  return found;
}

interface NslookupArgs {
  types: Set<DnsType>;
  port: number;
  words: string[];
}

/** The options before HOST, read as BusyBox 1.35 reads them; a string is its error. */
function parseNslookup(argv: string[]): NslookupArgs | ToolResult {
  const types = new Set<DnsType>();
  let port = 53;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const word = argv[i]!;
    const eq = word.indexOf('=');
    const key = eq < 0 ? word.slice(1) : word.slice(1, eq);
    const value = eq < 0 ? '' : word.slice(eq + 1);
    const option = optionOf(key);
    if (option === null) return fail(NSLOOKUP_USAGE);
    if (option === 'type' || option === 'querytype') {
      // -type=X given again adds a query type (a bit mask), matched case-insensitively.
      const type = DNS_TYPES.find((t) => t === value.toUpperCase());
      if (type === undefined) return fail(`nslookup: invalid query type "${value}"\n`);
      types.add(type);
    } else if (option === 'debug') {
      return fail('dnet-test: nslookup -debug prints how long each query took: not simulated\n', 127);
    } else if (option !== 'nodebug') {
      // -port, -retry, -timeout: BusyBox's xatou_range; only the port changes the answer.
      if (!/^\d+$/.test(value)) return fail(`nslookup: invalid number '${value}'\n`);
      const n = Number(value);
      const max = option === 'port' ? 65535 : option === 'retry' ? 2147483647 : 2147483;
      if (n < 1 || n > max) return fail(`nslookup: number ${value} is not in 1..${max} range\n`);
      if (option === 'port') port = n;
    }
  }
  return { types, port, words: argv.slice(i) };
}

interface Query {
  type: DnsType;
  name: string;
}

/** One query's reply, from the engine's DNS model, or (contexts without it) from its name lookups. */
function ask(ctx: ExecContext, q: Query, toResolvConfServer: boolean): DnsReply {
  // Another server than resolv.conf's is none of the engine's: it knows no container.
  if (!toResolvConfServer) return { rcode: 'NXDOMAIN' };
  if (ctx.askDns) return ctx.askDns(q.type, q.name);
  if (q.type === 'PTR') {
    const m = q.name.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/);
    const host = m ? ctx.reverseDns?.(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`) ?? null : null;
    return host === null ? { rcode: 'NXDOMAIN' } : { rcode: 'NOERROR', answers: [host] };
  }
  if (q.type !== 'A' && q.type !== 'AAAA') return { rcode: 'NXDOMAIN' };
  const r = (ctx.queryDns ?? ctx.resolve).call(ctx, q.name);
  if (r.addresses.length === 0) return { rcode: 'NXDOMAIN' };
  return { rcode: 'NOERROR', answers: q.type === 'A' ? r.addresses : (r.addresses6 ?? []) };
}

/** A NOERROR reply as BusyBox prints it: the answer's name without the final dot (`nslookup site.` prints `Name:\tsite`). */
function answerBlock(q: Query, answers: string[]): string {
  const shown = q.name.endsWith('.') ? q.name.slice(0, -1) : q.name;
  const lines = answers.map((a) => (q.type === 'PTR' ? `${shown}\tname = ${a}\n` : `Name:\t${shown}\nAddress: ${a}\n`));
  return `Non-authoritative answer:\n${lines.join('')}\n`;
}

type Replied = { q: Query; reply: DnsReply };

/** A name's A and AAAA replies in the order they print: an empty AAAA answer first. */
function emptyAaaaFirst(a: Replied, aaaa: Replied): Replied[] {
  return aaaa.reply.rcode === 'NOERROR' && aaaa.reply.answers.length === 0 ? [aaaa, a] : [a, aaaa];
}

export function nslookup(ctx: ExecContext, argv: string[]): ToolResult {
  const args = parseNslookup(argv);
  if ('exitCode' in args) return args;
  const name = args.words[0];
  if (name === undefined) return fail(NSLOOKUP_USAGE);
  const server = args.words[1] ?? nameserver(ctx);
  if (server.startsWith('-')) return fail(`nslookup: bad address '${server}'\n`);
  // Without -type: an address is one PTR query, a name an A and an AAAA query. BusyBox
  // applies resolv.conf's search list to a name without a dot, and then asks only
  // NAME.DOMAIN for each domain (not the bare name; it reads no ndots option); with
  // -type, one query per type, in its table's order (real 20.10 with --dns-search).
  const byAddress = args.types.size === 0 && (isIPv4(name) || isIPv6(name));
  const search = name.includes('.') || byAddress ? [] : searchDomains(ctx);
  const names = search.length > 0 ? search.map((d) => `${name}.${d}`) : [name];
  const types = DNS_TYPES.filter((t) => args.types.has(t));
  const queries: Query[] = byAddress
    ? [{ type: 'PTR', name: arpaName(name) }]
    : args.types.size === 0
      ? names.flatMap((n): Query[] => [{ type: 'A', name: n }, { type: 'AAAA', name: n }])
      : types.flatMap((type) => names.map((n) => ({ type, name: n })));
  // The query cannot be sent or is refused: BusyBox's own errors (real 20.10, none mode
  // and a container-mode container whose owner stopped). One query retries its read;
  // several fail on the write.
  // The embedded DNS listens on 53 only (a DNAT rule on loopback): another port there is
  // a closed UDP port, refused (real 20.10: `nslookup -port=54 -type=a web`).
  const closedPort = args.port !== 53 && server.startsWith('127.');
  const state = closedPort ? 'refused' : (ctx.dnsServer?.(server) ?? 'ok');
  if (state === 'unreachable') return { stdout: '', stderr: `nslookup: can't connect to remote host (${server}): Network is unreachable\n`, exitCode: 1 };
  if (state === 'refused') {
    const stderr = queries.length > 1 ? `nslookup: write to '${server}': Connection refused\n` : 'nslookup: read: Connection refused\n'.repeat(2);
    return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr, exitCode: 1 };
  }
  // Another port of a remote server: no DNS server there answers (not compared with the engine).
  const replies: Replied[] = queries.map((q) => ({ q, reply: args.port === 53 ? ask(ctx, q, server === nameserver(ctx)) : { rcode: 'none' as const } }));
  // No reply at all: BusyBox prints no server, only its timeout (real 20.10: a PTR of a name
  // outside in-addr.arpa, which the embedded DNS does not answer).
  if (replies.every((r) => r.reply.rcode === 'none')) return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
  // All queries go out at once and the replies print as they come: the embedded DNS's
  // own answers before the NXDOMAINs that the host's resolver sends back; without -type
  // and without IPv6 records the empty AAAA answer comes back first (FACT 25's order;
  // with them, the two race on the engine and A first is the commoner). Any NXDOMAIN
  // makes the exit status 1; a query never answered is listed last and does not.
  const pairs = args.types.size === 0 && !byAddress;
  const printed = pairs ? replies.flatMap((r, k) => (k % 2 === 1 ? [] : emptyAaaaFirst(r, replies[k + 1]!))) : replies;
  let answered = '';
  let missed = '';
  let unanswered = '';
  for (const { q, reply } of printed) {
    if (reply.rcode === 'NXDOMAIN') missed += `** server can't find ${q.name}: NXDOMAIN\n\n`;
    else if (reply.rcode === 'none') unanswered += `*** Can't find ${q.name}: No answer\n`;
    else answered += answerBlock(q, reply.answers);
  }
  const header = `Server:\t\t${server}\nAddress:\t${server}:${args.port}\n\n`;
  return { stdout: header + answered + missed + (unanswered === '' ? '' : `${unanswered}\n`), stderr: '', exitCode: missed === '' ? 0 : 1 };
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
