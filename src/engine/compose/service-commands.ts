// `exec`, `port` and `rm` on a project's services (texts recorded from Compose 1.29 on
// this machine's engine).
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { defaultToolRunner } from '../cli/index.js';
import { removeContainer } from '../lifecycle.js';
import { projectContainers, LABEL, type ComposeContext } from './context.js';
import { Progress } from './progress.js';

const done = (stdout = '', stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

/** `exec [-T] SERVICE CMD…`: v1 allocates a terminal unless -T, which a scenario has not got. */
export function composeExec(cx: ComposeContext, inv: Invocation): CommandResult {
  const [service, ...argv] = inv.args;
  if (!cx.project.services.some((s) => s.name === service)) return done('', `No such service: ${service}\n`, 1);
  const index = Number(flagString(inv.flags, 'index') ?? '1');
  const c = projectContainers(cx, service).find((x) => Number(x.config.labels[LABEL.number]) === index);
  if (!c || !c.running) return done('', `Service ${service} is not running\n`, 1);
  if (cx.naming.flavour === 'v1' && !flagBool(inv.flags, 'no-TTY')) return done('', 'the input device is not a TTY\n', 1);
  return defaultToolRunner(cx.ctrl, c, argv, flagList(inv.flags, 'env'));
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

/** `rm -f [SERVICE…]`: the stopped containers only. */
export function composeRm(cx: ComposeContext, inv: Invocation): CommandResult {
  const stopped = projectContainers(cx).filter((c) => !c.running && (inv.args.length === 0 || inv.args.includes(c.config.labels[LABEL.service])));
  if (stopped.length === 0) return done('', 'No stopped containers\n');
  if (!flagBool(inv.flags, 'force')) return done(`Going to remove ${stopped.map((c) => c.name).join(', ')}\nAre you sure? [yN] `, '', 1);
  const p = new Progress(cx.naming.flavour);
  for (const c of stopped) {
    removeContainer(cx.ctrl, c, true);
    cx.ctrl.volumes.forget(c.id, flagBool(inv.flags, 'volumes'), (id) => cx.ctrl.containerById(id) !== undefined);
  }
  p.batch('Removing', stopped.map((c) => ({ name: c.name, error: null })));
  return done(`Going to remove ${stopped.map((c) => c.name).join(', ')}\n`, p.text);
}
