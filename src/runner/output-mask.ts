// `--compare-output`: what of a command's output may differ between two engines that
// agree. Docker's IDs are random, its clocks real, its round-trip times measured and its
// interface indexes counted over the daemon's life; the simulator's are fixed. Everything
// else — addresses, names, messages, exit codes — must match, so only these are masked
// (the same way on both sides) before the comparison. Order is compared too, except where
// Docker itself has none: outputs that differ only in the order of their lines, or of
// the items of a comma-separated list on a line, agree (DNS answers are shuffled, Go maps
// print in random order, Compose works in parallel and keeps aliases in a Python set).

const MASKS: ReadonlyArray<readonly [RegExp, string]> = [
  // Container, network, volume and image IDs, whole or short (also in hostnames and
  // sandbox paths such as /var/run/docker/netns/0123456789ab).
  // Compose's one-off containers end in one (cr_cache_run_0123456789ab): `_` is no boundary.
  [/(?<![0-9A-Za-z])(?:sha256:)?[0-9a-f]{64}(?![0-9A-Za-z])/g, '<id>'],
  [/(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])/g, '<id>'],
  // RFC 3339 times (inspect), and Go's time.Time String() (ps --format {{.CreatedAt}}).
  // RFC 3339 also with a space (`date --rfc-3339`, as images' entrypoints log).
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g, '<time>'],
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+\b/g, '<time>'],
  // go-units HumanDuration, as `docker ps` prints it in CREATED and STATUS.
  [/\b(?:Less than a second|About an? (?:minute|hour)|\d+ (?:second|minute|hour|day|week|month|year)s?|an? (?:minute|hour|day|week|month|year))\b/g, '<duration>'],
  // ping's measured times.
  [/\btime=\d+(?:\.\d+)? ms\b/g, 'time=<t> ms'],
  [/= \d+(?:\.\d+)?\/\d+(?:\.\d+)?\/\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)? ms\b/g, '= <rtt> ms'],
  // Traffic counters (ifconfig, ip -s): the kernel's, moved by IPv6 router solicitations
  // and whatever else ran, not by the scenario alone.
  [/\b([RT]X packets):\d+/g, '$1:<n>'],
  [/\b([RT]X bytes):\d+ \([^)]*\)/g, '$1:<n>'],
  // Interface indexes: `eth0@if12`, `12: eth0:` (ip), the kernel's count since boot.
  [/^\d+: (?=[\w.@-]+:)/gm, '<n>: '],
  [/@if\d+\b/g, '@if<n>'],
];

/** The output with what legitimately differs between engines masked. */
export function maskOutput(text: string): string {
  let out = text;
  for (const [re, by] of MASKS) out = out.replace(re, by);
  // Table columns are as wide as their widest cell (a masked duration had a width), so
  // runs of padding compare as one; trailing blanks and a trailing newline do not count.
  return out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, '  ').trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

export interface OutputDifference {
  /** 'stdout', 'stderr' or 'exit status'. */
  stream: string;
  /** 1-based line of the first difference (0 for the exit status). */
  line: number;
  a: string;
  b: string;
}

export interface ComparedOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The first difference between two commands' masked outputs, or null when they agree. */
export function firstOutputDifference(a: ComparedOutput, b: ComparedOutput): OutputDifference | null {
  if (a.exitCode !== b.exitCode) return { stream: 'exit status', line: 0, a: String(a.exitCode), b: String(b.exitCode) };
  for (const stream of ['stdout', 'stderr'] as const) {
    const x = maskOutput(a[stream]);
    const y = maskOutput(b[stream]);
    if (x === y || sameUpToOrder(x, y)) continue;
    const xs = x.split('\n');
    const ys = y.split('\n');
    const n = Math.max(xs.length, ys.length);
    for (let i = 0; i < n; i++) {
      if (xs[i] !== ys[i]) return { stream, line: i + 1, a: xs[i] ?? '(no line)', b: ys[i] ?? '(no line)' };
    }
  }
  return null;
}

/** `["web","<id>"]`, `bridge,my-bridge`: the comma-separated items of each word of a line, sorted. */
function itemsSorted(line: string): string {
  return line.split(' ').map((word) => word.replace(/^\[|\]$/g, '').split(',').sort().join(',')).join(' ');
}

export function sameUpToOrder(x: string, y: string): boolean {
  const canon = (text: string): string => text.split('\n').map(itemsSorted).sort().join('\n');
  return canon(x) === canon(y);
}
