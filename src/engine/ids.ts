// Deterministic identities: the same scenario yields the same IDs, names, MACs and
// times on every run. IDs look like Docker's (64 hex) but come from a seeded counter.

/** murmur3's 32-bit finaliser: a bijection on 32-bit words, well mixed. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex8 = (w: number): string => HEX[w >>> 24] + HEX[(w >>> 16) & 255] + HEX[(w >>> 8) & 255] + HEX[w & 255];
const ids: string[] = [];

/**
 * The 64-hex ID of the n-th identity of a Controller. The first word is a bijection of n,
 * so no two identities of a scenario share their first 8 hex digits (nor, then, a short
 * ID); the other seven only make it look random. (Cheaper than a SHA-256 per identity:
 * 10,000 containers ask for 30,000 of them.) Every Controller counts from 1, so every
 * scenario asks for the same IDs again: each is made once (bounded for --watch sessions).
 */
function idFor(n: number): string {
  let id = ids[n];
  if (id === undefined) {
    // Joined, not `+=`: seven `+=` leave a chain of seven cons strings behind every ID
    // (kept for the whole process by the cache; 30,000 IDs made 210,000 heap objects
    // that every scavenge copied). join('') makes one flat string.
    const words = [hex8(fmix32(n))];
    for (let k = 1; k < 8; k++) words.push(hex8(fmix32(n ^ Math.imul(k, 0x9e3779b9))));
    id = words.join('');
    if (n < 200_000) ids[n] = id;
  }
  return id;
}

function startsWithTwelveDigits(id: string): boolean {
  for (let i = 0; i < 12; i++) {
    const c = id.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  return true;
}

export class IdSource {
  private counter = 0;

  /** A 64-hex ID, unique within the Controller (one counter for networks, containers and endpoints). */
  next(): string {
    for (;;) {
      const id = idFor(++this.counter);
      // moby's stringid.GenerateRandomID skips IDs whose short form reads as a number
      // (twelve digits first). A loop, not a RegExp literal: each evaluation of a literal
      // makes a RegExp object, and this runs for every network, container and endpoint.
      if (!startsWithTwelveDigits(id)) return id;
    }
  }
}

export const shortId = (id: string): string => id.slice(0, 12);

/** MAC of a bridge endpoint: 02:42 followed by the IPv4 bytes (FACT 4). */
export function macFromIp(ip: string): string {
  // Digit by digit rather than split('.'): one call per endpoint, 10,000 in the bench.
  // The bytes are joined (one flat string, kept by the endpoint) rather than appended
  // (a chain of cons strings for the collector to copy).
  const bytes = ['02', '42'];
  let byte = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      bytes.push(HEX[byte]);
      byte = 0;
    } else byte = byte * 10 + (c - 48);
  }
  bytes.push(HEX[byte]);
  return bytes.join(':');
}

// moby's pkg/namesgenerator lists; a subset is enough for deterministic, Docker-looking names.
const LEFT = ['admiring', 'adoring', 'affectionate', 'agitated', 'amazing', 'angry', 'awesome', 'blissful',
  'bold', 'boring', 'brave', 'busy', 'charming', 'clever', 'cool', 'compassionate', 'competent', 'condescending',
  'confident', 'cranky', 'crazy', 'dazzling', 'determined', 'distracted', 'dreamy', 'eager', 'ecstatic', 'elastic',
  'elated', 'elegant', 'eloquent', 'epic', 'fervent', 'festive', 'flamboyant', 'focused', 'friendly', 'frosty',
  'gallant', 'gifted', 'goofy', 'gracious', 'happy', 'hardcore', 'heuristic', 'hopeful', 'hungry', 'infallible',
  'inspiring', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical', 'modest', 'musing',
  'mystifying', 'naughty', 'nervous', 'nifty', 'nostalgic', 'objective', 'optimistic', 'peaceful', 'pedantic',
  'pensive', 'practical', 'priceless', 'quirky', 'quizzical', 'relaxed', 'reverent', 'romantic', 'sad', 'serene',
  'sharp', 'silly', 'sleepy', 'stoic', 'stupefied', 'suspicious', 'tender', 'thirsty', 'trusting', 'unruffled',
  'upbeat', 'vibrant', 'vigilant', 'vigorous', 'wizardly', 'wonderful', 'xenodochial', 'youthful', 'zealous', 'zen'];
