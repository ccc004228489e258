// Go's strconv, as the client's flags, the daemon and the drivers read numbers and
// switches: each parser gives the value, or the error text Go prints for it
// (`strconv.Atoi: parsing "abc": invalid syntax`), which Docker passes on as it is.

const syntax = (fn: string, text: string): string => `strconv.${fn}: parsing ${JSON.stringify(text)}: invalid syntax`;
const range = (fn: string, text: string): string => `strconv.${fn}: parsing ${JSON.stringify(text)}: value out of range`;

/**
 * strconv's underscoreOK: in base 0, `_` may only stand between digits or after a base
 * prefix (`1_000`, `0x_ff`), never first, last or doubled.
 */
function underscoreOK(text: string): boolean {
  let s = /^[+-]/.test(text) ? text.slice(1) : text;
  let saw = '^';
  let hex = false;
  if (/^0[bBoOxX]/.test(s)) {
    saw = '0';
    hex = /^0[xX]/.test(s);
    s = s.slice(2);
  }
  for (const ch of s) {
    if (/[0-9]/.test(ch) || (hex && /[a-fA-F]/.test(ch))) saw = '0';
    else if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/**
 * strconv.ParseUint's loop: base 0 takes 0b, 0o, 0x and a leading 0 (octal) and `_`
 * separators; a bad digit is a syntax error, and overflow is a range error as soon as it
 * happens (so `99999999999999999999x` is out of range, as in Go).
 */
function parseUintDigits(text: string, base: 0 | 10, max: bigint): bigint | 'syntax' | 'range' {
  if (text === '') return 'syntax';
  const base0 = base === 0;
  let s = text;
  let b = 10;
  if (base0 && s[0] === '0') {
    if (s.length >= 3 && /[bB]/.test(s[1]!)) [b, s] = [2, s.slice(2)];
    else if (s.length >= 3 && /[oO]/.test(s[1]!)) [b, s] = [8, s.slice(2)];
    else if (s.length >= 3 && /[xX]/.test(s[1]!)) [b, s] = [16, s.slice(2)];
    else [b, s] = [8, s.slice(1)];
  }
  let n = 0n;
  let underscores = false;
  for (const ch of s) {
    if (ch === '_' && base0) {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(ch) ? ch.charCodeAt(0) - 48 : /[a-zA-Z]/.test(ch) ? ch.toLowerCase().charCodeAt(0) - 87 : 99;
    if (d >= b) return 'syntax';
    n = n * BigInt(b) + BigInt(d);
    if (n > max) return 'range';
  }
  return underscores && !underscoreOK(text) ? 'syntax' : n;
}

/** strconv.ParseInt(text, base, 64): a sign, then ParseUint's digits; the int64 range. */
function parseInt64(fn: string, text: string, base: 0 | 10): bigint | string {
  if (text === '') return syntax(fn, text);
  const negative = text[0] === '-';
  const digits = /^[+-]/.test(text) ? text.slice(1) : text;
  const limit = negative ? 2n ** 63n : 2n ** 63n - 1n;
  // ParseUint's own limit is 2^64-1: a magnitude past int64 but within uint64 is still
  // a range error, and one past uint64 is one too, so either way the text is out of range.
  const n = parseUintDigits(digits, base, 2n ** 64n - 1n);
  if (n === 'syntax') return syntax(fn, text);
  if (n === 'range' || n > limit) return range(fn, text);
  return negative ? -n : n;
}

const asNumber = (v: bigint | string): number | string => (typeof v === 'string' ? v : Number(v));

/** strconv.Atoi (a 64-bit int, base 10), exact: the daemon prints such numbers back. */
export const goAtoiBig = (text: string): bigint | string => parseInt64('Atoi', text, 10);

/** strconv.Atoi (a 64-bit int, base 10). */
export const goAtoi = (text: string): number | string => asNumber(goAtoiBig(text));

/** strconv.ParseInt(text, 0, 64) as pflag's int flags call it: 0x, 0o, 0b, a leading 0 for octal, `_`. */
export const goParseInt = (text: string): number | string => asNumber(parseInt64('ParseInt', text, 0));

/** strconv.ParseUint(text, 10, 16): a port. No sign is allowed. */
export function goParseUint16(text: string): number | string {
  const n = parseUintDigits(text, 10, 65535n);
  return n === 'syntax' ? syntax('ParseUint', text) : n === 'range' ? range('ParseUint', text) : Number(n);
}

/** strconv.ParseBool: Go's spellings of true and false. */
export function goParseBool(text: string): boolean | string {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return syntax('ParseBool', text);
}
