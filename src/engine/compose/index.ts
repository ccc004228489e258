// `docker-compose …` (Compose v1 naming and texts) and `docker compose …` (v2) on the
// simulator, plus `docker build`: the commands that read the scenario's folder. The
// handler is made per scenario (its inline files, its folder) and plugged into the CLI
// front (src/engine/cli/index.ts, ComposeHandler).
//
// On the real engine of this machine only v1 exists: `docker compose` fails there with
// "docker: 'compose' is not a docker command." (FACT 104); the simulator models v2 as
// Compose v2 behaves.
import { posix } from 'node:path';
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { buildCommand } from '../build/commands.js';
import { workspaceOf, type Workspace } from '../build/workspace.js';
import { defaultToolRunner, type ComposeHandler } from '../cli/index.js';
import type { Controller } from '../controller.js';
import type { ComposeContext } from './context.js';
import { composeDown, composeRestart, composeStart, composeStop } from './down.js';
import { loadComposeFiles, type LoadedFile } from './file.js';
import { Naming, projectName, type Flavour, COMPOSE_VERSION } from './naming.js';
import { activeProfiles, configPaths, readEnvironment, type Environment } from './environment.js';
import { composePs } from './ps.js';
import { composeRun } from './run.js';
import { checkProject } from './schema.js';
import { composeConfig } from './config.js';
import { composeExec, composeLogs, composePort, composeRm, composeSignal } from './service-commands.js';
import { composeUp } from './up.js';

const failure = (text: string): CommandResult => ({ stdout: '', stderr: `${text.replace(/\n$/, '')}\n`, exitCode: 1 });

function parseScale(values: string[]): Map<string, number> | string {
  const out = new Map<string, number>();
  for (const v of values) {
    const m = /^([^=]+)=(\d+)$/.exec(v);
    if (!m) return `Invalid scale value: ${v}`;
    out.set(m[1], Number(m[2]));
  }
  return out;
}

export function composeCommand(ctrl: Controller, inv: Invocation, cwd: Workspace): CommandResult {
  const flavour: Flavour = inv.spec.program === 'docker-compose' ? 'v1' : 'v2';
  const verb = inv.spec.path[inv.spec.path.length - 1];
  if (verb === 'version') {
    return { stdout: flavour === 'v1' ? `docker-compose version ${COMPOSE_VERSION.v1}, build unknown\n` : `Docker Compose version v${COMPOSE_VERSION.v2}\n`, stderr: '', exitCode: 0 };
  }
  const read = readEnvironment(cwd, { files: flagList(inv.globals, 'file'), envFile: flagString(inv.globals, 'env-file'),
    projectDirectory: flagString(inv.globals, 'project-directory'), command: verb });
  if ('message' in read) return failure(read.message);
  const { env, overrideDir } = read;
  const loaded = loadComposeFiles(cwd, configPaths(env, flagList(inv.globals, 'file')), env, overrideDir);
  const result = 'message' in loaded ? failure(loaded.message) : projectCommand(ctrl, inv, cwd, loaded, env, flavour, verb);
  // What reading the environment and the files logged (an unset variable, once) comes first.
  const logged = env.warnings.map((w) => `${w}\n`).join('');
  return logged === '' ? result : { ...result, stderr: logged + result.stderr };
}

