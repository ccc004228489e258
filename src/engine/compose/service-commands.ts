// `exec`, `port`, `rm`, `kill`, `pause` and `unpause` on a project's services (texts recorded from Compose 1.29 on
// this machine's engine).
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { defaultToolRunner } from '../cli/index.js';
import { execProcess } from '../environment.js';
import type { Container } from '../container.js';
import * as E from '../errors.js';
import { fail, type Result } from '../errors.js';
import { parseSignal } from '../signals.js';
import { killContainer, pauseContainer, removeContainer, unpauseContainer } from '../lifecycle.js';
import { composeStop } from './down.js';
import { isOneOff, newestFirst, projectContainers, servicesContainers, LABEL, type ComposeContext } from './context.js';
import { Progress, type Verb } from './progress.js';

const done = (stdout = '', stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

/** validate_service_names: the first name the file has no service of, as Compose refuses it. */
function unknownService(cx: ComposeContext, names: readonly string[]): CommandResult | null {
  const missing = names.find((s) => !cx.project.services.some((x) => x.name === s));
  return missing === undefined ? null : done('', `No such service: ${missing}\n`, 1);
}

/** `exec [-T] SERVICE CMD…`: v1 allocates a terminal unless -T, which a scenario has not got. */
export function composeExec(cx: ComposeContext, inv: Invocation): CommandResult {
  const [service, ...argv] = inv.args;
  if (!cx.project.services.some((s) => s.name === service)) return done('', `No such service: ${service}\n`, 1);
  const index = Number(flagString(inv.flags, 'index') ?? '1');
  const c = projectContainers(cx, service).find((x) => Number(x.config.labels[LABEL.number]) === index);
  if (!c || !c.running) return done('', `Service ${service} is not running\n`, 1);
  if (cx.naming.flavour === 'v1' && !flagBool(inv.flags, 'no-TTY')) return done('', 'the input device is not a TTY\n', 1);
  const proc = execProcess(cx.ctrl, c, flagString(inv.flags, 'user'), flagString(inv.flags, 'workdir'));
  if ('failure' in proc) return proc.failure;
  return defaultToolRunner(cx.ctrl, c, argv, flagList(inv.flags, 'env'), proc);
}

/** `port SERVICE PRIVATE_PORT`: the first binding, `IP:PORT`. */
export function composePort(cx: ComposeContext, inv: Invocation): CommandResult {
  const [service, port] = inv.args;
  const proto = flagString(inv.flags, 'protocol') ?? 'tcp';
  const index = Number(flagString(inv.flags, 'index') ?? '1');
  const c = projectContainers(cx, service).find((x) => Number(x.config.labels[LABEL.number]) === index);
  if (!c) return done('', `No container found for ${service}_${index}\n`, 1);
  const binding = c.bindings.get(`${port}/${proto}`)?.[0];
  return done(binding ? `${binding.hostIp}:${binding.hostPort}\n` : '\n');
}

/**
 * `rm [-f] [-s] [SERVICE…]`: the stopped containers, one-off ones too, newest first as the
 * daemon lists them; -s stops the running ones first (real 1.29).
 */
export function composeRm(cx: ComposeContext, inv: Invocation): CommandResult {
  const p = new Progress(cx.naming.flavour);
  if (flagBool(inv.flags, 'stop')) p.text += composeStop(cx, inv.args, true).stderr;
  const stopped = servicesContainers(cx, inv.args).filter((c) => !c.running).sort(newestFirst);
  if (stopped.length === 0) return done('No stopped containers\n', p.text);
  if (!flagBool(inv.flags, 'force')) return done(`Going to remove ${stopped.map((c) => c.name).join(', ')}\nAre you sure? [yN] `, p.text, 1);
  for (const c of stopped) removeContainer(cx.ctrl, c, true, flagBool(inv.flags, 'volumes'));
  p.batch('Removing', stopped.map((c) => ({ name: c.name, error: null })));
  return done(`Going to remove ${stopped.map((c) => c.name).join(', ')}\n`, p.text);
}

// Compose v1's log colours, in the order containers get them (compose/cli/colors.py rainbow()).
const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];

/**
 * `logs [--no-color] [--tail N] [SERVICE…]` (v1): `Attaching to` the containers by name,
 * then each one's lines behind `NAME_N  |`, coloured even without a terminal (real
 * engine). Compose interleaves the containers as the lines arrive; here each container's
 * lines come together, in the order of the attach line.
 */
export function composeLogs(cx: ComposeContext, inv: Invocation): CommandResult {
  const unknown = unknownService(cx, inv.args);
  if (unknown) return unknown;
  const containers = projectContainers(cx).filter((c) => inv.args.length === 0 || inv.args.includes(c.config.labels[LABEL.service]))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const color = !flagBool(inv.flags, 'no-color');
  const tail = flagString(inv.flags, 'tail');
  const label = (c: (typeof containers)[number]): string => (c.name.startsWith(`${cx.naming.project}${cx.naming.separator}`)
    ? c.name.slice(cx.naming.project.length + 1) : c.name);
  const width = Math.max(0, ...containers.map((c) => label(c).length)) + 2;
  let out = `Attaching to ${containers.map((c) => c.name).join(', ')}\n`;
  containers.forEach((c, i) => {
    const prefix = label(c).padEnd(width) + '|';
    const shown = color ? `\u001b[${RAINBOW[i % RAINBOW.length]}m${prefix}\u001b[0m` : prefix;
    let lines = c.logs.map((l) => l.text).join('').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (tail !== undefined && tail !== 'all') lines = lines.slice(Math.max(0, lines.length - Number(tail)));
    for (const line of lines) out += `${shown} ${line}\n`;
  });
  return done(out);
}

/**
 * `kill [-s SIGNAL]`, `pause`, `unpause` [SERVICE…] (v1's project.py): the project's
 * running containers (paused ones too, as `docker ps` lists them), newest first as the
 * daemon lists them, `pause` in reverse; one-off containers are left alone. One parallel
 * batch: a container the daemon refuses ends in `error` with the daemon's reason, and the
 * command still exits 0 (real 1.29: `unpause` with one container not paused). With no
 * container, `kill` says nothing; `pause` and `unpause` exit 1 (exit_if, which prints `1`).
 */
export function composeSignal(cx: ComposeContext, inv: Invocation, verb: 'kill' | 'pause' | 'unpause'): CommandResult {
  const unknown = unknownService(cx, inv.args);
  if (unknown) return unknown;
  const running = servicesContainers(cx, inv.args).filter((c) => c.running && !isOneOff(c)).sort(newestFirst);
  const raw = flagString(inv.flags, 'signal') ?? 'SIGKILL';
  const signal = parseSignal(raw);
  const kill = (c: Container): Result<void> => (signal === null ? fail(E.ErrInvalidSignal(raw)) : killContainer(cx.ctrl, c, signal));
  const [label, act]: [Verb, (c: Container) => Result<void>] = verb === 'kill' ? ['Killing', kill]
    : verb === 'pause' ? ['Pausing', pauseContainer] : ['Unpausing', unpauseContainer];
  const order = verb === 'pause' ? running.reverse() : running;
  const p = new Progress(cx.naming.flavour);
  p.batch(label, order.map((c) => {
    const r = act(c);
    return { name: c.name, error: r.ok ? null : r.error.message };
  }));
  if (order.length === 0 && verb !== 'kill') return done('', `No containers to ${verb}\n1\n`, 1);
  return done('', p.text);
}
