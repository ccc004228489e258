// Shared engine: where a command a scenario runs inside a container would send traffic
// (`docker exec c1 ping 8.8.8.8`, `docker run busybox wget http://example.com`, the same in
// an `sh -c` script). The private engine's namespace has no way out, so there the command
// runs as written; on a shared engine every target must be the scenario's own (safety.ts),
// or the command is refused before anything is sent.

/** Programs that send packets to the addresses or names among their words. */
const NETWORK_TOOLS = new Set(['ping', 'ping6', 'arping', 'wget', 'curl', 'nc', 'netcat', 'ncat', 'socat', 'telnet', 'nslookup',
  'dig', 'host', 'traceroute', 'traceroute6', 'tracepath', 'mtr', 'ssh', 'scp', 'ftp', 'tftp', 'ntpd', 'ntpdate', 'rdate',
  'whois', 'nmap', 'iperf', 'iperf3', 'http', 'https']);

const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The host part of a word a tool may read as a target (a URL's host, `host:port`), or null. */
function hostOf(word: string): string | null {
  const w = word.replace(/^['"]|['"]$/g, '');
  if (w === '' || w.startsWith('-') || w.includes('=')) return null;
  const url = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(w);
  if (url) return url[1]!.replace(/^\[|\]$/g, '');
  if (w.includes(':') && /^[0-9a-f:.]+(%\w+)?$/i.test(w) && w.split(':').length > 2) return w; // an IPv6 literal
  const host = w.split(/[/:]/)[0]!;
  if (w.startsWith('/') || w.startsWith('.') || host === '') return null; // a path
  if (/^\d+$/.test(host)) return null; // a count, a port, a timeout
  return IPV4.test(host) || HOSTNAME.test(host) ? host : null;
}

/**
 * The targets of the network tools in a container command: for each tool (by its base
 * name, anywhere in the argv or in a script word: `timeout 5 ping x`, `sh -c "… && wget
 * URL"`), the host parts of its later words up to the end of that simple command. Flags
 * and their numeric values, paths and counts are no targets; a word that might be one is
 * taken to be (`echo ping x` counts: refusing too much is the safe mistake).
 */
export function trafficTargets(argv: readonly string[]): string[] {
  const tokens = argv.flatMap((word) => word.split(/(\s+|;|&&|\|\||\||&|\(|\)|`|\$\()/)).filter((t) => t.trim() !== '');
  const targets: string[] = [];
  let inTool = false;
  for (const token of tokens) {
    if (/^(;|&&|\|\||\||&|\(|\)|`|\$\()$/.test(token)) {
      inTool = false;
      continue;
    }
    if (!inTool) {
      inTool = NETWORK_TOOLS.has(token.slice(token.lastIndexOf('/') + 1));
      continue;
    }
    const host = hostOf(token);
    if (host !== null && !targets.includes(host)) targets.push(host);
  }
  return targets;
}
