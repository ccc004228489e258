// `docker-compose run [-d] [--rm] [--name N] [--no-deps] [--use-aliases] SERVICE [CMD…]`:
// a one-off container of a service (compose/cli/main.py `run`, `run_one_off_container`).
// Its dependencies are brought up first; it joins the service's networks without the
// service name as an alias (unless --use-aliases), so it can reach the services while
// they do not see it under the service name; its name is `<project>_<service>_run_<12 hex>`
// (random in Compose; here from a hash, so runs repeat) and its progress line names it
// without the suffix, --name or not (seen on the real engine: `Creating cr_cache_run ... done`).
import { createHash } from 'node:crypto';
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { startContainer } from '../lifecycle.js';
import { projectContainers, withDependencies, type ComposeContext } from './context.js';
import { createReplica } from './create.js';
import { HOST_IN_USE, Progress } from './progress.js';
import { composeUp, ensureNetworks } from './up.js';

export function composeRun(cx: ComposeContext, inv: Invocation): CommandResult {
  const [service, ...argv] = inv.args;
  const s = cx.project.services.find((x) => x.name === service);
  if (!s) return { stdout: '', stderr: `No such service: ${service}\n`, exitCode: 1 };
  let stderr = '';
  if (!flagBool(inv.flags, 'no-deps')) {
    const all = withDependencies(cx.project, [service]);
    // Dependencies with a running container are left alone, without an "is up-to-date"
    // line (Compose converges them with the `never` strategy).
    const deps = 'unknown' in all ? [] : all.filter((d) => d.name !== service && !projectContainers(cx, d.name).some((c) => c.running)).map((d) => d.name);
    if (deps.length > 0) {
      const up = composeUp(cx, { detach: true, noStart: false, build: false, scale: new Map(), services: deps, recreate: 'never' });
      stderr += up.stderr;
      if (up.exitCode !== 0) return { stdout: up.stdout, stderr, exitCode: up.exitCode };
    }
  }
  const p = new Progress(cx.naming.flavour);
  const netError = ensureNetworks(cx, [s], p);
  if (netError) return { stdout: '', stderr: `${stderr}${p.text}${netError}\n`, exitCode: 1 };
  const base = `${cx.naming.project}${cx.naming.separator}${service}${cx.naming.separator}run`;
  const name = flagString(inv.flags, 'name') ?? `${base}${cx.naming.separator}${oneOffSuffix(cx, base)}`;
  const entrypoint = flagString(inv.flags, 'entrypoint');
  const created = createReplica(cx, {
    ...s,
    command: argv.length > 0 ? argv : s.command,
    entrypoint: entrypoint === undefined ? s.entrypoint : entrypoint === '' ? [] : [entrypoint],
    environment: [...s.environment, ...flagList(inv.flags, 'env')],
    // Ports are published only with --service-ports (or -p).
    ports: flagBool(inv.flags, 'service-ports') ? s.ports : flagList(inv.flags, 'publish'),
    containerName: null,
  }, 1, name, { oneOff: true, serviceAlias: flagBool(inv.flags, 'use-aliases'), autoRemove: flagBool(inv.flags, 'rm') });
  // The progress line names `<project>_<service>_run`, even with --name (real engine).
  if (!created.ok) {
    p.batch('Creating', [{ name: base, service, error: `Cannot create container for service ${service}: ${created.error.message}` }]);
    return { stdout: '', stderr: stderr + p.text, exitCode: 1 };
  }
  const c = created.value;
  p.batch('Creating', [{ name: base, service, error: null }]);
  stderr += p.text;
  const started = startContainer(cx.ctrl, c, cx.runOneShot);
  // main.py logs the OperationFailedError without a level prefix (stderr is no terminal),
  // after start_container's own warning for a port (real 1.29).
  if (!started.ok && !flagBool(inv.flags, 'detach')) {
    // Attached, Compose 1.29 starts the container with `docker start --attach`: the CLI's
    // daemon error, then the exit status Compose prints (real 1.29).
    return { stdout: '', stderr: `${stderr}Error response from daemon: ${started.error.message}\n1\n`, exitCode: 1 };
  }
  if (!started.ok) {
    const warn = started.error.message.includes('driver failed programming external connectivity') ? `${HOST_IN_USE}\n` : '';
    return { stdout: '', stderr: `${stderr}${warn}Cannot start service ${service}: ${started.error.message}\n`, exitCode: 1 };
  }
  if (flagBool(inv.flags, 'detach')) return { stdout: `${c.name}\n`, stderr, exitCode: 0 };
  // Attached: the command's output and exit code (a long-running command returns at once
  // here; Compose would stay attached).
  // (--rm: a container that exited is already gone, as `docker run --rm`.) A failed
  // command's exit status is printed as a line of its own, as for a failed start (real 1.29).
  const code = c.running ? 0 : c.exitCode;
  return { stdout: c.output('stdout'), stderr: stderr + c.output('stderr') + (code !== 0 ? `${code}\n` : ''), exitCode: code };
}

/** 12 hex characters standing for Compose's random suffix: a hash of the project, service and count. */
function oneOffSuffix(cx: ComposeContext, base: string): string {
  const taken = cx.ctrl.containers().filter((c) => c.name.startsWith(base)).length;
  return createHash('sha256').update(`${base}:${taken}`).digest('hex').slice(0, 12);
}

