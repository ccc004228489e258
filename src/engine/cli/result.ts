// How engine failures read on the terminal: the docker client's prefixes and hints.
import type { CommandResult } from '../../backends/backend.js';
import type { EngineError } from '../errors.js';

export const done = (stdout = '', stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

/** A plain command's failure: `Error response from daemon: …` (or the client's text), exit 1. */
export function daemonFailure(error: EngineError, stdout = ''): CommandResult {
  return done(stdout, `${error.daemon ? 'Error response from daemon: ' : ''}${error.message}\n`, 1);
}

/**
 * `docker run`/`create` failures: `docker: … .` + `See 'docker run --help'.`, exit 125 —
 * except a daemon's refusal of `docker create`, which the client returns as it came
 * (runCreate wraps only its own checks in StatusError 125; real 20.10:
 * `Error response from daemon: invalid restart policy 'bogus'`, exit 1).
 */
export function runFailure(verb: 'run' | 'create', error: EngineError, stdout = '', warnings = '', withHelp = true): CommandResult {
  if (verb === 'create' && error.daemon) return done(stdout, `${warnings}Error response from daemon: ${error.message}\n`, 1);
  const text = `${error.daemon ? 'Error response from daemon: ' : ''}${error.message}`;
  // The client ends the line with a period, unless the message already has one (FACT 97).
  const period = text.endsWith('.') ? '' : '.';
  return done(stdout, `${warnings}docker: ${text}${period}\n${withHelp ? `See 'docker ${verb} --help'.\n` : ''}`, 125);
}
