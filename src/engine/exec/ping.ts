// BusyBox ping (FACTS 7, 8, 26, 82). Round-trip times are not measured by a simulator:
// every reply reads `time=0.080 ms`, so outputs are deterministic.

import ipaddr from 'ipaddr.js';
import { isFourPartDecimal } from '../../ipv4-text.js';
import { type ExecContext, fail, type ToolResult } from './context.js';
import { PING_USAGE } from './usage.js';

const RTT = '0.080';

export function isIPv4(s: string): boolean {
  return isFourPartDecimal(s);
}

export function isIPv6(s: string): boolean {
  return s.includes(':') && ipaddr.IPv6.isValid(s);
}

interface PingArgs {
  /** -4 / -6: only that family's answers. */
  family: 4 | 6 | null;
  count: number;
  size: number;
  quiet: boolean;
  target: string;
}

function parse(argv: string[]): PingArgs | null {
  // Without -c BusyBox pings until interrupted; a simulator cannot wait forever, so one
  // packet stands for "it answered".
  const args: PingArgs = { family: null, count: 1, size: 56, quiet: false, target: '' };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = a.match(/^-([cWwsitIpi]|q|A|4|6)(.*)$/);
    if (!m) {
      rest.push(a);
      continue;
    }
    const [, flag, attached] = m;
    if (flag === 'q' || flag === 'A' || flag === '4' || flag === '6') {
      if (flag === 'q') args.quiet = true;
      if (flag === '4' || flag === '6') args.family = flag === '4' ? 4 : 6;
      if (attached) argv.splice(i + 1, 0, '-' + attached);
      continue;
    }
    const value = attached || argv[++i];
    if (value === undefined) return null;
    if (flag === 'c') args.count = Math.max(1, Number(value) || 1);
    if (flag === 's') args.size = Number(value) || 56;
  }
  if (rest.length !== 1) return null;
  args.target = rest[0]!;
  return args;
}

export function ping(ctx: ExecContext, argv: string[]): ToolResult {
  const args = parse([...argv]);
  if (args === null) return fail(PING_USAGE);
  let address = args.target;
  if (!isIPv4(address) && !isIPv6(address)) {
    // getaddrinfo's order (RFC 3484, glibc's default table): an IPv6 answer comes first,
    // unless -4 (real 20.10: `ping NAME` on a dual-stack network pings its IPv6 address).
    const resolved = ctx.resolve(address);
    const v6 = args.family === 4 ? [] : resolved.addresses6 ?? [];
    const v4 = args.family === 6 ? [] : resolved.addresses;
    if (v6.length === 0 && v4.length === 0) return fail(`ping: bad address '${args.target}'\n`);
    address = (v6.length > 0 ? v6 : v4)[0]!;
  }
  const head = `PING ${args.target} (${address}): ${args.size} data bytes\n`;
  const outcome = ctx.reach(address, null, 'tcp');
  if (outcome.result === 'unreachable') return fail(`ping: sendto: ${outcome.errno ?? 'Network is unreachable'}\n`, 1, head);
  const received = outcome.result === 'dropped' ? 0 : args.count;
  let out = head;
  if (!args.quiet)
    for (let seq = 0; seq < received; seq++) out += `${args.size + 8} bytes from ${address}: seq=${seq} ttl=${outcome.ttl ?? 64} time=${RTT} ms\n`;
  out += `\n--- ${args.target} ping statistics ---\n`;
  out += `${args.count} packets transmitted, ${received} packets received, ${Math.round((100 * (args.count - received)) / args.count)}% packet loss\n`;
  if (received > 0) out += `round-trip min/avg/max = ${RTT}/${RTT}/${RTT} ms\n`;
  return { stdout: out, stderr: '', exitCode: received > 0 ? 0 : 1 };
}
