// `--compare-output`: what of a command's output may differ between two engines that
// agree. Docker's IDs are random, its clocks real, its round-trip times measured and its
// interface indexes counted over the daemon's life; the simulator's are fixed. Everything
// else — addresses, names, messages, exit codes — must match, so only these are masked
// (the same way on both sides) before the comparison. Order is compared too, except where
// Docker itself has none: outputs that differ only in the order of their lines, or of
// the items of a comma-separated list on a line, agree (DNS answers are shuffled, Go maps
// print in random order, Compose works in parallel and keeps aliases in a Python set).

/** A full 64-hex ID as a word of its own (`_` is no boundary: cr_cache_run_<id>). */
const FULL_ID = /(?<![0-9A-Za-z])[0-9a-f]{64}(?![0-9A-Za-z])/g;

const MASKS: ReadonlyArray<readonly [RegExp, string]> = [
  // The 20.10 client's wait goroutine logs this when `run` cancels its context, if it
  // wins the race with the client's exit: sometimes, after a failed foreground start or
  // even a detached one that worked (FACT 65; seen both ways on the engine).
  [/^time="[^"]*" level=error msg="error waiting for container: context canceled"\r?(?:\n|$)/gm, ''],
  // Container, network, volume and image IDs, whole or short (also in hostnames and
  // sandbox paths such as /var/run/docker/netns/0123456789ab).
  // Compose's one-off containers end in one (cr_cache_run_0123456789ab): `_` is no boundary.
  [/(?<![0-9A-Za-z])(?:sha256:)?[0-9a-f]{64}(?![0-9A-Za-z])/g, '<id>'],
  [/(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])/g, '<id>'],
  // RFC 3339 times (inspect), and Go's time.Time String() (ps --format {{.CreatedAt}}).
  // RFC 3339 also with a space (`date --rfc-3339`, as images' entrypoints log).
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g, '<time>'],
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+\b/g, '<time>'],
  // HTTP dates (wget -S: Date, Last-Modified), and the file time that starts BusyBox
  // httpd's ETag ("mtime-size" in hex): the server's clock and the image's build time.
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT\b/g, '<time>'],
  [/\bETag: "[0-9a-f]+-/g, 'ETag: "<mtime>-'],
  // go-units HumanDuration, as `docker ps` prints it in CREATED and STATUS.
  [/\b(?:Less than a second|About an? (?:minute|hour)|\d+ (?:second|minute|hour|day|week|month|year)s?|an? (?:minute|hour|day|week|month|year))\b/g, '<duration>'],
  // The docker backend's private engine keeps its exec-root and data-root where
  // /var/run/docker and /var/lib/docker are (a SandboxKey, a volume's Mountpoint;
  // src/backends/docker/engine.ts).
  // (No ':' in the prefix: overlay2's LowerDir joins two such paths with one.)
  [/\/[^\s":]*\/dnet-engine-[^/\s"]+\/exec\//g, '/var/run/docker/'],
  [/\/[^\s":]*\/dnet-engine-[^/\s"]+\/data\//g, '/var/lib/docker/'],
  // Go pointers, as a template prints a map of them (`{{.NetworkSettings.Networks}}` is
  // `map[bridge:0xc000412000]`): addresses in the client's heap.
  [/\b0xc[0-9a-f]{6,12}\b/g, '0x<ptr>'],
  // The embedded DNS's sockets in a container's namespace (netstat): ports the kernel
  // picked from the ephemeral range (its port 53 is a DNAT to them).
  [/\b127\.0\.0\.11:(?!53\b)\d+/g, '127.0.0.11:<port>'],
  // The docker backend runs a scenario in a copy of its folder (src/backends/docker/session.ts):
  // what the simulator prints as the .dnet file's folder (MaskContext.folder).
  [/(?:\/[^\s"':]*)?\/dnet-work-[A-Za-z0-9]+\/[^\s"':/]+/g, '<folder>'],
  // A Python traceback's frames (Compose dying of an exception) name the machine's files.
  [/^Traceback \(most recent call last\):\n(?: {2}.*\n)*/gm, 'Traceback (most recent call last):\n'],
  // Process IDs are the kernel's (inspect's State.Pid).
  [/"Pid": ?\d+/g, '"Pid":<n>'],
  // ping's measured times.
  [/\btime=\d+(?:\.\d+)? ms\b/g, 'time=<t> ms'],
  [/= \d+(?:\.\d+)?\/\d+(?:\.\d+)?\/\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)? ms\b/g, '= <rtt> ms'],
  // Traffic counters (ifconfig, ip -s): the kernel's, moved by IPv6 router solicitations
  // and whatever else ran, not by the scenario alone.
  [/\b([RT]X packets):\d+/g, '$1:<n>'],
  [/\b([RT]X bytes):\d+ \([^)]*\)/g, '$1:<n>'],
  // Compose 1.29's progress lines: one writer is shared by the services' parallel runs and
  // pads each line to the longest name added so far, so the padding depends on which
  // service's thread started first (`Creating app1   ... done` or `Creating app1 ... done`).
  [/^((?:Creating|Recreating|Starting|Stopping|Restarting|Removing|Killing|Pausing|Unpausing) \S+) +\.\.\.(?= |\r?$)/gm, '$1 ...'],
  // `docker build` paints each chunk a RUN step wrote to stderr red; how the writes fall
  // into chunks is timing (real 20.10: `/bin/sh: ` and `apt-get: not found` one run apart,
  // together the next).
  [/\x1b\[0m\x1b\[91m/g, ''],
  // A link-local IPv6 address is `tentative` until the kernel's duplicate address
  // detection is done, a second or so after the interface comes up: an exec right after
  // `docker run` sees it, a later one does not (real 20.10). The simulator shows it done.
  [/(\bscope link) tentative /g, '$1 '],
  // Interface indexes: `eth0@if12`, `12: eth0:` (ip), the kernel's count since boot.
  // `ip -o` puts no colon after the name: `12: eth0    inet 172.18.0.2/16 …`.
  [/^\d+: (?=[\w.@-]+(?::|\s+(?:inet6?|link\/\w+) ))/gm, '<n>: '],
  [/@if\d+\b/g, '@if<n>'],
  // A veth's host end is named veth + 7 random hex digits (libnetwork netutils.GenerateIfaceName).
  [/\bveth[0-9a-f]{7}\b/g, 'veth<id>'],
];

/**
 * The full IDs one backend has printed so far in a scenario, so that a shorter prefix of
 * one (`{{slice .Id 0 6}}`, `docker rm 4a72`) is masked as an ID too: such a prefix has no
 * fixed length to match by pattern, but it is random exactly when the ID is.
 */
export class PrintedIds {
  private readonly ids = new Set<string>();

  learn(text: string): void {
    for (const m of text.matchAll(FULL_ID)) this.ids.add(m[0]);
  }

  /** `text` with each hex word of 4 to 63 digits that begins a printed ID replaced by `<id>`. */
  mask(text: string): string {
    if (this.ids.size === 0) return text;
    return text.replace(/(?<![0-9A-Za-z])[0-9a-f]{4,63}(?![0-9A-Za-z])/g, (word) => {
      for (const id of this.ids) if (id.startsWith(word)) return '<id>';
      return word;
    });
  }
}

/**
 * Names Docker generates for a container run without --name (`elastic_feynman`, a digit
 * added on a retry) are random on an engine. A word of that shape is masked unless the
 * scenario wrote it itself (`my_net`, a compose project's `proj_default`), which must match.
 */
export class GeneratedNames {
  private readonly written: ReadonlySet<string>;

  /** `scenarioText`: everything the scenario wrote (its statements, its files). */
  constructor(scenarioText: string) {
    this.written = new Set(scenarioText.match(/[a-z]+_[a-z]+\d?/g) ?? []);
  }

  mask(text: string): string {
    return text.replace(/(?<![\w.-])[a-z]+_[a-z]+\d?(?![\w.-])/g, (word) => (this.written.has(word) ? word : '<name>'));
  }
}

/** What a backend's output is masked with beyond the fixed patterns. */
export interface MaskContext {
  printed?: PrintedIds;
  names?: GeneratedNames;
  /** The scenario's folder as the simulator sees it (the .dnet file's), printed by `compose config`. */
  folder?: string;
}

/** The output with what legitimately differs between engines masked. */
export function maskOutput(text: string, context: MaskContext = {}): string {
  let out = context.printed ? context.printed.mask(text) : text;
  if (context.names) out = context.names.mask(out);
  if (context.folder) out = out.split(context.folder).join('<folder>');
  for (const [re, by] of MASKS) out = out.replace(re, by);
  // The daemon lists a create's networks from a Go map: in no fixed order.
  out = out.replace(/(network endpoints: )([^\n]*?)(\.?)$/gm, (_, head: string, list: string, dot: string) => `${head}${list.split(', ').sort().join(', ')}${dot}`);
  // Table columns are as wide as their widest cell (a masked duration had a width), so
  // runs of padding compare as one; trailing blanks and a trailing newline do not count.
  return out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, '  ').trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

/** One side's line in a difference: its 1-based number (0: none) and text. */
export interface DifferingLine {
  line: number;
  text: string;
}

export interface OutputDifference {
  /** 'stdout', 'stderr' or 'exit status'. */
  stream: string;
  a: DifferingLine;
  b: DifferingLine;
}

export interface ComparedOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Where two commands' masked outputs differ, or null when they agree. Since order alone
 * does not count, a difference is a line one side printed and the other did not: the
 * first such line of each side (`line: 0` when that side has none, only the other).
 */
export function firstOutputDifference(a: ComparedOutput, b: ComparedOutput, context: readonly [MaskContext, MaskContext] = [{}, {}]): OutputDifference | null {
  if (a.exitCode !== b.exitCode) return { stream: 'exit status', a: { line: 0, text: String(a.exitCode) }, b: { line: 0, text: String(b.exitCode) } };
  for (const stream of ['stdout', 'stderr'] as const) {
    const x = maskOutput(a[stream], context[0]);
    const y = maskOutput(b[stream], context[1]);
    if (x === y || sameUpToOrder(x, y)) continue;
    const xs = x.split('\n');
    const ys = y.split('\n');
    return { stream, a: firstUnmatched(xs, ys), b: firstUnmatched(ys, xs) };
  }
  return null;
}

/** The first line of `lines` left over once each line of `others` has taken an equal one. */
function firstUnmatched(lines: string[], others: string[]): DifferingLine {
  const left = new Map<string, number>();
  for (const o of others) {
    const key = itemsSorted(o);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  for (let i = 0; i < lines.length; i++) {
    const key = itemsSorted(lines[i]);
    const n = left.get(key) ?? 0;
    if (n === 0) return { line: i + 1, text: lines[i] };
    left.set(key, n - 1);
  }
  return { line: 0, text: '(no such line)' };
}

/** `["web","<id>"]`, `bridge,my-bridge`: the comma-separated items of each word of a line, sorted. */
function itemsSorted(line: string): string {
  return line.split(' ').map((word) => word.replace(/^\[|\]$/g, '').split(',').sort().join(',')).join(' ');
}

export function sameUpToOrder(x: string, y: string): boolean {
  const canon = (text: string): string => text.split('\n').map(itemsSorted).sort().join('\n');
  return canon(x) === canon(y);
}
