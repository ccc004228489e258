// The Controller's CLI front: `docker …` / `docker-compose …` argv → CommandResult,
// through the shared command table (src/docker-cli) and the engine's verbs.
import type { CommandResult } from '../../backends/backend.js';
import { parseInvocation } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import { execEnvironment, type ExecProcess } from '../environment.js';
import { containerCommand, containerPrune } from './containers.js';
import { inspectCommand } from './inspect.js';
import { execInContainer } from '../exec/index.js';
import { networkCommand } from './networks.js';
import { done } from './result.js';
import { runOrCreate } from './run.js';
import { imagesCommand, pullCommand, tagCommand } from '../build/commands.js';
import { imagePruneCommand, rmiCommand } from '../build/remove.js';
import { historyCommand } from '../build/history.js';
import { volumeCommand } from '../volumes/commands.js';

/** How tools run inside a container; replaceable so the exec renderers can plug in. */
export type ToolRunner = (ctrl: Controller, c: Container, argv: string[], env: string[], proc?: ExecProcess) => CommandResult;

/** The in-container tools of src/engine/exec, run against this container's view of the world. */
export const defaultToolRunner: ToolRunner = (ctrl, c, argv, env, proc) => execInContainer(execEnvironment(ctrl, c, env, proc), argv);

/** `docker-compose …` / `docker compose …` and `docker build` (they read the scenario's folder), plugged in by src/engine/compose. */
export type ComposeHandler = (ctrl: Controller, inv: Invocation) => CommandResult;

export function runCli(ctrl: Controller, program: 'docker' | 'docker-compose', argv: string[], tools: ToolRunner = defaultToolRunner,
  compose?: ComposeHandler): CommandResult {
  const parsed = parseInvocation(program, argv);
  if (!parsed.ok) return done('', `${parsed.error.message}\n`, parsed.error.exitCode ?? 1);
  const inv = parsed.invocation;
  const oneShot = (c: Container, args: string[]): CommandResult => tools(ctrl, c, args, []);
  const [head] = inv.spec.path;
  if (program === 'docker-compose' || head === 'compose') {
    return compose ? compose(ctrl, inv) : done('', 'docker-compose: not supported by the simulator yet\n', 1);
  }
  switch (head) {
    case 'run':
    case 'create':
      return runOrCreate(ctrl, inv, head, oneShot);
    case 'network':
      return networkCommand(ctrl, inv);
    case 'version':
      return done('Client:\n Version:           20.10.24+dfsg1\n API version:       1.41\n\nServer:\n Engine:\n  Version:          20.10.24+dfsg1\n  API version:      1.41 (minimum version 1.12)\n');
    case 'images':
      return imagesCommand(ctrl, inv);
    case 'volume':
      return volumeCommand(ctrl, inv);
    case 'build':
      // The build context is the client's folder: the same per-scenario handler as compose.
      return compose ? compose(ctrl, inv) : done('', 'docker build: not supported without a scenario folder\n', 1);
    case 'container':
      return inv.spec.path[1] === 'inspect' ? inspectCommand(ctrl, inv, 'container') : containerPrune(ctrl, inv);
    case 'image':
      return inv.spec.path[1] === 'prune' ? imagePruneCommand(ctrl, inv) : inspectCommand(ctrl, inv, 'image');
    case 'pull':
      return pullCommand(inv);
    case 'tag':
      return tagCommand(ctrl, inv);
    case 'rmi':
      return rmiCommand(ctrl, inv);
    case 'history':
      return historyCommand(ctrl, inv);
    case 'info':
      return done('', `docker ${inv.spec.path.join(' ')}: not supported by the simulator yet\n`, 1);
    default:
      return containerCommand(ctrl, inv, oneShot, (c, args, env, proc) => tools(ctrl, c, args, env, proc));
  }
}
