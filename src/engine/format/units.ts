// go-units' HumanSizeWithPrecision: decimal units, `%.*g` (trailing zeros dropped).
// HumanSize is precision 4 (the build context, `VirtualSize`); `docker images` shows 3.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

export function humanSize(bytes: number, precision = 4): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(precision))}${UNITS[i]}`;
}
