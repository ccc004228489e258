// Whether a text is an IPv4 address in four decimal parts, as ipaddr.js's
// IPv4.isValidFourPartDecimal answers it: four parts of 0-255 written without leading
// zeros ("1.02.3.4" and "1.2.3" are not). One regex test: ipaddr.js answers it by running
// its whole parser (a match per address form, parseInt per part, an IPv4 object, and a
// throw for a bad one) before its own regex, and the checks, the expectations and ping
// ask it of every address a scenario writes.

const PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const FOUR_PART_DECIMAL = new RegExp(`^${PART}\\.${PART}\\.${PART}\\.${PART}$`);

export function isFourPartDecimal(text: string): boolean {
  return FOUR_PART_DECIMAL.test(text);
}
