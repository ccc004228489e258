// The daemon's list filters (`--filter KEY=VALUE` of ps, images, network ls, volume ls): a value
// without '=' is refused by the client's flag parser (exit 125); filters of one key are
// alternatives, filters of different keys must all hold (moby's filters.Args) — except
// `label`, which every list reads with MatchKVList: each label given must hold. The values
// of a key are a set in filters.Args, so a value given twice counts once.
import type { CommandResult } from '../backends/backend.js';

export type Predicate<T> = (item: T) => boolean;

/** A filter the daemon refuses (exit 1). */
export const daemonError = (text: string): CommandResult => ({ stdout: '', stderr: `Error response from daemon: ${text}\n`, exitCode: 1 });

/** One predicate for all the filters given, or the first filter's error. */
export function daemonFilters<T>(
  filters: readonly string[],
  command: string,
  predicateFor: (key: string, value: string) => Predicate<T> | CommandResult,
  accepted?: ReadonlySet<string>,
): Predicate<T> | CommandResult {
  const byKey = new Map<string, Array<Predicate<T>>>();
  const given = new Set<string>();
  for (const filter of filters) {
    if (!filter.includes('=')) {
      return { stdout: '', stderr: `invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker ${command} --help'.\n`, exitCode: 125 };
    }
    given.add(filter);
  }
  // The route's ValidateFilters refuses an unknown key before any value is looked at.
  const unknown = accepted ? [...given].map((f) => f.slice(0, f.indexOf('='))).find((k) => !accepted.has(k)) : undefined;
  if (unknown !== undefined) return daemonError(`Invalid filter '${unknown}'`);
  for (const filter of given) {
    const eq = filter.indexOf('=');
    const key = filter.slice(0, eq);
    const p = predicateFor(key, filter.slice(eq + 1));
    if (typeof p !== 'function') return p;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const groups = [...byKey].map(([key, ps]): Predicate<T> => (key === 'label'
    ? (item) => ps.every((p) => p(item))
    : (item) => ps.some((p) => p(item))));
  return (item) => groups.every((p) => p(item));
}

/** filters.Args.Match (`name=`, `id=` of ps, network ls, volume ls): the value as it is, or
 *  a Go regexp found anywhere in the text (`name=^my`, `name=net1$`); a value that is no
 *  regexp matches only itself. Go's leading `(?i)`-style flags become JavaScript flags. */
export function goMatch(pattern: string): (text: string) => boolean {
  const flags = /^\(\?([imsU]+)\)/.exec(pattern);
  let re: RegExp | null = null;
  try {
    re = new RegExp(flags ? pattern.slice(flags[0].length) : pattern, flags ? flags[1].replace('U', '') : '');
  } catch {
    re = null;
  }
  return (text) => text === pattern || (re !== null && re.test(text));
}

/** `label=KEY` (the key is set) or `label=KEY=VALUE`, as every daemon list reads it. */
export function labelFilter(value: string): (labels: Readonly<Record<string, string>> | undefined) => boolean {
  const eq = value.indexOf('=');
  if (eq === -1) return (labels) => labels !== undefined && value in labels;
  const key = value.slice(0, eq);
  const want = value.slice(eq + 1);
  return (labels) => labels?.[key] === want;
}
