// HTTP and TCP clients inside a container: BusyBox `wget` and `nc` (FACTS 10, 28, 50),
// and curl for images that ship it. Connection failures read as the tools print them:
// refused → "Connection refused", dropped → timed out, no route → unreachable.

import type { HttpOutcome } from '../model.js';
import { type ExecContext, fail, ok, type ToolResult } from './context.js';
import { isIPv4 } from './ping.js';
import { NC_USAGE } from './usage.js';

interface Url {
  host: string;
  /** The host as the URL wrote it, with its `:port` if any (what wget prints). */
  authority: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Url | null {
  const m = raw.match(/^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/);
  if (!m) return null;
  return { host: m[2]!, authority: m[3] ? `${m[2]!}:${m[3]}` : m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

function lookup(ctx: ExecContext, host: string): string | null {
  return isIPv4(host) ? host : (ctx.resolve(host).addresses[0] ?? null);
}

const FAILURE: Record<Exclude<HttpOutcome['result'], 'ok'>, string> = {
  refused: 'Connection refused',
  dropped: 'Connection timed out',
  unreachable: 'Network is unreachable',
};

export function wget(ctx: ExecContext, argv: string[]): ToolResult {
  let quiet = false;
  let spider = false;
  let output: string | null = null;
  let url: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--spider') spider = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a.startsWith('-O') || a.startsWith('-qO')) {
      // -O FILE, -O-, -qO- (flags combined as BusyBox getopt allows).
      quiet ||= a.startsWith('-q');
      output = a.replace(/^-q?O/, '') || argv[++i] || '-';
    }
    else if (a === '-T' || a === '-Y' || a === '--header' || a === '-U') i++;
    else if (a.startsWith('-')) continue;
    else url = a;
  }
  const parsed = url === null ? null : parseUrl(url);
  if (parsed === null) return fail('wget: bad address\n');
  const address = lookup(ctx, parsed.host);
  if (address === null) return fail(`wget: bad address '${parsed.host}'\n`);
  // BusyBox names the server as the URL did: `Connecting to web:81 (172.18.0.2:81)`.
  let log = quiet ? '' : `Connecting to ${parsed.authority} (${address}:${parsed.port})\n`;
  const outcome = ctx.httpGet(address, parsed.port, parsed.path);
  if (outcome.result !== 'ok') return fail(`${log}wget: can't connect to remote host (${address}): ${FAILURE[outcome.result]}\n`);
  if (outcome.status >= 400) return fail(`${log}wget: server returned error: HTTP/1.1 ${outcome.status} ${STATUS_TEXT[outcome.status] ?? ''}\n`);
  if (spider) return { stdout: '', stderr: quiet ? '' : log + 'remote file exists\n', exitCode: 0 };
  const size = String(Buffer.byteLength(outcome.body)).padStart(6);
  if (output === '-') {
    if (!quiet) log += `writing to stdout\n-                    100% |********************************|${size}  0:00:00 ETA\nwritten to stdout\n`;
    return { stdout: outcome.body, stderr: log, exitCode: 0 };
  }
  // Saving to a file: the simulator keeps no container filesystem, only the messages.
  const file = output ?? (parsed.path.split('/').pop() || 'index.html');
  if (!quiet) log += `saving to '${file}'\n${file.padEnd(20)} 100% |********************************|${size}  0:00:00 ETA\n'${file}' saved\n`;
  return { stdout: '', stderr: log, exitCode: 0 };
}

export function curl(ctx: ExecContext, argv: string[]): ToolResult {
  let silent = false;
  let showErrors = false;
  let headOnly = false;
  let writeOut: string | null = null;
  let discard = false;
  let url: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-o') discard = argv[++i] === '/dev/null';
    else if (a === '-w' || a === '--write-out') writeOut = argv[++i] ?? '';
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-H') i++;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      silent ||= a.includes('s');
      showErrors ||= a.includes('S');
      headOnly ||= a.includes('I');
    } else if (a === '--silent') silent = true;
    else if (!a.startsWith('-')) url = a;
  }
  const parsed = url === null ? null : parseUrl(url);
  const err = (code: number, text: string): ToolResult =>
    fail(silent && !showErrors ? '' : `curl: (${code}) ${text}\n`, code, writeOut?.replace('%{http_code}', '000') ?? '');
  if (parsed === null) return err(3, 'URL using bad/illegal format or missing URL');
  const address = lookup(ctx, parsed.host);
  if (address === null) return err(6, `Could not resolve host: ${parsed.host}`);
  const outcome = ctx.httpGet(address, parsed.port, parsed.path);
  if (outcome.result === 'refused') return err(7, `Failed to connect to ${parsed.host} port ${parsed.port}: Connection refused`);
  if (outcome.result === 'unreachable') return err(7, `Failed to connect to ${parsed.host} port ${parsed.port}: Network is unreachable`);
  if (outcome.result !== 'ok') return err(28, `Failed to connect to ${parsed.host} port ${parsed.port}: Connection timed out`);
  let stdout = headOnly ? `HTTP/1.1 ${outcome.status} ${STATUS_TEXT[outcome.status] ?? ''}\r\n\r\n` : discard ? '' : outcome.body;
  if (writeOut !== null) stdout += writeOut.replace('%{http_code}', String(outcome.status)).replace(/\\n/g, '\n');
  return ok(stdout);
}

export function nc(ctx: ExecContext, argv: string[]): ToolResult {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = a.match(/^-([a-zA-Z])(.*)$/);
    if (!m) {
      words.push(a);
      continue;
    }
    // BusyBox's nc of the stand-ins knows -i -w -l -p -f -e; anything else (-z, -v) is refused.
    if (!'iwlpfe'.includes(m[1]!)) return fail(`nc: invalid option -- '${m[1]}'\n${NC_USAGE}`);
    if ('iwpfe'.includes(m[1]!) && m[2] === '') i++;
  }
  if (words.length !== 2) return fail(NC_USAGE);
  const [host, port] = words as [string, string];
  const address = lookup(ctx, host);
  if (address === null) return fail(`nc: bad address '${host}'\n`);
  const outcome = ctx.reach(address, Number(port), 'tcp');
  switch (outcome.result) {
    case 'ok':
      // `docker exec` without -i gives nc an empty stdin: it connects, sends nothing, exits 0.
      return ok();
    case 'refused':
      return fail(`nc: can't connect to remote host (${address}): Connection refused\n`);
    case 'dropped':
      return fail('nc: timed out\n');
    case 'unreachable':
      return fail(`nc: can't connect to remote host (${address}): Network is unreachable\n`);
  }
}
