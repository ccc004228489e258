// Container commands other than run/create: start, stop, restart, kill, rm, pause,
// unpause, rename, logs, port, ps, inspect, exec, wait (FACTS 14, 65, 71, 101–102).
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import * as E from '../errors.js';
import { fail, ok, type EngineError, type Result } from '../errors.js';
import { asUint64, parseSignal, validForPlatform } from '../signals.js';
import { inspectCommand } from './inspect.js';
import { portCommand, psTable } from '../format/tables.js';
import { killContainer, linkEnvironment, pauseContainer, removeContainer, startContainer, stopContainer, unpauseContainer, type OneShotRunner } from '../lifecycle.js';
import { containerView } from '../views.js';
import { intFlag } from './flag-values.js';
import { daemonFailure, done } from './result.js';
import { execProcess, type ExecProcess } from '../environment.js';
import { pruneFilter } from '../prune-filters.js';

export type ExecRunner = (c: Container, argv: string[], env: string[], proc: ExecProcess) => CommandResult;

/**
 * stop/restart -t with a negative number: moby's containerStop sets no deadline and waits
 * for the stop signal to end the container, which the stand-ins' PID 1 ignores, so the
 * real engine never returns (20.10: `docker stop -t -1` of a running busybox). A deadline
 * of any length is simulated as over at once (time does not pass).
 */
function waitsForever(ctrl: Controller, refs: readonly string[], seconds: number | undefined, verb: string): CommandResult | null {
  if (seconds === undefined || seconds >= 0) return null;
  const running = refs.find((ref) => ctrl.findContainer(ref)?.running);
  return running === undefined ? null
    : done('', `dnet-test: docker ${verb} -t ${seconds} waits for ${running} to end on its stop signal, which its PID 1 ignores: the engine would never return; not simulated\n`, 1);
}

/** Runs `action` on every named container; `Error: No such container` is the client's wording for some verbs. */
function eachContainer(ctrl: Controller, refs: readonly string[], action: (c: Container) => Result<void>,
  clientNotFound: boolean, failedSummary: string | null, prefix: (ref: string) => string = () => ''): CommandResult {
  let stdout = '';
  let stderr = '';
  const failed: string[] = [];
  for (const ref of refs) {
    const c = ctrl.findContainer(ref);
    let error: EngineError | null = null;
    if (!c) error = clientNotFound ? { kind: 'not-found', daemon: false, message: `Error: No such container: ${ref}` } : E.ErrNoSuchContainer(ref);
    else {
      const r = action(c);
      if (!r.ok) error = r.error;
    }
    if (error) {
      stderr += daemonFailure({ ...error, message: prefix(ref) + error.message }).stderr;
      failed.push(ref);
    } else stdout += `${ref}\n`;
  }
  if (failed.length > 0 && failedSummary) stderr += `Error: failed to ${failedSummary} containers: ${failed.join(', ')}\n`;
  return done(stdout, stderr, failed.length > 0 ? 1 : 0);
}

