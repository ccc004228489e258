// What the runtime checks when it starts a container's process (runc create) or an exec
// (runc exec), before anything runs: the user and group, looked up in the image's
// /etc/passwd and /etc/group, and the program, looked up on PATH. A failure leaves the
// container Created (FACTS 99–101; texts and exit codes from the 20.10 engine:
// scenarios/lifecycle.dnet, stand-in-tools.dnet).
import type { ContainerConfig } from './container.js';
import type { EngineError } from './errors.js';
import { BUSYBOX_APPLETS } from './exec/context.js';

/** The directories of Docker's default PATH, where a bare program name is looked for. */
export const PATH_DIRS: readonly string[] = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Folders every stand-in image has: exec'ing one is "permission denied". */
const IMAGE_DIRS = new Set(['/', '/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', ...PATH_DIRS]);

// The stand-ins' /etc/passwd and /etc/group hold root alone (build_images.sh).
const USERS: Record<string, number> = { root: 0 };
const GROUPS: Record<string, number> = { root: 0 };

export interface ProcessUser {
  uid: number;
  /** The group given, else the user's own (root's: the only entry; a bare uid gets 0 too). */
  gid: number;
}

/** USER[:GROUP] (names or numbers; '' is root) as runc resolves it; an error names what is missing. */
export function resolveUser(spec: string): ProcessUser | { missing: 'user' | 'group'; name: string } {
  const [user = '', group] = spec.split(':');
  const uid = /^\d+$/.test(user) ? Number(user) : user === '' ? 0 : USERS[user];
  if (uid === undefined) return { missing: 'user', name: user };
  if (group === undefined || group === '') return { uid, gid: 0 };
  const gid = /^\d+$/.test(group) ? Number(group) : GROUPS[group];
  if (gid === undefined) return { missing: 'group', name: group };
  return { uid, gid };
}

/** The daemon's text for a user or group that is not there. */
export function missingUserText(m: { missing: 'user' | 'group'; name: string }): string {
  return m.missing === 'user'
    ? `unable to find user ${m.name}: no matching entries in passwd file`
    : `unable to find group ${m.name}: no matching entries in group file`;
}

const RUNC_CREATE = 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

export interface StartFailure {
  error: EngineError;
  /** State.ExitCode the daemon records: 127 not found, 126 not executable, 128 otherwise. */
  exitCode: number;
}

/**
 * Why the container's process cannot be started, or null. The image's own command is
 * always there; a program given on the command line must be one the image has (its
 * tools, its entrypoint and command). A path outside PATH that the simulator cannot
 * know (a built image's script) is taken to exist.
 */
export function startFailure(config: ContainerConfig): StartFailure | null {
  // runc's validator: a network sysctl needs a network namespace of the container's own.
  const netSysctl = Object.keys(config.sysctls ?? {}).find((k) => k.startsWith('net.'));
  if (netSysctl !== undefined && config.mode.kind === 'host') {
    return { error: { kind: 'invalid', daemon: true,
      message: `failed to create shim task: OCI runtime create failed: runc create failed: sysctl "${netSysctl}" not allowed in host network namespace: unknown` }, exitCode: 128 };
  }
  // -c reaches the cgroup at start: a negative one is refused as the shim writes it
  // ("shares: invalid argument"), and runc's cgroup v2 conversion wants 2…262144 (real 20.10).
  const shares = config.cpuShares ?? 0;
  if (shares < 0) return { error: { kind: 'invalid', daemon: true, message: 'shares: invalid argument' }, exitCode: 128 };
  if (shares === 1 || shares > 262144) {
    const bound = shares === 1 ? 'minimum allowed cpu-shares is 2' : 'maximum allowed cpu-shares is 262144';
    return { error: { kind: 'invalid', daemon: true, message: `${RUNC_CREATE}error during container init: error setting cgroup config for procHooks process: the ${bound}: unknown` }, exitCode: 128 };
  }
  const user = resolveUser(config.user);
  if ('missing' in user) return { error: { kind: 'not-found', daemon: true, message: missingUserText(user) }, exitCode: 128 };
  const image = config.image;
  const argv = [...config.entrypoint, ...config.cmd];
  const program = argv[0];
  if (!image || program === undefined) return null;
  if (argv.join('\0') === [...image.entrypoint, ...image.cmd].join('\0')) return null;
  const base = program.slice(program.lastIndexOf('/') + 1);
  const tools = image.tools ? new Set(image.tools) : BUSYBOX_APPLETS;
  const has = (name: string): boolean => tools.has(name)
    || [image.entrypoint[0], image.cmd[0]].some((p) => p !== undefined && p.slice(p.lastIndexOf('/') + 1) === name);
  const fail = (why: string, exitCode: number): StartFailure => ({ error: { kind: 'invalid', daemon: true, message: `${RUNC_CREATE}exec: "${program}": ${why}: unknown` }, exitCode });
  if (!program.includes('/')) return has(program) ? null : fail('executable file not found in $PATH', 127);
  const path = program.replace(/\/+$/, '') || '/';
  if (IMAGE_DIRS.has(path)) return fail('permission denied', 126);
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  if (PATH_DIRS.includes(dir) && !has(base)) return fail(`stat ${program}: no such file or directory`, 127);
  return null;
}
