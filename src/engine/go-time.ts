// Go's time.ParseDuration, as the docker client's duration flags (--health-interval and
// the other --health-* times) read their values, with Go's error texts.

const NS: Record<string, bigint> = {
  ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n,
};
const LIMIT = 1n << 63n;

/** Nanoseconds (exact), or the error text: `time: invalid duration "x"`, `missing unit`, `unknown unit`. */
export function goParseDuration(orig: string): bigint | string {
  const quote = JSON.stringify;
  const invalid = `time: invalid duration ${quote(orig)}`;
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return invalid;
  let d = 0n;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return invalid;
    // [0-9]*: leadingInt refuses a run of digits past 2^63.
    const int = /^[0-9]*/.exec(s)![0];
    s = s.slice(int.length);
    let v = BigInt(int || '0');
    if (v >= LIMIT) return invalid;
    // (\.[0-9]*)?: leadingFraction keeps the digits it can hold exactly; more are skipped.
    let frac = '';
    let post = false;
    if (s[0] === '.') {
      frac = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + frac.length);
      post = frac !== '';
    }
    if (int === '' && !post) return invalid;
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === '') return `time: missing unit in duration ${quote(orig)}`;
    s = s.slice(unitText.length);
    const unit = NS[unitText];
    if (unit === undefined) return `time: unknown unit ${quote(unitText)} in duration ${quote(orig)}`;
    if (v > LIMIT / unit) return invalid;
    v *= unit;
    if (frac !== '') {
      // Go: uint64(float64(f) * (float64(unit) / scale)), f and scale at most 18 digits.
      const kept = frac.slice(0, 18);
      v += BigInt(Math.trunc(Number(kept) * (Number(unit) / 10 ** kept.length)));
      if (v > LIMIT) return invalid;
    }
    d += v;
    if (d > LIMIT) return invalid;
  }
  if (neg) return -d;
  return d > LIMIT - 1n ? invalid : d;
}

/** A Duration as Go's String prints it, for messages (`1ms`, `1m30s`). */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const a = ns < 0n ? -ns : ns;
  if (a < 1000000000n) {
    const [unit, div] = a < 1000n ? ['ns', 1n] : a < 1000000n ? ['µs', 1000n] : ['ms', 1000000n];
    return `${sign}${fraction(a, div)}${unit}`;
  }
  const h = a / 3600000000000n;
  const m = (a / 60000000000n) % 60n;
  const secs = a % 60000000000n;
  return `${sign}${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${fraction(secs, 1000000000n)}s`;
}

function fraction(n: bigint, div: bigint): string {
  const whole = n / div;
  const rest = n % div;
  if (rest === 0n) return whole.toString();
  return `${whole}.${rest.toString().padStart(div.toString().length - 1, '0').replace(/0+$/, '')}`;
}