export function containerCommand(ctrl: Controller, inv: Invocation, runOneShot: OneShotRunner, exec: ExecRunner): CommandResult {
  const f = inv.flags;
  const verb = inv.spec.path[0];
  switch (verb) {
    case 'start': {
      if (!flagBool(f, 'attach')) return eachContainer(ctrl, inv.args, (c) => startContainer(ctrl, c, runOneShot), false, 'start');
      // -a: the client attaches to one container and prints what this run writes, ending
      // with its exit code, as an attached `docker run` does.
      if (inv.args.length > 1) return done('', 'you cannot start and attach multiple containers at once\n', 1);
      const c = ctrl.findContainer(inv.args[0]);
      if (!c) return done('', `Error: No such container: ${inv.args[0]}\n`, 1);
      const before = c.logs.length;
      const started = c.running ? ok(undefined) : startContainer(ctrl, c, runOneShot);
      if (!started.ok) return daemonFailure(started.error);
      const written = (stream: 'stdout' | 'stderr') => c.logs.slice(before).filter((l) => l.stream === stream).map((l) => l.text).join('');
      return done(written('stdout'), written('stderr'), c.running ? 0 : c.exitCode);
    }
    case 'stop':
    case 'restart': {
      const seconds = intFlag(inv, 't,time', verb);
      if (typeof seconds === 'object') return seconds;
      const forever = waitsForever(ctrl, inv.args, seconds, verb);
      if (forever) return forever;
      if (verb === 'stop') return eachContainer(ctrl, inv.args, (c) => stopContainer(ctrl, c), false, null);
      return eachContainer(ctrl, inv.args, (c) => {
        stopContainer(ctrl, c);
        const started = startContainer(ctrl, c, runOneShot);
        return started.ok ? started : { ok: false, error: { ...started.error, message: `Cannot restart container ${c.name}: ${started.error.message}` } };
      }, false, null);
    }
    case 'kill': {
      // The route parses the signal before it looks for the container: a bad one is
      // refused for every name, unwrapped; a number Linux has no name for is refused by
      // ContainerKill, wrapped as its other errors are.
      const raw = flagString(f, 'signal') ?? 'KILL';
      const signal = raw === '' ? 9n : parseSignal(raw);
      if (signal === null) return done('', daemonFailure(E.ErrInvalidSignal(raw)).stderr.repeat(inv.args.length), 1);
      return eachContainer(ctrl, inv.args, (c) => (validForPlatform(signal)
        ? killContainer(ctrl, c, signal) : fail(E.ErrUnsupportedSignal(asUint64(signal)))), false, null,
      (ref) => `Cannot kill container: ${ref}: `);
    }
    case 'rm':
      // -v: the container's anonymous volumes go with it; named ones stay.
      return eachContainer(ctrl, inv.args, (c) => removeContainer(ctrl, c, flagBool(f, 'force'), flagBool(f, 'volumes')), true, null);
    case 'pause':
      return eachContainer(ctrl, inv.args, pauseContainer, false, null);
    case 'unpause':
      return eachContainer(ctrl, inv.args, unpauseContainer, false, null);
    case 'wait': {
      const r = eachContainer(ctrl, inv.args, () => ({ ok: true, value: undefined }), false, null);
      const codes = inv.args.map((ref) => ctrl.findContainer(ref)).filter((c): c is Container => !!c).map((c) => `${c.exitCode}\n`);
      return done(codes.join(''), r.stderr, r.exitCode);
    }
    case 'rename': {
      // The client trims both names and refuses empty ones itself.
      if (inv.args[0].trim() === '' || inv.args[1].trim() === '') return done('', 'Error: Neither old nor new names may be empty\n', 1);
      // A refusal is printed, then the client's own line (docker/cli runRename, 20.10).
      const oldName = inv.args[0].trim();
      const refused = (error: EngineError): CommandResult => {
        const r = daemonFailure(error);
        return { ...r, stderr: `${r.stderr}Error: failed to rename container named ${oldName}\n` };
      };
      const c = ctrl.findContainer(oldName);
      if (!c) return refused(E.ErrNoSuchContainer(inv.args[0]));
      const r = ctrl.renameContainer(c, inv.args[1].trim());
      return r.ok ? done() : refused(r.error);
    }
    case 'logs': {
      const c = ctrl.findContainer(inv.args[0]);
      if (!c) return done('', `Error: No such container: ${inv.args[0]}\n`, 1);
      // --tail N: the last N lines of the log, whichever stream each came on ("all", a
      // negative number or one the daemon cannot parse: everything). A one-shot command's
      // two streams are kept apart, so their interleaving is the simulator's.
      const tail = flagString(f, 'tail');
      const n = tail !== undefined && /^\d+$/.test(tail) ? Number(tail) : -1;
      if (n < 0) return done(c.output('stdout'), c.output('stderr'));
      const lines = n === 0 ? [] : c.logLines().slice(-n);
      return done(lines.filter((l) => l.stream === 'stdout').map((l) => l.text).join(''), lines.filter((l) => l.stream === 'stderr').map((l) => l.text).join(''));
    }
    case 'port': {
      const c = ctrl.findContainer(inv.args[0]);
      if (!c) return done('', `Error: No such container: ${inv.args[0]}\n`, 1);
      return portCommand(containerView(ctrl, c), inv.args[0], inv.args[1] ?? null);
    }
    case 'ps': {
      // -n is an int flag of the client. An explicit -n wins over -l (the client sets 1
      // only when -n is left at -1); 0 or a negative one lists every container.
      const n = intFlag(inv, 'n,last', 'ps');
      if (typeof n === 'object') return n;
      const last = n !== undefined ? n : flagBool(f, 'latest') ? 1 : -1;
      return psTable(ctrl.containers().map((c) => containerView(ctrl, c)), {
        all: flagBool(f, 'all'), quiet: flagBool(f, 'quiet'), noTrunc: flagBool(f, 'no-trunc'), format: flagString(f, 'format') ?? null,
        filters: flagList(f, 'filter'), last,
      });
    }
    case 'inspect':
      return inspectCommand(ctrl, inv);
    case 'exec': {
      const [ref, ...argv] = inv.args;
      const c = ctrl.findContainer(ref);
      if (!c) return done('', `Error: No such container: ${ref}\n`, 1);
      if (!c.running) return daemonFailure(E.ErrNotRunning(c.id));
      if (c.status === 'paused') {
        return daemonFailure({ kind: 'conflict', daemon: true, message: `Container ${ref} is paused, unpause the container before exec` });
      }
      // The daemon sets the links' variables up again for every exec (a stopped target fails it).
      const linkEnv = linkEnvironment(ctrl, c);
      if (!linkEnv.ok) return daemonFailure(linkEnv.error);
      c.linkEnv = linkEnv.value;
      const proc = execProcess(ctrl, c, flagString(f, 'user'), flagString(f, 'workdir'));
      if ('failure' in proc) return proc.failure;
      // `-e NAME` takes the client's own NAME, which a scenario's client has not got: the
      // bare name reaches no process (real 20.10: `exec -e B C env` lists no B).
      const out = exec(c, argv, flagList(f, 'env').filter((e) => e.includes('=')), proc);
      return flagBool(f, 'detach') ? done() : out;
    }
    default:
      return done('', `docker ${verb}: not supported by the simulator\n`, 1);
  }
}

/**
 * `docker container prune`: removes every container that is not running (paused ones
 * are; moby ContainersPrune), newest first as the daemon lists them, with the label and
 * until filters of `network prune`. Without -f the client asks, reads EOF (no), removes
 * nothing and still prints the total.
 */
export function containerPrune(ctrl: Controller, inv: Invocation): CommandResult {
  // The client prints the total even when the answer was no (cli/command/container/prune.go).
  if (!flagBool(inv.flags, 'force')) return done('WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n');
  const keep = pruneFilter(flagList(inv.flags, 'filter'), ctrl.clock.nowMs(), 'container prune');
  if (typeof keep !== 'function') return keep;
  const removed: string[] = [];
  for (const c of ctrl.containers().reverse()) {
    if (c.running || !keep({ labels: c.config.labels, created: c.created })) continue;
    if (removeContainer(ctrl, c, false).ok) removed.push(c.id);
  }
  // The reclaimed space is the containers' writable layers: nothing the simulator's
  // containers write counts there (their files are in volumes or not kept), so 0B.
  const list = removed.length > 0 ? `Deleted Containers:\n${removed.map((id) => `${id}\n`).join('')}\n` : '';
  return done(`${list}Total reclaimed space: 0B\n`);
}