function projectCommand(ctrl: Controller, inv: Invocation, cwd: Workspace, loaded: LoadedFile, env: Environment, flavour: Flavour, verb: string): CommandResult {
  const checked = checkProject(loaded);
  if ('message' in checked) return failure(checked.message);
  // A service with profiles is part of the project only when one of them is active, or
  // when the command names it (Compose 1.28+ profiles).
  const active = activeProfiles(env, flagList(inv.globals, 'profile'));
  const project = { ...checked, services: checked.services.filter((s) => s.profiles.length === 0
    || s.profiles.some((p) => active.includes(p)) || (verb === 'up' && inv.args.includes(s.name)) || (verb === 'run' && inv.args[0] === s.name)) };
  const projectDir = loaded.projectDir ?? posix.dirname(loaded.path);
  const naming = new Naming(flavour, projectName(flavour, flagString(inv.globals, 'project-name') ?? env.setting('COMPOSE_PROJECT_NAME'), posix.resolve(cwd.dir, projectDir)));
  const cx: ComposeContext = { ctrl, cwd, project, naming, runOneShot: (c, argv) => defaultToolRunner(ctrl, c, argv, []),
    projectDir };
  const f = inv.flags;
  switch (verb) {
    case 'up': {
      const scale = parseScale(flagList(f, 'scale'));
      if (typeof scale === 'string') return failure(scale);
      // Without -d Compose would stay attached to the logs; the simulator returns at once.
      if (flagBool(f, 'force-recreate') && flagBool(f, 'no-recreate')) {
        return { stdout: '', stderr: '--force-recreate and --no-recreate cannot be combined.\n', exitCode: 1 };
      }
      const recreate = flagBool(f, 'force-recreate') ? 'always' : flagBool(f, 'no-recreate') ? 'never' : 'diverged';
      return composeUp(cx, { detach: flagBool(f, 'detach'), noStart: flagBool(f, 'no-start'), build: flagBool(f, 'build'), scale, services: inv.args, noDeps: flagBool(f, 'no-deps'), removeOrphans: flagBool(f, 'remove-orphans'), recreate });
    }
    case 'down': {
      // main.py reads --rmi before anything is stopped (image_type_from_opt).
      const rmi = flagString(f, 'rmi') ?? 'none';
      if (rmi !== 'none' && rmi !== 'local' && rmi !== 'all') return failure('--rmi flag must be one of: all, local');
      if (rmi !== 'none' && flavour !== 'v1') return failure('docker compose down --rmi: not supported by the simulator');
      return composeDown(cx, flagBool(f, 'volumes'), rmi, flagBool(f, 'remove-orphans'));
    }
    case 'stop':
      return composeStop(cx, inv.args);
    case 'start':
      return composeStart(cx, inv.args);
    case 'restart':
      return composeRestart(cx, inv.args);
    case 'exec':
      return composeExec(cx, inv);
    case 'run':
      return composeRun(cx, inv);
    case 'logs':
      // v2 prints other prefixes (`NAME-1  | `); only v1's were seen on this machine.
      return flavour === 'v1' ? composeLogs(cx, inv) : failure(`docker compose logs: not supported by the simulator`);
    case 'port':
      return composePort(cx, inv);
    case 'rm':
      return composeRm(cx, inv);
    case 'kill':
    case 'pause':
    case 'unpause':
      // v2's texts were not recorded here (the 20.10 client has no compose plugin).
      return flavour === 'v1' ? composeSignal(cx, inv, verb) : failure(`docker compose ${verb}: not supported by the simulator`);
    case 'ps':
      return composePs(cx, { quiet: flagBool(f, 'quiet'), services: flagBool(f, 'services'), all: flagBool(f, 'all'), only: inv.args });
    case 'config':
      return flavour === 'v1' ? composeConfig(cx, loaded.data as Record<string, unknown>, checked.services, f) : failure('docker compose config: not supported by the simulator');
    default:
      return failure(`${flavour === 'v1' ? 'docker-compose' : 'docker compose'} ${verb}: not supported by the simulator`);
  }
}

/** The per-scenario handler of compose and build commands. */
export function composeHandler(context: { baseDir: string; files: ReadonlyMap<string, string> }): ComposeHandler {
  // Made at the first compose or build command: most scenarios have none, and every
  // scenario opens a handler (a path resolve and a map of its inline files each).
  // The context does not change during the scenario, so the workspace is the same.
  let workspace: Workspace | null = null;
  return (ctrl, inv) => {
    const cwd = (workspace ??= workspaceOf(context));
    return inv.spec.program === 'docker' && inv.spec.path[0] === 'build' ? buildCommand(ctrl, inv, cwd) : composeCommand(ctrl, inv, cwd);
  };
}
