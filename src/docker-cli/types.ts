// The Docker CLI surface that dnet-test understands, as data: which subcommands exist
// and which flags each takes. One table serves two users:
//   - the language checks (src/language/checks): unknown subcommand/flag → diagnostic
//     with "did you mean …?", before anything runs;
//   - the simulator: turns argv into a typed invocation, as the docker client's flag
//     parser (spf13/pflag) would.

export interface FlagSpec {
  /** Long name without dashes: 'network'. */
  name: string;
  /** Other long names meaning the same flag: ['net'] for --network. */
  aliases?: string[];
  /** One-letter short form: 'd' for -d. */
  short?: string;
  /** 'bool' flags take no value; 'string' takes one (repeatable when `repeated`). */
  kind: 'bool' | 'string';
  repeated?: boolean;
}

export interface CommandSpec {
  /** 'docker' or 'docker-compose'. */
  program: 'docker' | 'docker-compose';
  /** Subcommand path: ['network', 'create'], ['run']. */
  path: string[];
  flags: FlagSpec[];
  /**
   * Flags stop at the first positional (docker run IMAGE CMD…: what follows the image
   * belongs to the container's command), as pflag's SetInterspersed(false).
   */
  stopAtFirstPositional?: boolean;
  /** Number of positionals required at least. */
  minArgs: number;
  /** Largest number of positionals allowed (undefined: any). */
  maxArgs?: number;
  /** The usage line Docker prints: 'docker network create [OPTIONS] NETWORK'. */
  usage: string;
  /** A management command's top-level twin (`docker container ls` is `docker ps`): the
   *  path the engine handles; parseInvocation hands it over in place of `path`. */
  dispatch?: string[];
}

/** A parsed invocation. Flag values keyed by the flag's canonical `name`. */
export interface Invocation {
  spec: CommandSpec;
  /** bool flags: ['true']; string flags: every value given, in order. */
  flags: ReadonlyMap<string, readonly string[]>;
  args: readonly string[];
  /** Global flags before the subcommand (docker-compose -f/-p, docker -H …). */
  globals: ReadonlyMap<string, readonly string[]>;
}

/** Why argv could not be parsed; `argIndex` points at the offending word of argv. */
export interface InvocationError {
  kind: 'unknown-command' | 'unknown-flag' | 'missing-value' | 'arg-count';
  message: string;
  argIndex: number;
  /** For unknown names: the closest known one ("did you mean …?"). */
  suggestion?: string;
  /** The exit status the docker client gives for this error (125 for run/create flag errors, else 1). */
  exitCode?: number;
  /** unknown-command: the command whose subcommand is unknown (`docker-compose`, `docker network`). */
  command?: string;
}

export type ParseResult = { ok: true; invocation: Invocation } | { ok: false; error: InvocationError };
