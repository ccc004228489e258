// `docker exec C PROGRAM ARGS…` inside a simulated container: find the program in the
// image (or fail as runc does, exit 126), then run the BusyBox tool's model.
import { posix } from 'node:path';

import { sandboxFile } from '../sandbox-files.js';
import { type ExecContext, fail, hasTool, ok, type ToolResult } from './context.js';
import { getent, nslookup } from './dns.js';
import { curl, nc, wget } from './http.js';
import { hostname, ifconfig, ip, netstat, route } from './netinfo.js';
import { ping } from './ping.js';
import { runScript } from './shell.js';
import { FILTERS } from './text.js';
import { PATH_DIRS } from '../runtime.js';

export type { ExecContext, ToolResult } from './context.js';

/** A tool: its argv, and what a pipe feeds it (`docker exec` without -i gives none). */
type Tool = (ctx: ExecContext, argv: string[], stdin?: string) => ToolResult;

/** A text filter (text.ts) as a tool: files are read as `cat` reads them, relative to the working directory. */
const filter = (name: string): Tool => (ctx, argv, stdin) =>
  FILTERS[name]!({ stdin: stdin ?? null, read: (path) => readFile(ctx, posix.resolve(ctx.cwd ?? '/', path)) }, argv);

const TOOLS: Record<string, Tool> = {
  ping,
  ping6: (ctx, argv) => ping(ctx, ['-6', ...argv]),
  ifconfig,
  ip,
  hostname,
  // BusyBox's dnsdomainname is `hostname -d`.
  dnsdomainname: (ctx) => hostname(ctx, ['-d']),
  route,
  netstat,
  nslookup,
  getent,
  wget,
  curl,
  nc,
  cat,
  ls,
  ...Object.fromEntries(Object.keys(FILTERS).map((name) => [name, filter(name)])),
  env: (ctx) => ok(environment(ctx).join('\n') + '\n'),
  printenv: (ctx, argv) => {
    const env = new Map(environment(ctx).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    if (argv.length === 0) return ok(environment(ctx).join('\n') + '\n');
    const values = argv.map((name) => env.get(name));
    return { stdout: values.filter((v) => v !== undefined).join('\n') + (values.some((v) => v !== undefined) ? '\n' : ''), stderr: '', exitCode: values.every((v) => v !== undefined) ? 0 : 1 };
  },
  echo: (_ctx, argv) => (argv[0] === '-n' ? ok(argv.slice(1).join(' ')) : ok(argv.join(' ') + '\n')),
  pwd: (ctx) => ok(`${ctx.cwd ?? '/'}\n`),
  // The stand-ins' /etc/passwd and /etc/group hold only root: another uid has no name.
  id: (ctx) => {
    const named = (n: number): string => (n === 0 ? `${n}(root)` : String(n));
    const gid = ctx.gid ?? 0;
    return ok(`uid=${named(ctx.uid ?? 0)} gid=${named(gid)} groups=${named(gid)}\n`);
  },
  uname: (ctx, argv) => {
    if (argv.length === 0 || argv.every((a) => a === '-s')) return ok('Linux\n');
    if (argv.every((a) => a === '-n')) return ok(`${ctx.container.sandbox?.hostname ?? ctx.container.hostname}\n`);
    return fail(`dnet-test: uname ${argv.join(' ')} prints the machine's kernel: not simulated\n`, 127);
  },
  true: () => ok(),
  false: () => fail(''),
  // Time does not pass in the simulator: sleep returns at once.
  sleep: () => ok(),
  sh: shell,
  ash: shell,
  bash: shell,
};

/** ash's builtins among the tools: they run without a program of that name in the image. */
const SH_BUILTINS: ReadonlySet<string> = new Set(['echo', 'pwd', 'true', 'false']);

/** Runs argv as `docker exec` does; the container is known to be running. */
export function execInContainer(ctx: ExecContext, argv: string[]): ToolResult {
  const program = argv[0] ?? '';
  const slash = program.lastIndexOf('/');
  const name = program.slice(slash + 1);
  // runc's wording, printed on stdout with a CR (it comes through the exec stream).
  const ociError = (why: string) =>
    fail('', 126, `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown\r\n`);
  if (slash !== -1) {
    if (!PATH_DIRS.includes(program.slice(0, slash)) || !hasTool(ctx, name)) return ociError(`stat ${program}: no such file or directory`);
  } else if (!hasTool(ctx, name)) {
    return ociError('executable file not found in $PATH');
  }
  return runTool(ctx, name, argv.slice(1));
}

function runTool(ctx: ExecContext, name: string, args: string[], stdin?: string): ToolResult {
  const tool = TOOLS[name];
  if (tool === undefined) return fail(`dnet-test: '${name}' exists in the image but is not simulated\n`, 127);
  return tool(ctx, args, stdin);
}

function shell(ctx: ExecContext, argv: string[]): ToolResult {
  if (argv[0] !== '-c' || argv[1] === undefined) return fail('dnet-test: only `sh -c SCRIPT` is simulated\n', 2);
  // ash exports SHLVL (one more than it was given) and PWD to what it runs.
  const given = new Map(environment(ctx).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  const env = new Map(given);
  env.set('SHLVL', String((Number(given.get('SHLVL')) || 0) + 1));
  env.set('PWD', ctx.cwd ?? '/');
  // What the shell's commands see: its variables as it exports them (the order is ash's
  // hash table's; nothing compares it), and its directory.
  const child = (): ExecContext => ({ ...ctx, cwd: env.get('PWD'), env: [...env].map(([k, v]) => `${k}=${v}`) });
  return runScript(argv[1], env, (words, stdin) => {
    const program = words[0]!;
    const name = program.slice(program.lastIndexOf('/') + 1);
    if (SH_BUILTINS.has(program)) return runTool(child(), program, words.slice(1), stdin);
    if (!hasTool(ctx, name) || (program.includes('/') && !PATH_DIRS.includes(program.slice(0, program.lastIndexOf('/')))))
      return fail(`sh: ${program}: not found\n`, 127);
    return runTool(child(), name, words.slice(1), stdin);
  }, ctx.files ? (path, content, append) => ctx.files!.write(path, content, append) : undefined);
}

/**
 * The exec'd process's environment: the engine's (PATH, HOSTNAME, links, the container's
 * variables, exec -e; model.ts), then HOME, which runc adds when missing.
 */
function environment(ctx: ExecContext): string[] {
  return ctx.env.some((e) => e.startsWith('HOME=')) ? [...ctx.env] : [...ctx.env, 'HOME=/root'];
}

const FIXED_FILES: Record<string, string> = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  '/etc/group': 'root:x:0:\n',
};

function readFile(ctx: ExecContext, path: string): string | null {
  const sandbox = ctx.container.sandbox;
  const own = sandbox ? sandboxFile(sandbox, path) : path === '/etc/hostname' ? `${ctx.container.hostname}\n` : undefined;
  return own ?? FIXED_FILES[path] ?? ctx.files?.read(path) ?? null;
}

/**
 * BusyBox `ls` with no terminal: one name a line, sorted; `-a` adds `.` and `..` and the
 * hidden names, `-1` changes nothing. Files named on the line come first, then each
 * folder, under a `DIR:` header when there are several (real 20.10). Other options (the
 * long listing's owners, sizes and times) are not simulated.
 */
function ls(ctx: ExecContext, argv: string[]): ToolResult {
  const flags = argv.filter((a) => a.startsWith('-') && a.length > 1).join('').replace(/-/g, '');
  const other = [...flags].find((f) => f !== 'a' && f !== '1');
  if (other !== undefined) return fail(`dnet-test: ls -${other} is not simulated (only -a and -1)\n`, 127);
  const all = flags.includes('a');
  const paths = argv.filter((a) => !a.startsWith('-') || a === '-');
  const args = paths.length > 0 ? paths : ['.'];
  if (!ctx.files?.list) return fail('dnet-test: ls is not simulated here\n', 127);
  let stderr = '';
  const files: string[] = [];
  const dirs: Array<{ arg: string; names: string[] }> = [];
  for (const arg of args) {
    const target = arg.startsWith('/') ? arg : `${ctx.cwd ?? '/'}/${arg}`;
    const l = ctx.files.list(target);
    if (l.kind === 'unknown') return fail(`dnet-test: ls ${arg}: ${l.why}: not simulated\n`, 127);
    if (l.kind === 'missing') stderr += `ls: ${arg}: No such file or directory\n`;
    else if (l.kind === 'file') files.push(arg);
    else dirs.push({ arg, names: all ? ['.', '..', ...l.names] : l.names.filter((n) => !n.startsWith('.')) });
  }
  const blocks = [...(files.length > 0 ? [files.sort().map((f) => `${f}\n`).join('')] : []),
    ...dirs.map((d) => `${args.length > 1 ? `${d.arg}:\n` : ''}${d.names.map((n) => `${n}\n`).join('')}`)];
  return { stdout: blocks.join('\n'), stderr, exitCode: stderr === '' ? 0 : 1 };
}

function cat(ctx: ExecContext, argv: string[], stdin?: string): ToolResult {
  if (argv.length === 0 || (argv.length === 1 && argv[0] === '-')) return ok(stdin ?? '');
  let stdout = '';
  let stderr = '';
  for (const path of argv) {
    const content = readFile(ctx, path);
    // The kernel's other /proc and /sys files exist on the engine; the simulator does not know them.
    if (content === null && /^\/(?:proc|sys)\//.test(path)) return fail(`dnet-test: ${path} is not simulated\n`, 127, stdout);
    if (content === null) stderr += `cat: can't open '${path}': No such file or directory\n`;
    else stdout += content;
  }
  return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 };
}
