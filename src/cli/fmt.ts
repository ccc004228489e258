// `dnet-test fmt [--check] PATH…`: files rewritten in the printer's canonical layout.
// A file that does not parse is left alone (exit 2); a file whose printed text would
// mean something else is never written (a printer bug must not eat a scenario).
import { readFile, writeFile } from 'node:fs/promises';
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostics/index.js';
import { formatDiagnostic } from '../diagnostics/index.js';
import type { DnetFile } from '../language/ast.js';
import { parseFile } from '../language/parse.js';
import { printFile } from '../language/print.js';
import type { Args } from './args.js';
import { chalkFor } from './color.js';
import { discover } from './discover.js';

export type Formatted =
  | { status: 'ok'; text: string; changed: boolean }
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  /** The printed text parses to another AST: a printer bug, reported, never written. */
  | { status: 'unsafe'; text: string };

// Positions and the source text differ after printing; everything else must not.
const LOCATION_KEYS = new Set(['loc', 'nameLoc', 'titleLoc', 'programLoc', 'source']);
const meaning = (file: DnetFile): string =>
  JSON.stringify(file, (key, value: unknown) => (LOCATION_KEYS.has(key) ? undefined : value));

export function formatSource(path: string, source: string): Formatted {
  const parsed = parseFile(path, source);
  if (!parsed.file || parsed.diagnostics.some((d) => d.severity === 'error')) return { status: 'invalid', diagnostics: parsed.diagnostics };
  const text = printFile(parsed.file);
  const again = parseFile(path, text).file;
  if (!again || meaning(again) !== meaning(parsed.file)) return { status: 'unsafe', text };
  return { status: 'ok', text, changed: text !== source };
}

export async function fmt(args: Extract<Args, { command: 'fmt' }>): Promise<number> {
  const out = await chalkFor(args.color, process.stdout);
  const err = await chalkFor(args.color, process.stderr);
  const files = await discover(args.paths);
  const changed: string[] = [];
  let broken = 0;
  for (const path of files) {
    const source = await readFile(path, 'utf8');
    const result = formatSource(path, source);
    if (result.status === 'invalid') {
      broken++;
      for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, source, { color: colourOf(err) })}\n\n`);
      continue;
    }
    if (result.status === 'unsafe') {
      broken++;
      process.stderr.write(`${err.red.bold('error')}: ${path}: the formatted text would not mean the same; left as it is (please report this)\n`);
      continue;
    }
    if (!result.changed) continue;
    changed.push(path);
    if (args.check) process.stdout.write(`${out.yellow('would reformat')} ${path}\n`);
    else {
      await writeFile(path, result.text);
      process.stdout.write(`formatted ${path}\n`);
    }
  }
  const n = (count: number, what: string): string => `${count} ${what}${count === 1 ? '' : 's'}`;
  if (args.check) {
    process.stdout.write(changed.length ? `${n(changed.length, 'file')} of ${files.length} would be reformatted\n` : `${n(files.length, 'file')} already formatted\n`);
  } else {
    process.stdout.write(`${n(changed.length, 'file')} formatted, ${files.length - changed.length - broken} unchanged\n`);
  }
  if (broken > 0) {
    process.stderr.write(err.red(`${n(broken, 'file')} not formatted (errors above)`) + '\n');
    return 2;
  }
  return args.check && changed.length > 0 ? 1 : 0;
}

function colourOf(chalk: ChalkInstance): ChalkInstance | null {
  return chalk.level > 0 ? chalk : null;
}