const RIGHT = ['albattani', 'allen', 'archimedes', 'babbage', 'bardeen', 'bell', 'bhabha', 'blackwell', 'bohr',
  'booth', 'bose', 'brahmagupta', 'brown', 'carson', 'cerf', 'chandrasekhar', 'chaum', 'clarke', 'curie', 'darwin',
  'davinci', 'diffie', 'dijkstra', 'einstein', 'elion', 'engelbart', 'euclid', 'euler', 'faraday', 'fermat',
  'fermi', 'feynman', 'franklin', 'galileo', 'galois', 'gates', 'goldberg', 'goodall', 'hawking', 'heisenberg',
  'hermann', 'hodgkin', 'hopper', 'hypatia', 'jackson', 'jang', 'jennings', 'kalam', 'kepler', 'khorana',
  'knuth', 'kowalevski', 'lalande', 'lamport', 'leakey', 'lederberg', 'lovelace', 'lumiere', 'mayer', 'mccarthy',
  'mclean', 'meitner', 'mendel', 'mirzakhani', 'montalcini', 'morse', 'napier', 'newton', 'nobel', 'noether',
  'pare', 'pascal', 'pasteur', 'payne', 'perlman', 'pike', 'poincare', 'ptolemy', 'raman', 'ritchie', 'rosalind',
  'sammet', 'shamir', 'shannon', 'shaw', 'sinoussi', 'stonebraker', 'swartz', 'tesla', 'thompson', 'torvalds',
  'turing', 'varahamihira', 'visvesvaraya', 'wescoff', 'williams', 'wilson', 'wing', 'wozniak', 'wright', 'yalow'];

/** Random-looking container names in a fixed sequence; skips names already taken. */
export class NameSource {
  private n = 0;

  next(taken: (name: string) => boolean): string {
    for (;;) {
      const i = this.n++;
      // A stride coprime with both list lengths walks every pair before repeating.
      const left = LEFT[(i * 37) % LEFT.length];
      const right = RIGHT[(i * 53 + 11) % RIGHT.length];
      const round = Math.floor(i / (LEFT.length * RIGHT.length));
      const name = round === 0 ? `${left}_${right}` : `${left}_${right}${round}`;
      // moby never generates "boring_wozniak" (namesgenerator's own rule).
      if (name !== 'boring_wozniak' && !taken(name)) return name;
    }
  }
}

/** A fixed clock: every scenario starts at the same instant; each event advances one second. */
const EPOCH = Date.parse('2026-01-01T00:00:00Z'); // a midnight: a day of ticks is a calendar day
const DAY = 86_400;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
// The date of each day of ticks ("2026-01-01T"), from toISOString: the calendar is Date's.
const days: string[] = [];
// The n-th instant, as ids are kept: every Controller's clock starts at the same tick, so
// every scenario asks for the same stamps again (bounded for --watch sessions).
const stamps: string[] = [];

function stampFor(i: number): string {
  const day = Math.floor(i / DAY);
  const second = i - day * DAY;
  let date = day >= 0 ? days[day] : undefined;
  if (date === undefined) {
    date = new Date(EPOCH + day * DAY * 1000).toISOString().slice(0, 11);
    if (day >= 0) days[day] = date;
  }
  // Joined: one flat string, not the chain of six cons strings a template literal
  // leaves (two stamps are kept per container).
  return [date, TWO_DIGITS[Math.floor(second / 3600)], ':', TWO_DIGITS[Math.floor(second / 60) % 60], ':',
    TWO_DIGITS[second % 60], '.000000000Z'].join('');
}

/** The instant `seconds` after the scenario's start (before it, when negative). */
export const instant = (seconds: number): string => stampFor(seconds);

export class Clock {
  private ticks = 0;

  /** The next instant, as Docker prints it (RFC 3339, nanoseconds). The time of day is
   *  arithmetic on the tick; only a new day asks Date (a Date per tick was ~1.3 µs, 40 ms
   *  of the 10,000-container bench). */
  tick(): string {
    const i = ++this.ticks;
    let stamp = stamps[i];
    if (stamp === undefined) {
      stamp = stampFor(i);
      if (i < 200_000) stamps[i] = stamp;
    }
    return stamp;
  }

  /** The latest instant handed out (the clock does not move). */
  now(): string {
    return stamps[this.ticks] ?? stampFor(this.ticks);
  }

  /** The latest instant handed out, in ms since 1970 (for `until=` filters). */
  nowMs(): number {
    return EPOCH + this.ticks * 1000;
  }
}
