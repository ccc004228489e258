// What a container's main process does once started, from its command and image:
// runs until stopped (a service, `sleep`, a shell on a terminal) or exits at once with
// a code and output. The simulator has no clock, so `sleep N` counts as running.
import type { ContainerConfig } from './container.js';
import type { ListenSpec } from './images/catalog.js';
import { NC_USAGE } from './exec/usage.js';

export type ProcessPlan =
  | { kind: 'service'; listens: ListenSpec[] }
  | { kind: 'exit'; code: number; stderr: string }
  /** A one-shot command: its output is what `docker exec` of the same argv would print. */
  | { kind: 'one-shot'; argv: string[] };

const base = (word: string): string => word.slice(word.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const DAEMONS = new Set(['sleep', 'top', 'nginx', 'mysqld', 'redis-server', 'postgres', 'mongod', 'httpd-foreground',
  'apache2-foreground', 'node', 'python', 'python3', 'cat', 'yes', 'watch']);

/** The ports a command line listens on: BusyBox `httpd [-f] -p N` (`nc -l` is ncPlan's). */
function listensOf(argv: string[]): ListenSpec[] {
  const prog = base(argv[0] ?? '');
  const pIndex = argv.indexOf('-p');
  const port = pIndex >= 0 ? Number(argv[pIndex + 1]) : NaN;
  if (prog === 'httpd') return [{ port: Number.isFinite(port) ? port : 80, proto: 'tcp', http: true }];
  return [];
}

/**
 * The stand-ins' BusyBox nc as a main process, read as its getopt reads `lp:w:i:f:e:`
 * (clustered: `-lp 5000`, `-ll`): any other letter (`-k`, `-u`, `-z`) stops it with the
 * usage, exit 1 (real engine: `nc -lk -p 5000` exits 1, "nc: invalid option -- 'k'").
 * Listening, it serves TCP on its -p port; an argument left over is the local address to
 * bind, and one that is no IPv4 address fails the bind (`nc -l 5000`). It serves one
 * connection and exits 0 (real 20.10, `-ll` too); only `-ll` with `-e PROG` goes on
 * accepting, as its usage says. Without -l it is a client: null, the command runs once as
 * `docker exec` would run it.
 */
function ncPlan(argv: string[]): ProcessPlan | null {
  let listen = 0;
  let program: string | null = null;
  let port: number | null = null;
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-') || word === '-') {
      rest.push(word);
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const letter = word[k]!;
      if (letter === 'l') {
        listen++;
        continue;
      }
      if (!'pwife'.includes(letter)) return { kind: 'exit', code: 1, stderr: `nc: invalid option -- '${letter}'\n${NC_USAGE}` };
      const value = k + 1 < word.length ? word.slice(k + 1) : argv[++i];
      if (value === undefined) return { kind: 'exit', code: 1, stderr: `nc: option requires an argument -- '${letter}'\n${NC_USAGE}` };
      if (letter === 'p') port = Number(value);
      if (letter === 'e') program = value;
      break;
    }
  }
  if (listen === 0) return null;
  if (rest.length > 0 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(rest[0]!)) return { kind: 'exit', code: 1, stderr: 'nc: bind: Cannot assign requested address\n' };
  const once = listen < 2 || program === null;
  const spec = { port: port ?? 0, proto: 'tcp' as const, http: false, ...(once ? { once } : {}), ...(program === null ? {} : { program }) };
  return { kind: 'service', listens: port !== null && Number.isInteger(port) && port > 0 ? [spec] : [] };
}

/** `sh -c "nc -l -p 80"`: a script that is one plain command (no quoting, no operators) runs as that command. */
function plainCommand(script: string): string[] | null {
  if (!/^[\w@%+=:,./ -]+$/.test(script)) return null;
  const words = script.trim().split(/ +/);
  if (words[0] === 'exec') words.shift();
  return words.length > 0 && words[0] !== '' ? words : null;
}

function isLongRunning(argv: string[], interactive: boolean): boolean {
  const prog = base(argv[0] ?? '');
  if (SHELLS.has(prog)) {
    const c = argv.indexOf('-c');
    if (c < 0) return interactive; // a shell without a terminal reads EOF and exits 0
    const script = argv[c + 1] ?? '';
    return /\b(sleep|while|tail -f|httpd|nc -l)\b/.test(script);
  }
  if (prog === 'tail') return argv.includes('-f') || argv.includes('-F');
  if (prog === 'httpd') return true;
  if (prog === 'ping') return !argv.includes('-c');
  if (prog === 'cat') return argv.length === 1 && interactive;
  return DAEMONS.has(prog);
}

export function planProcess(config: ContainerConfig): ProcessPlan {
  const image = config.image;
  const userCmd = config.cmd;
  const argv = [...config.entrypoint, ...userCmd];
  const interactive = config.tty || config.openStdin;
  const usesImageProcess = image !== null && argv.join('\0') === [...image.entrypoint, ...image.cmd].join('\0');
  if (image?.requiredEnv && config.entrypoint.join(' ') === image.entrypoint.join(' ') && image.entrypoint.length > 0) {
    const given = new Set(config.env.map((e) => e.split('=')[0]));
    if (!image.requiredEnv.anyOf.some((k) => given.has(k))) {
      return { kind: 'exit', code: image.requiredEnv.exitCode, stderr: image.requiredEnv.stderr };
    }
  }
  if (usesImageProcess && image) {
    if (image.behaviour === 'service') return { kind: 'service', listens: image.listens };
    // An image whose command is a shell (busybox, ubuntu): it waits on a terminal, and
    // without one reads EOF and exits 0. Any other command (a built image's
    // `CMD ["cat", "/app/x"]`) runs as it would given on the command line.
    if (argv.length === 0 || SHELLS.has(base(argv[0]))) return interactive ? { kind: 'service', listens: [] } : { kind: 'exit', code: 0, stderr: '' };
  }
  // An entrypoint script hands over to the command (docker-entrypoint.sh mysqld).
  const effective = image && config.entrypoint.length > 0 && base(config.entrypoint[0]) === 'docker-entrypoint.sh' ? userCmd : argv;
  if (image && effective.join(' ') === image.cmd.join(' ') && image.behaviour === 'service') return { kind: 'service', listens: image.listens };
  if (effective.length === 0) return { kind: 'exit', code: 0, stderr: '' };
  return commandPlan(effective, interactive);
}

function commandPlan(argv: string[], interactive: boolean): ProcessPlan {
  const prog = base(argv[0] ?? '');
  const script = SHELLS.has(prog) && argv[1] === '-c' && argv.length === 3 ? plainCommand(argv[2]!) : null;
  if (script) {
    // Only what the command does as a process (serve, fail at getopt) is its own; a
    // command that runs and ends runs in the shell, which has its builtins (`exit 3`)
    // and reports a missing program itself (`sh: x: not found`, 127), not runc.
    const inner = commandPlan(script, interactive);
    return inner.kind === 'one-shot' ? { kind: 'one-shot', argv } : inner;
  }
  if (prog === 'nc') {
    const plan = ncPlan(argv);
    if (plan) return plan;
  }
  if (isLongRunning(argv, interactive)) return { kind: 'service', listens: listensOf(argv) };
  return { kind: 'one-shot', argv };
}
