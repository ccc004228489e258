// Variable substitution in a compose file, as Compose 1.29 does it to each file before
// merging (compose/config/interpolation.py): `$VAR`, `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, and `$$` for a `$`. In every
// string value of the services, networks and volumes (not in keys, nor in `version`).
// The variables are the command's Environment (environment.ts), which also keeps the
// warnings of missing ones.

import type { Environment } from './environment.js';
import { isObj } from './merge.js';

/** What substitution made of the file; or the error that stops it. */
export type Interpolation = { data: unknown } | { message: string };

const SECTIONS: ReadonlyArray<readonly [string, string]> = [['services', 'service'], ['networks', 'network'], ['volumes', 'volume']];

class Failed extends Error {}

export function interpolateFile(data: unknown, env: Environment): Interpolation {
  if (!isObj(data)) return { data };
  const out: Record<string, unknown> = { ...data };
  try {
    for (const [key, section] of SECTIONS) {
      const entries = out[key];
      if (!isObj(entries)) continue;
      const done: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(entries)) {
        if (!isObj(value)) {
          done[name] = value;
          continue;
        }
        const fields: Record<string, unknown> = {};
        for (const [option, v] of Object.entries(value)) {
          fields[option] = walk(v, (text) => substitute(text, env, { option, section, name }));
        }
        done[name] = fields;
      }
      out[key] = done;
    }
  } catch (e) {
    if (e instanceof Failed) return { message: e.message };
    throw e;
  }
  return { data: out };
}

function walk(value: unknown, onString: (text: string) => string): unknown {
  if (typeof value === 'string') return onString(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, onString));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, onString)]));
  return value;
}

interface Where {
  option: string;
  section: string;
  name: string;
}

// string.Template's pattern with compose's braced forms (re.IGNORECASE).
const PLACEHOLDER = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*(?:(:?[-?])[^}]*)?)\}|())/gi;

/** TemplateWithDefaults.substitute with the Environment mapping (a missing name warns and is ''). */
function substitute(text: string, env: Environment, where: Where): string {
  if (!text.includes('$')) return text;
  const lookup = (name: string): string => env.substitute(name);
  return text.replace(PLACEHOLDER, (_all, escaped: string | undefined, named: string | undefined, braced: string | undefined, sep: string | undefined, invalid: string | undefined) => {
    if (escaped !== undefined) return '$';
    if (named !== undefined) return lookup(named);
    // A group with a default or a message is its answer, empty or not (real 1.29:
    // `${EMPTY-dash}` of an empty EMPTY is '', without a warning).
    if (braced !== undefined) return sep === undefined ? lookup(braced) : bracedGroup(braced, sep, env, where, text);
    if (invalid !== undefined) throw new Failed(`Invalid interpolation format for "${where.option}" option in ${where.section} "${where.name}": "${text}"`);
    return '';
  });
}

function bracedGroup(braced: string, sep: string, env: Environment, where: Where, text: string): string {
  const at = braced.indexOf(sep);
  const name = braced.slice(0, at);
  const rest = braced.slice(at + sep.length);
  const value = env.raw(name);
  switch (sep) {
    case ':-':
      return value || rest;
    case '-':
      // A bare KEY of the env file is set, to nothing (mapping.get gives None).
      return env.has(name) ? value ?? '' : rest;
    default: {
      // `:?` wants a value that is not empty, `?` one that is set.
      const missing = sep === ':?' ? !value : value === undefined;
      if (missing) {
        throw new Failed(`Missing mandatory value for "${where.option}" option interpolating ${text} in ${where.section} "${where.name}": ${rest || name}`);
      }
      return value ?? '';
    }
  }
}
