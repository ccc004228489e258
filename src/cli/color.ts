// Whether a stream gets colour: never with --no-color or NO_COLOR, never into a file,
// otherwise when it is a terminal (or FORCE_COLOR says so).
import type { ChalkInstance } from 'chalk';

export async function chalkFor(flag: boolean | null, stream: NodeJS.WriteStream | null): Promise<ChalkInstance> {
  const { Chalk, supportsColor } = await import('chalk');
  const off = flag === false || (flag === null && !!process.env.NO_COLOR) || stream === null;
  const forced = flag === true || (!!process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0');
  const level = off ? 0 : forced || stream.isTTY ? (supportsColor ? supportsColor.level : 1) || 1 : 0;
  return new Chalk({ level });
}
