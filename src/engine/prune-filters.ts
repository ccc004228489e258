// `docker network prune --filter` and `docker container prune --filter`: the daemon
// accepts label, label! and until (moby NetworksPrune and ContainersPrune); any other
// key is "Invalid filter 'KEY'" and a value without '=' is refused by the client's flag
// parser (exit 125).
import type { CommandResult } from '../backends/backend.js';

export interface Prunable {
  labels: Record<string, string>;
  /** RFC 3339, as inspect prints it. */
  created: string;
}

/** filters.Args.MatchKVList: every `key[=value]` given must be among the labels. */
function matchKVList(wanted: string[], labels: Record<string, string>): boolean {
  if (wanted.length === 0) return true;
  if (Object.keys(labels).length === 0) return false;
  return wanted.every((w) => {
    const eq = w.indexOf('=');
    const key = eq < 0 ? w : w.slice(0, eq);
    if (!(key in labels)) return false;
    return eq < 0 || labels[key] === w.slice(eq + 1);
  });
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration (no sign), in ms; null when it is not one. */
function parseGoDuration(text: string): number | null {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    at = re.lastIndex;
  }
  return at === text.length && at > 0 ? total : null;
}

/** The cutoff of `until=` (moby GetTimestamp: a duration back from now, a Unix time, or a date). */
function untilCutoff(value: string, nowMs: number): number | null {
  const d = parseGoDuration(value);
  if (d !== null) return nowMs - d;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? null : t;
}

/** A predicate over networks, or the command's failure. */
export function pruneFilter(filters: string[], nowMs: number, command = 'network prune'): ((n: Prunable) => boolean) | CommandResult {
  const label: string[] = [];
  const notLabel: string[] = [];
  const cutoffs: number[] = [];
  for (const f of filters) {
    const eq = f.indexOf('=');
    if (eq < 0) {
      return { stdout: '', stderr: `invalid argument "${f}" for "--filter" flag: bad format of filter (expected name=value)\nSee 'docker ${command} --help'.\n`, exitCode: 125 };
    }
    const key = f.slice(0, eq);
    const value = f.slice(eq + 1);
    if (key === 'label') label.push(value);
    else if (key === 'label!') notLabel.push(value);
    else if (key !== 'until') return { stdout: '', stderr: `Error response from daemon: Invalid filter '${key}'\n`, exitCode: 1 };
  }
  for (const f of filters) {
    if (!f.startsWith('until=')) continue;
    const value = f.slice('until='.length);
    const cutoff = untilCutoff(value, nowMs);
    if (cutoff === null) return { stdout: '', stderr: `Error response from daemon: failed to parse value as time or duration: "${value}"\n`, exitCode: 1 };
    cutoffs.push(cutoff);
  }
  return (n) => matchKVList(label, n.labels)
    && !(notLabel.length > 0 && matchKVList(notLabel, n.labels))
    && cutoffs.every((c) => Date.parse(n.created) < c);
}
