// One failure in the Hurl/rustc layout: headline, location, the source line with
// carets under the step, then observed / why (and both sides of a disagreement).
import type { ChalkInstance } from 'chalk';
import type { Failure } from '../runner/events.js';
import { whyText } from './text.js';

export function failureBlock(failure: Failure, source: string | undefined, chalk: ChalkInstance): string[] {
  const { loc } = failure;
  const num = String(loc.start.line);
  const pad = ' '.repeat(num.length);
  const bar = chalk.blue(`${pad} |`);
  const srcLine = source?.split('\n')[loc.start.line - 1]?.replace(/\r$/, '') ?? '';
  const endCol = loc.end.line === loc.start.line ? loc.end.column : srcLine.length + 1;
  const width = Math.max(1, endCol - loc.start.column);
  const lines = [
    `${chalk.red.bold('error')}${chalk.bold(`: ${failure.message}`)}`,
    ` ${pad}${chalk.blue('-->')} ${loc.source}:${loc.start.line}:${loc.start.column}`,
    ` ${bar}`,
    ` ${chalk.blue(`${num} |`)} ${srcLine}`,
    ` ${bar} ${' '.repeat(loc.start.column - 1)}${chalk.red(`${'^'.repeat(width)} expected: ${failure.expected}`)}`,
    ` ${bar}`,
  ];
  const note = (label: string, text: string): void => {
    const [first, ...rest] = text.split('\n');
    lines.push(` ${pad} ${chalk.blue('=')} ${chalk.bold(label)}: ${first}`);
    const hang = ' '.repeat(pad.length + label.length + 5);
    for (const more of rest) lines.push(` ${hang}${more}`);
  };
  if (failure.sides) {
    for (const side of failure.sides) {
      note(`observed on ${side.backend}`, side.observed);
      const why = whyText(side.why);
      if (why) note(`why on ${side.backend}`, why);
    }
  } else {
    // Docker's own words, whole, say more than a one-line summary: for a failed command
    // they replace `observed` (which is their first line); for `expect docker …` they
    // follow it (observed says whether it succeeded or failed).
    const stderr = failure.stderr?.trim();
    if (!stderr || failure.kind !== 'command') note('observed', failure.observed);
    const why = whyText(failure.why);
    if (why) note('why', why);
    // …unless they are one line that `observed` already ends with.
    if (stderr && (failure.kind === 'command' || stderr.includes('\n') || !failure.observed.endsWith(stderr))) note('docker said', stderr);
  }
  return lines;
}
