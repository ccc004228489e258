// The ExecEnvironment (model.ts) of a container: what in-container tools see of the world.
import { posix } from 'node:path';
import type { CommandResult } from '../backends/backend.js';
import { replaceOrAppendEnv, type Container } from './container.js';
import { missingUserText, resolveUser } from './runtime.js';

/** Docker's system.DefaultPathEnv on Linux. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
import type { Controller } from './controller.js';
import type { ExecContext } from './exec/context.js';
import type { ExecEnvironment, HttpOutcome, ListeningSocket, ReachOutcome, ResolveOutcome } from './model.js';
import { deliver, listeningSockets, resolveName } from './reach.js';
import { serveOnce } from './lifecycle.js';
import { dnsReply, reverseName } from './resolver.js';
import { containerView } from './views.js';
import { containerFiles } from './volumes/filesystem.js';
import { httpdHeaders, servedFile } from './volumes/http.js';

/** How `docker exec` starts the process, beyond its argv and -e. */
export interface ExecProcess {
  /** -w DIR */
  workdir?: string;
  /** -u USER[:GROUP], resolved by execProcess. */
  uid?: number;
  gid?: number;
}

/** Go's filepath.Clean of an absolute path: `/etc/../tmp/` is `/tmp`. */
export const cleanPath = (path: string): string => posix.normalize(path).replace(/(.)\/$/, '$1');

const RUNC_EXEC = 'OCI runtime exec failed: exec failed: ';

/**
 * exec -w as runc takes it: an absolute path (its config validation), then a chdir into
 * it before the user is set up (finalizeNamespace), so a missing folder or a file fails
 * the exec first. A path the simulator cannot list (under /bin, /proc…) is let through.
 */
function workdirFailure(ctrl: Controller, c: Container, workdir: string): string | null {
  if (!workdir.startsWith('/')) return `${RUNC_EXEC}Cwd must be an absolute path: unknown`;
  const chdir = (why: string): string => `${RUNC_EXEC}unable to start container process: chdir to cwd (${JSON.stringify(workdir)}) set in config.json failed: ${why}: unknown`;
  const listed = containerFiles(ctrl, c).list?.(cleanPath(workdir)) ?? { kind: 'unknown' };
  if (listed.kind === 'missing') return chdir('no such file or directory');
  // The daemon adds its hint to any error that says "not a directory" (real 20.10).
  if (listed.kind === 'file') return `${chdir('not a directory')}: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`;
  return null;
}

/**
 * exec's -u and -w: the folder (above), then the user (USER[:GROUP], else the
 * container's) as runc resolves it in the image's /etc/passwd and /etc/group
 * (src/engine/runtime.ts). runc's errors come on stdout, ending with a CR, as its other
 * exec errors (real engine), exit 126.
 */
export function execProcess(ctrl: Controller, c: Container, user: string | undefined, workdir: string | undefined): ExecProcess | { failure: CommandResult } {
  const cwdError = workdir ? workdirFailure(ctrl, c, workdir) : null;
  if (cwdError) return { failure: { stdout: `${cwdError}\r\n`, stderr: '', exitCode: 126 } };
  const resolved = resolveUser(user ?? c.config.user);
  if ('missing' in resolved) return { failure: { stdout: `${missingUserText(resolved)}\r\n`, stderr: '', exitCode: 126 } };
  // The process's cwd is the folder chdir reached: `pwd` prints /tmp for `-w /etc/../tmp/`.
  return { uid: resolved.uid, gid: resolved.gid, workdir: workdir ? cleanPath(workdir) : workdir };
}

export function execEnvironment(ctrl: Controller, c: Container, extraEnv: string[] = [], proc: ExecProcess = {}): ExecContext {
  const source = { kind: 'container' as const, container: c };
  const view = containerView(ctrl, c);
  return {
    container: view,
    cwd: proc.workdir || view.workingDir || '/',
    uid: proc.uid ?? 0,
    gid: proc.gid ?? 0,
    tools: c.config.image?.tools ? new Set(c.config.image.tools) : null,
    // The process's environment as the daemon builds it (CreateDaemonEnvironment): PATH,
    // HOSTNAME, the links' variables, then .Config.Env replacing or appended, then exec -e.
    env: replaceOrAppendEnv(replaceOrAppendEnv([`PATH=${DEFAULT_PATH}`, `HOSTNAME=${view.hostname}`, ...c.linkEnv], view.env), extraEnv),
    files: containerFiles(ctrl, c),
    resolve(name: string): ResolveOutcome {
      const r = resolveName(ctrl, source, name);
      return { addresses: r.addresses, addresses6: r.addresses6 ?? [], via: r.via, server: r.server, steps: r.steps };
    },
    queryDns(name: string): ResolveOutcome {
      const r = resolveName(ctrl, source, name, true);
      return { addresses: r.addresses, addresses6: r.addresses6 ?? [], via: r.via, server: r.server, steps: r.steps };
    },
    dnsServer(server: string): 'ok' | 'unreachable' | 'refused' {
      const sb = view.sandbox;
      if (!sb) return 'ok';
      // A container-mode container whose owner stopped keeps the resolv.conf naming
      // 127.0.0.11, but the embedded DNS went with the owner's sandbox (real 20.10).
      if (server.startsWith('127.')) return c.orphaned && server === '127.0.0.11' ? 'refused' : 'ok';
      // none mode, or a namespace left with only `lo`: no route to any server.
      return sb.routes.length === 0 ? 'unreachable' : 'ok';
    },
    sockets(): ListeningSocket[] | null {
      return c.config.mode.kind === 'host' ? null : listeningSockets(ctrl, c);
    },
    reverseDns(ip: string): string | null {
      return reverseName(ctrl, c, ip);
    },
    askDns(type, name) {
      return dnsReply(ctrl, c, type, name);
    },
    reach(address, port, proto, payload): ReachOutcome {
      const d = deliver(ctrl, source, address, port, proto);
      const outcome = { result: d.result, steps: d.steps, ...(d.ttl ? { ttl: d.ttl } : {}), ...(d.errno ? { errno: d.errno } : {}) };
      if (d.result !== 'ok' || !d.server) return outcome;
      const { container: server, listen } = d.server;
      // nc -e cat sends the payload back (real 20.10); nc itself prints what it reads.
      const echoes = listen.program !== undefined && /^(\/bin\/)?cat$/.test(listen.program);
      if (listen.once) serveOnce(ctrl, server, listen.program === undefined ? payload ?? '' : '');
      return { ...outcome, result: 'ok', ...(echoes && payload ? { reply: payload } : {}) };
    },
    httpGet(address, port, path): HttpOutcome {
      const d = deliver(ctrl, source, address, port, 'tcp');
      if (d.result !== 'ok') return { result: d.result, steps: d.steps, ...(d.errno ? { errno: d.errno } : {}) };
      if (!d.http) return { result: 'dropped', steps: [...d.steps, 'the listener does not speak HTTP'] };
      // A file server answers from the files it sees (volumes included), 404 for others.
      const served = servedFile(ctrl, address, port, path);
      if (served) {
        return { result: 'ok', status: served.status, body: served.body, steps: d.steps,
          ...(served.status === 200 ? { headers: httpdHeaders(ctrl, served.file, served.body) } : {}) };
      }
      return { result: 'ok', status: 200, body: d.http.page, steps: d.steps };
    },
  };
}
