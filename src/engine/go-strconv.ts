// Go's strconv, as the client's flags, the daemon and the drivers read numbers and
// switches: each parser gives the value, or the error text Go prints for it
// (`strconv.Atoi: parsing "abc": invalid syntax`), which Docker passes on as it is.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const syntax = (fn: string, text: string): string => `strconv.${fn}: parsing ${JSON.stringify(text)}: invalid syntax`;
const range = (fn: string, text: string): string => `strconv.${fn}: parsing ${JSON.stringify(text)}: value out of range`;

/** `digits` names its parts: `sign`, and `dec` or `hex`. */
function integer(fn: string, text: string, digits: RegExp, min: bigint, max: bigint): number | string {
  const parts = digits.exec(text)?.groups;
  if (!parts) return syntax(fn, text);
  const magnitude = parts.hex !== undefined ? BigInt(`0x${parts.hex}`) : BigInt(parts.dec ?? '');
  const n = parts.sign === '-' ? -magnitude : magnitude;
  return n < min || n > max ? range(fn, text) : Number(n);
}

/** strconv.Atoi (a 64-bit int, base 10). */
export const goAtoi = (text: string): number | string => integer('Atoi', text, /^(?<sign>[+-]?)(?<dec>\d+)$/, INT64_MIN, INT64_MAX);

/** strconv.ParseInt(text, 0, 64) as pflag's int flags call it: decimal or 0x hex. */
export const goParseInt = (text: string): number | string =>
  integer('ParseInt', text, /^(?<sign>[+-]?)(?:0[xX](?<hex>[0-9a-fA-F]+)|(?<dec>\d+))$/, INT64_MIN, INT64_MAX);

/** strconv.ParseUint(text, 10, 16): a port. No sign is allowed. */
export const goParseUint16 = (text: string): number | string => integer('ParseUint', text, /^(?<dec>\d+)$/, 0n, 65535n);

/** strconv.ParseBool: Go's spellings of true and false. */
export function goParseBool(text: string): boolean | string {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return syntax('ParseBool', text);
}
