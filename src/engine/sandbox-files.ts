// The files a container's processes read about its own namespace, written by Docker
// (/etc/hosts, /etc/resolv.conf, /etc/hostname) or by the kernel (/proc/net/route,
// /sys/class/net/IF/…): computed from the sandbox view, so they never go stale. One
// table for `docker exec … cat` and for the `file` probe.
import { netmask, parseCidr, toInt, toIp } from './ipam.js';
import type { RouteView, SandboxView } from './model.js';

/** The content of `path` in a sandbox, or undefined when it is not one of these files. */
export function sandboxFile(sandbox: SandboxView, path: string): string | undefined {
  switch (path) {
    case '/etc/hosts':
      return sandbox.hostsFile;
    case '/etc/resolv.conf':
      return sandbox.resolvConf;
    case '/etc/hostname':
      return `${sandbox.hostname}\n`;
    case '/proc/net/route':
      return procNetRoute(sandbox.routes);
  }
  if (path.startsWith('/proc/sys/net/')) return netSysctl(sandbox, path.slice('/proc/sys/'.length));
  const sys = /^\/sys\/class\/net\/([^/]+)\/(address|mtu|operstate)$/.exec(path);
  const i = sys ? sandbox.interfaces.find((x) => x.name === sys[1]) : undefined;
  if (!sys || !i) return undefined;
  // The kernel's operstate: a veth with its peer up is "up"; loopback reports "unknown".
  return `${sys[2] === 'address' ? i.mac : sys[2] === 'mtu' ? String(i.mtu) : i.name === 'lo' ? 'unknown' : 'up'}\n`;
}

/**
 * A network sysctl of a container's namespace: its --sysctl value, else what a 20.10
 * container reads (real engine): forwarding as the host set it, the unprivileged ports
 * and ping range Docker opens, IPv6 disabled except on the interfaces that have an
 * address (and lo then). Others are not known here (undefined). The host's own are not.
 */
function netSysctl(sandbox: SandboxView, key: string): string | undefined {
  if (sandbox.key === 'default') return undefined;
  const set = sandbox.sysctls?.[key.replace(/\//g, '.')];
  // The kernel prints a vector sysctl's numbers a tab apart, however they were written.
  if (set !== undefined) return `${set.trim().split(/\s+/).join('\t')}\n`;
  const fixed: Record<string, string> = { 'net/ipv4/ip_forward': '1', 'net/ipv4/ip_unprivileged_port_start': '0', 'net/ipv4/ping_group_range': '0\t2147483647',
    'net/ipv6/conf/all/forwarding': '0', 'net/ipv4/conf/all/rp_filter': '0', 'net/ipv6/conf/all/disable_ipv6': '1', 'net/ipv6/conf/default/disable_ipv6': '1' };
  if (fixed[key] !== undefined) return `${fixed[key]}\n`;
  const v6 = /^net\/ipv6\/conf\/([^/]+)\/disable_ipv6$/.exec(key);
  const i = v6 ? sandbox.interfaces.find((x) => x.name === v6[1]) : undefined;
  return i ? `${i.inet6 && i.inet6.length > 0 ? 0 : 1}\n` : undefined;
}

/** A 32-bit address as /proc prints it: the network-order bytes read as a little-endian word. */
const hex = (ip: string | null): string => {
  const n = ip === null ? 0 : toInt(ip);
  const le = ((n & 255) << 24 | ((n >>> 8) & 255) << 16 | ((n >>> 16) & 255) << 8 | (n >>> 24)) >>> 0;
  return le.toString(16).toUpperCase().padStart(8, '0');
};

/** fib_route_seq_show: a header and a row a route, each padded to 127 columns. */
function procNetRoute(routes: RouteView[]): string {
  const row = (text: string): string => `${text.padEnd(127)}\n`;
  let out = row('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  for (const r of routes) {
    const subnet = r.destination === 'default' ? null : parseCidr(r.destination);
    const [dest, prefix] = subnet ? [toIp(subnet.first), subnet.prefix] : ['0.0.0.0', 0];
    // RTF_UP, and RTF_GATEWAY for a route through one.
    const flags = r.via ? '0003' : '0001';
    out += row(`${r.device}\t${hex(dest)}\t${hex(r.via)}\t${flags}\t0\t0\t0\t${hex(netmask(prefix))}\t0\t0\t0`);
  }
  return out;
}
