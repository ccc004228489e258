// Compose 1.29's Environment (compose/config/environment.py, compose/cli/command.py): the
// variables one command substitutes into the files, and the COMPOSE_* settings read from
// them. They come from the env file: `--env-file` (relative to the working folder; an error
// when missing), else `.env` in `--project-directory` or the first `-f` file's folder, else
// in the working folder. The simulator has no shell environment to lay over them (the
// docker backend's Compose also sees the one it was started in).
import { posix } from 'node:path';
import type { Workspace } from '../build/workspace.js';
import { parseDotenv } from './dotenv.js';
import type { ComposeError } from './file.js';

/** The commands whose missing variables are not reported (command.py SILENT_COMMANDS). */
const SILENT_COMMANDS = new Set(['events', 'exec', 'kill', 'logs', 'pause', 'ps', 'restart', 'rm', 'start', 'stop', 'top', 'unpause']);

export interface EnvironmentOptions {
  /** `-f` files, in order. */
  files: readonly string[];
  envFile: string | undefined;
  projectDirectory: string | undefined;
  /** The subcommand: some report no missing variables. */
  command: string;
}

export class Environment {
  /** What reading the env file logged, and then each missing variable once. */
  readonly warnings: string[];
  private readonly missing = new Set<string>();

  constructor(private readonly values: ReadonlyMap<string, string | null>, warnings: string[], private readonly silent: boolean) {
    this.warnings = warnings;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The value as stored: a bare `KEY` line is null, an unknown name undefined. */
  raw(name: string): string | null | undefined {
    return this.values.get(name);
  }

  /** `$NAME` (Environment.__getitem__): a missing name is '' and warns once; a bare KEY
   *  substitutes as Python formats None. */
  substitute(name: string): string {
    const value = this.values.get(name);
    if (value === null) return 'None';
    if (value !== undefined) return value;
    if (!this.silent && !this.missing.has(name)) {
      this.missing.add(name);
      this.warnings.push(`The ${name} variable is not set. Defaulting to a blank string.`);
    }
    return '';
  }

  /** A COMPOSE_* setting: its value when set and not empty. */
  setting(name: string): string | undefined {
    return this.values.get(name) || undefined;
  }
}

/** The command's environment and where it was read: its folder (`--project-directory` or
 *  the first -f's), null when neither is given. */
export function readEnvironment(cwd: Workspace, opts: EnvironmentOptions): { env: Environment; overrideDir: string | null } | ComposeError {
  const overrideDir = opts.projectDirectory ?? (opts.files.length > 0 ? posix.dirname(opts.files[0]) : null);
  const path = opts.envFile ?? posix.join(overrideDir ?? '.', '.env');
  const text = cwd.read(path);
  if (text === null && opts.envFile !== undefined) return { message: `Couldn't find env file: ${posix.resolve(cwd.dir, opts.envFile)}` };
  const { entries, warnings } = text === null ? { entries: [], warnings: [] } : parseDotenv(text);
  return { env: new Environment(new Map(entries), warnings, SILENT_COMMANDS.has(opts.command)), overrideDir };
}

/** The files to read: -f, else COMPOSE_FILE split at COMPOSE_PATH_SEPARATOR (':' here). */
export function configPaths(env: Environment, files: readonly string[]): readonly string[] {
  if (files.length > 0) return files;
  const listed = env.setting('COMPOSE_FILE');
  return listed === undefined ? [] : listed.split(env.setting('COMPOSE_PATH_SEPARATOR') ?? ':');
}

/** The active profiles: --profile, else COMPOSE_PROFILES split at ','. */
export function activeProfiles(env: Environment, given: readonly string[]): readonly string[] {
  if (given.length > 0) return given;
  return env.setting('COMPOSE_PROFILES')?.split(',') ?? [];
}
