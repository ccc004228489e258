// What a docker/docker-compose command will create or touch, read from its argv with the
// same flag table the simulator uses — for labelling, refusal and cleanup.
import { basename, dirname } from 'node:path';
import { flagBool, flagList, flagString, parseInvocation } from '../../docker-cli/parse.js';

export const RUN_LABEL = 'dnet-test.run';

export interface CommandEffects {
  /** 'run', 'network create', 'compose up' … ('' when argv does not parse: Docker will say why). */
  command: string;
  /** Names of containers/networks the command creates. */
  creates: { containers: string[]; networks: string[]; images: string[]; volumes: string[] };
  /** Containers/networks named as targets of a command that changes them. */
  touches: { containers: string[]; networks: string[] };
  /** Images the command may remove (`rmi`; `image prune` removes any): the engine's stand-ins must be put back. */
  removesImages: string[] | 'any';
  /** Moves daemon state that depends on history: the pool cursor (FACT 19), the random port cursor (FACT 69). */
  movesHistory: boolean;
  /** Compose project the command acts on. */
  composeProject: string | null;
  /**
   * Images the daemon would fetch from a registry: `pull`'s always, `run`/`create`'s when
   * not present locally (unless `--pull never`). On a shared engine that is traffic
   * beyond the machine, so the session refuses it (see DockerSession.refuseForeign).
   */
  pulls: { always: string[]; ifMissing: string[] };
  /** argv index right after the subcommand, where `--label` can be inserted (run/create/network create). */
  labelAt: number | null;
  /** The command a container will run, for the traffic check of a shared engine:
   *  `docker exec` (its container), `docker run` and compose's `run`/`exec` (no source known). */
  containerCommand: { source: string | null; argv: string[] } | null;
}

const CHANGES_CONTAINERS = new Set(['rm', 'stop', 'start', 'restart', 'kill', 'pause', 'unpause', 'rename', 'exec', 'wait']);

export function effectsOf(program: 'docker' | 'docker-compose', args: string[], cwd: string): CommandEffects {
  const none: CommandEffects = {
    command: '', creates: { containers: [], networks: [], images: [], volumes: [] },
    touches: { containers: [], networks: [] }, movesHistory: false, composeProject: null, labelAt: null,
    pulls: { always: [], ifMissing: [] }, containerCommand: null, removesImages: [],
  };
  const parsed = parseInvocation(program, args);
  if (!parsed.ok) return none;
  const { spec, flags, args: positionals, globals } = parsed.invocation;
  const path = spec.path;
  const isCompose = program === 'docker-compose' || path[0] === 'compose';
  const command = isCompose ? `compose ${path[path.length - 1]}` : path.join(' ');
  const fx: CommandEffects = { ...none, command, creates: { ...none.creates }, touches: { ...none.touches }, pulls: { always: [], ifMissing: [] } };
  const subcommandEnd = (): number | null => {
    const first = args.indexOf(path[0]);
    return first < 0 ? null : first + path.length;
  };

  if (isCompose) {
    const file = flagList(globals, 'file')[0];
    fx.composeProject = flagString(globals, 'project-name') ?? process.env.COMPOSE_PROJECT_NAME
      ?? composeProjectName(basename(file ? dirname(`${cwd}/${file}`) : cwd));
    // A compose file may publish ports and creates networks: assume it moved history.
    fx.movesHistory = ['up', 'create', 'start', 'restart', 'run'].includes(path[path.length - 1]);
    if (fx.command === 'compose run' || fx.command === 'compose exec') fx.containerCommand = { source: null, argv: positionals.slice(1) };
    // `--rmi all` removes the images services name (stand-ins too); `local` only those
    // Compose built.
    if (fx.command === 'compose down' && flagString(flags, 'rmi') === 'all') fx.removesImages = 'any';
    return fx;
  }
  switch (command) {
    case 'run':
    case 'create': {
      const name = flagString(flags, 'name');
      if (name) fx.creates.containers.push(name);
      const pull = flagString(flags, 'pull') ?? 'missing';
      if (positionals[0] !== undefined && pull !== 'never') (pull === 'always' ? fx.pulls.always : fx.pulls.ifMissing).push(positionals[0]);
      fx.movesHistory = flagList(flags, 'publish').length > 0 || flagBool(flags, 'publish-all');
      fx.labelAt = subcommandEnd();
      const entrypoint = flagString(flags, 'entrypoint');
      if (command === 'run') fx.containerCommand = { source: null, argv: [...(entrypoint ? [entrypoint] : []), ...positionals.slice(1)] };
      for (const v of flagList(flags, 'volume')) {
        const src = v.split(':')[0];
        if (v.includes(':') && src && !src.startsWith('/') && !src.startsWith('.')) fx.creates.volumes.push(src);
      }
      break;
    }
    case 'network create':
      fx.creates.networks.push(positionals[0]);
      fx.movesHistory = true;
      fx.labelAt = subcommandEnd();
      break;
    case 'network rm':
      fx.touches.networks.push(...positionals);
      break;
    case 'network connect':
    case 'network disconnect':
      fx.touches.networks.push(positionals[0]);
      fx.touches.containers.push(positionals[1]);
      break;
    case 'build':
      fx.creates.images.push(...flagList(flags, 'tag'));
      break;
    case 'tag':
      if (positionals[1] !== undefined) fx.creates.images.push(positionals[1]);
      break;
    case 'rmi':
      fx.removesImages = [...positionals];
      break;
    case 'image prune':
      fx.removesImages = 'any';
      break;
    case 'pull':
      if (positionals[0] !== undefined) fx.pulls.always.push(positionals[0]);
      break;
    case 'volume create': {
      const name = positionals[0] ?? flagString(flags, 'name');
      if (name) fx.creates.volumes.push(name);
      fx.labelAt = subcommandEnd();
      break;
    }
    default:
      if (CHANGES_CONTAINERS.has(command)) {
        // exec's and rename's later words are its command / the new name, not containers.
        fx.touches.containers.push(...(command === 'exec' || command === 'rename' ? positionals.slice(0, 1) : positionals));
      }
      if (command === 'exec') fx.containerCommand = { source: positionals[0] ?? null, argv: positionals.slice(1) };
  }
  return fx;
}

/** Compose v1 derives the project name from a folder name: lower case, only [a-z0-9_-]. */
export function composeProjectName(folder: string): string {
  return folder.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** argv with `--label dnet-test.run=ID` inserted after the subcommand. */
export function withRunLabel(args: string[], at: number, runId: string): string[] {
  return [...args.slice(0, at), '--label', `${RUN_LABEL}=${runId}`, ...args.slice(at)];
}
