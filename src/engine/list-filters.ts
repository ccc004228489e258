// The daemon's list filters (`--filter KEY=VALUE` of ps, images, network ls, volume ls): a value
// without '=' is refused by the client's flag parser (exit 125); filters of one key are
// alternatives, filters of different keys must all hold (moby's filters.Args).
import type { CommandResult } from '../backends/backend.js';

export type Predicate<T> = (item: T) => boolean;

/** A filter the daemon refuses (exit 1). */
export const daemonError = (text: string): CommandResult => ({ stdout: '', stderr: `Error response from daemon: ${text}\n`, exitCode: 1 });

/** One predicate for all the filters given, or the first filter's error. */
export function daemonFilters<T>(
  filters: readonly string[],
  command: string,
  predicateFor: (key: string, value: string) => Predicate<T> | CommandResult,
): Predicate<T> | CommandResult {
  const byKey = new Map<string, Array<Predicate<T>>>();
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    if (eq === -1) {
      return { stdout: '', stderr: `invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker ${command} --help'.\n`, exitCode: 125 };
    }
    const key = filter.slice(0, eq);
    const p = predicateFor(key, filter.slice(eq + 1));
    if (typeof p !== 'function') return p;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const groups = [...byKey.values()];
  return (item) => groups.every((alternatives) => alternatives.some((p) => p(item)));
}

/** `label=KEY` (the key is set) or `label=KEY=VALUE`, as every daemon list reads it. */
export function labelFilter(value: string): (labels: Readonly<Record<string, string>> | undefined) => boolean {
  const eq = value.indexOf('=');
  if (eq === -1) return (labels) => labels !== undefined && value in labels;
  const key = value.slice(0, eq);
  const want = value.slice(eq + 1);
  return (labels) => labels?.[key] === want;
}
