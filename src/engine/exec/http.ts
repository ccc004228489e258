// HTTP and TCP clients inside a container: BusyBox `wget` and `nc` (FACTS 10, 28, 50),
// and curl for images that ship it. Connection failures read as the tools print them:
// refused → "Connection refused", dropped → timed out, no route → unreachable.

import type { HttpOutcome } from '../model.js';
import { type ExecContext, fail, ok, type ToolResult } from './context.js';
import { isIPv4, isIPv6 } from './ping.js';
import { NC_USAGE, WGET_USAGE } from './usage.js';

interface Url {
  host: string;
  /** The host as the URL wrote it, with its `:port` if any (what wget prints). */
  authority: string;
  port: number;
  path: string;
}

function parseUrl(raw: string): Url | null {
  // An IPv6 host is written in brackets: http://[fd00::2]:8080/.
  const m = raw.match(/^(?:(https?):\/\/)?(\[[0-9A-Fa-f:.]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/);
  if (!m) return null;
  const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
  return { host, authority: m[3] ? `${m[2]!}:${m[3]}` : m[2]!, port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/**
 * How BusyBox's xconnect names the server it could not reach: ` (a.b.c.d)` for IPv4,
 * nothing for IPv6 (real 20.10: `wget: can't connect to remote host: Connection refused`).
 */
const remoteName = (address: string): string => (isIPv6(address) ? '' : ` (${address})`);

/** An address and port as BusyBox prints a socket address: `[v6]:port` for IPv6. */
const hostPort = (address: string, port: number): string => (isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`);

/** getaddrinfo's first answer, as BusyBox takes it: an IPv6 address before an IPv4 one. */
function lookup(ctx: ExecContext, host: string): string | null {
  if (isIPv4(host) || isIPv6(host)) return host;
  const r = ctx.resolve(host);
  return r.addresses6?.[0] ?? r.addresses[0] ?? null;
}

const FAILURE: Record<Exclude<HttpOutcome['result'], 'ok'>, string> = {
  refused: 'Connection refused',
  dropped: 'Connection timed out',
  unreachable: 'Network is unreachable',
};

/** What `wget`'s command line asked for, or the result of a command line it refuses. */
interface WgetOptions {
  quiet: boolean;
  /** `-S`: the server's status line and headers, on stderr even with -q. */
  serverResponse: boolean;
  spider: boolean;
  /** Append to an existing file instead of refusing it (`-c`). */
  resume: boolean;
  /** `-O FILE` (`-` is stdout); null: the URL's last path segment. */
  output: string | null;
  /** `-P DIR`: where the URL-named file goes. */
  prefix: string | null;
  /** `-o LOGFILE`: the messages go there instead of stderr. */
  logFile: string | null;
  url: string | null;
}

// The stand-ins' BusyBox v1.35.0 wget, as getopt32 reads it: single-letter options in
// clusters (`-qO-`), those below taking a value (joined or as the next word), and the long
// options its table has. This Debian build has no --timeout, yet its getopt still takes
// `-T N`, and then wget dereferences a pointer the feature would have set: SIGSEGV (exit
// 139, no output) whatever the URL (FACTS: stand-in images). A user's `wget -T 1` fails so
// on the engine, so it fails so here.
const WGET_VALUE_SHORT = 'OoPYUTt';
const WGET_FLAG_SHORT = 'cqS';
const WGET_LONG_FLAGS = new Set(['continue', 'spider', 'quiet', 'no-check-certificate', 'no-cache', 'passive-ftp', 'server-response']);
const WGET_LONG_VALUES: Record<string, string> = {
  'output-document': 'O',
  'output-file': 'o',
  'directory-prefix': 'P',
  proxy: 'Y',
  'user-agent': 'U',
  tries: 't',
  header: '',
  'post-data': '',
  'post-file': '',
};
const SEGFAULT: ToolResult = { stdout: '', stderr: '', exitCode: 139 };

function wgetOptions(argv: string[]): WgetOptions | ToolResult {
  const o: WgetOptions = { quiet: false, serverResponse: false, spider: false, resume: false, output: null, prefix: null, logFile: null, url: null };
  let crash = false;
  const value = (letter: string, v: string) => {
    if (letter === 'O') o.output = v;
    else if (letter === 'o') o.logFile = v;
    else if (letter === 'P') o.prefix = v;
    else if (letter === 'T') crash = true;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (WGET_LONG_FLAGS.has(name) && eq < 0) {
        if (name === 'spider') o.spider = true;
        else if (name === 'quiet') o.quiet = true;
        else if (name === 'continue') o.resume = true;
        else if (name === 'server-response') o.serverResponse = true;
      } else if (name in WGET_LONG_VALUES && (eq >= 0 || i + 1 < argv.length)) {
        value(WGET_LONG_VALUES[name]!, eq >= 0 ? a.slice(eq + 1) : argv[++i]!);
      } else {
        return fail(`wget: unrecognized option '${a}'\n${WGET_USAGE}`);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const letter = a[k]!;
        if (WGET_FLAG_SHORT.includes(letter)) {
          if (letter === 'q') o.quiet = true;
          else if (letter === 'c') o.resume = true;
          else if (letter === 'S') o.serverResponse = true;
        } else if (WGET_VALUE_SHORT.includes(letter)) {
          const rest = a.slice(k + 1);
          if (rest === '' && i + 1 >= argv.length) return fail(`wget: option requires an argument -- '${letter}'\n${WGET_USAGE}`);
          value(letter, rest !== '' ? rest : argv[++i]!);
          break;
        } else {
          return fail(`wget: invalid option -- '${letter}'\n${WGET_USAGE}`);
        }
      }
    } else {
      o.url = a;
    }
  }
  return crash ? SEGFAULT : o;
}

export function wget(ctx: ExecContext, argv: string[]): ToolResult {
  const o = wgetOptions(argv);
  if ('exitCode' in o) return o;
  const result = download(ctx, o);
  // `-o LOGFILE`: BusyBox sends its messages, errors too, to the file instead of stderr.
  if (o.logFile === null || !ctx.files) return result;
  const error = ctx.files.write(o.logFile, result.stderr, false);
  return error === null ? { ...result, stderr: '' } : fail(`wget: can't open '${o.logFile}': No such file or directory\n`);
}

function download(ctx: ExecContext, o: WgetOptions): ToolResult {
  const parsed = o.url === null ? null : parseUrl(o.url);
  if (parsed === null) return fail(o.url === null ? WGET_USAGE : 'wget: bad address\n');
  const address = lookup(ctx, parsed.host);
  if (address === null) return fail(`wget: bad address '${parsed.host}'\n`);
  // BusyBox names the server as the URL did: `Connecting to web:81 (172.18.0.2:81)`.
  let log = o.quiet ? '' : `Connecting to ${parsed.authority} (${hostPort(address, parsed.port)})\n`;
  const outcome = ctx.httpGet(address, parsed.port, parsed.path);
  if (outcome.result !== 'ok') return fail(`${log}wget: can't connect to remote host${remoteName(address)}: ${outcome.errno ?? FAILURE[outcome.result]}\n`);
  // -S: the status line; the headers only for a success (wget stops at an error status).
  if (o.serverResponse) {
    log += `  HTTP/1.1 ${outcome.status} ${STATUS_TEXT[outcome.status] ?? ''}\n`;
    if (outcome.status < 400) log += [...(outcome.headers ?? []), ''].map((h) => `  ${h}\n`).join('');
  }
  if (outcome.status >= 400) return fail(`${log}wget: server returned error: HTTP/1.1 ${outcome.status} ${STATUS_TEXT[outcome.status] ?? ''}\n`);
  if (o.spider) return { stdout: '', stderr: o.quiet ? log : log + 'remote file exists\n', exitCode: 0 };
  const size = String(Buffer.byteLength(outcome.body)).padStart(6);
  if (o.output === '-') {
    if (!o.quiet) log += `writing to stdout\n-                    100% |********************************|${size}  0:00:00 ETA\nwritten to stdout\n`;
    return { stdout: outcome.body, stderr: log, exitCode: 0 };
  }
  // The file is opened once the headers are in: `-O FILE` truncates it, while a name taken
  // from the URL is opened O_EXCL and refuses one already there (a second `wget URL`).
  const named = o.output === null;
  const file = o.output ?? (parsed.path.split('/').pop() || 'index.html');
  const path = named && o.prefix !== null ? `${o.prefix.replace(/\/+$/, '')}/${file}` : file;
  if (ctx.files && path !== '/dev/null') {
    if (named && !o.resume && ctx.files.read(path) !== null) return fail(`${log}wget: can't open '${path}': File exists\n`);
    const error = ctx.files.write(path, outcome.body, false);
    if (error !== null) return fail(`${log}wget: can't open '${path}': ${error.slice(error.lastIndexOf(': ') + 2)}\n`);
  }
  // The progress bar names the file by its last component (bb_basename): `null` for /dev/null.
  if (!o.quiet) log += `saving to '${path}'\n${(file.split('/').pop() ?? file).padEnd(20)} 100% |********************************|${size}  0:00:00 ETA\n'${path}' saved\n`;
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

export function nc(ctx: ExecContext, argv: string[], stdin?: string): ToolResult {
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
  // nc sends its stdin (a pipe in `sh -c 'echo hi | nc srv 80'`); `docker exec` without -i
  // gives it an empty one: it connects, sends nothing, exits 0.
  const outcome = ctx.reach(address, Number(port), 'tcp', stdin ?? '');
  switch (outcome.result) {
    case 'ok':
      return ok(outcome.reply ?? '');
    case 'refused':
      return fail(`nc: can't connect to remote host${remoteName(address)}: Connection refused\n`);
    case 'dropped':
      return fail(outcome.errno ? `nc: can't connect to remote host${remoteName(address)}: ${outcome.errno}\n` : 'nc: timed out\n');
    case 'unreachable':
      return fail(`nc: can't connect to remote host${remoteName(address)}: Network is unreachable\n`);
  }
}
