// Signal names and numbers as moby's pkg/signal reads them (20.10, Linux): `docker kill
// -s`, `--stop-signal` and the daemon's checks of both.
import { goAtoiBig } from './go-strconv.js';

/** pkg/signal's SignalMap for Linux: name (without SIG) → number. */
const SIGNALS: ReadonlyMap<string, number> = new Map<string, number>([
  ['ABRT', 6], ['ALRM', 14], ['BUS', 7], ['CHLD', 17], ['CLD', 17], ['CONT', 18], ['FPE', 8], ['HUP', 1],
  ['ILL', 4], ['INT', 2], ['IO', 29], ['IOT', 6], ['KILL', 9], ['PIPE', 13], ['POLL', 29], ['PROF', 27],
  ['PWR', 30], ['QUIT', 3], ['SEGV', 11], ['STKFLT', 16], ['STOP', 19], ['SYS', 31], ['TERM', 15],
  ['TRAP', 5], ['TSTP', 20], ['TTIN', 21], ['TTOU', 22], ['URG', 23], ['USR1', 10], ['USR2', 12],
  ['VTALRM', 26], ['WINCH', 28], ['XCPU', 24], ['XFSZ', 25], ['RTMIN', 34], ['RTMAX', 64],
  ...Array.from({ length: 15 }, (_, i): [string, number] => [`RTMIN+${i + 1}`, 35 + i]),
  ...Array.from({ length: 14 }, (_, i): [string, number] => [`RTMAX-${14 - i}`, 50 + i]),
]);

const NUMBERS: ReadonlySet<number> = new Set(SIGNALS.values());

/**
 * signal.ParseSignal: a number (any but 0, as strconv.Atoi reads it: one past int64 is
 * not a number and so not a name either) or a name, any case, with or without SIG.
 * null: `Invalid signal: RAW`. Exact (a bigint): the daemon prints the number back.
 */
export function parseSignal(raw: string): bigint | null {
  const n = goAtoiBig(raw);
  if (typeof n === 'bigint') return n === 0n ? null : n;
  const named = SIGNALS.get(raw.toUpperCase().replace(/^SIG/, ''));
  return named === undefined ? null : BigInt(named);
}

/** signal.ValidSignalForPlatform: a number the platform has a name for. */
export function validForPlatform(n: bigint): boolean {
  return n > 0n && n <= 64n && NUMBERS.has(Number(n));
}

/** The number as ContainerKill prints it (`%d` of the uint64 the route passed on). */
export function asUint64(n: bigint): string {
  return BigInt.asUintN(64, n).toString();
}
