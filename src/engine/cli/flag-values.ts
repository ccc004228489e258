// The docker client's typed flags: pflag parses a value while it reads the command line
// and refuses a bad one there (`invalid argument "V" for "-t, --time" flag: …`, no
// "docker: " prefix, exit 125), before anything reaches the daemon.
import type { CommandResult } from '../../backends/backend.js';
import { flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { goParseInt } from '../go-strconv.js';
import { done } from './result.js';

/** `label` is the flag as pflag names it: `t,time` (a shorthand) or `time`. */
export function flagValueFailure(command: string, value: string, label: string, why: string): CommandResult {
  const name = /^.,/.test(label) ? label.replace(/^(.),/, '-$1, --') : `--${label}`;
  return done('', `invalid argument "${value}" for "${name}" flag: ${why}\nSee 'docker ${command} --help'.\n`, 125);
}

/** An int flag (pflag IntVar: strconv.ParseInt(v, 0, 64)): its value, undefined when not given, or the refusal. */
export function intFlag(inv: Invocation, label: string, command: string): number | undefined | CommandResult {
  const raw = flagString(inv.flags, label.replace(/^.,/, ''));
  if (raw === undefined) return undefined;
  const n = goParseInt(raw);
  return typeof n === 'string' ? flagValueFailure(command, raw, label, n) : n;
}
