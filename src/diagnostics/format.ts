// Renders a Diagnostic in the Peggy/Hurl layout:
//   error: unknown flag '--nmae' for 'docker run'
//    --> scenarios/x.dnet:3:17
//     |
//   3 |   docker run -d --nmae web nginx
//     |                 ^^^^^^ did you mean '--name'?
// Colour is passed in (a Chalk instance, true for the default one, or null/false).
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  color: ChalkInstance | boolean | null;
}

const plain = new Chalk({ level: 0 });

function chalkFor(color: FormatOptions['color']): ChalkInstance {
  // `true` means colour even without a terminal (the CLI renders both versions up front).
  if (color === true) return new Chalk({ level: 1 });
  return color || plain;
}

/** The text of 1-based `line` of `source`, without its line break. */
function sourceLine(source: string, line: number): string {
  return source.split(/\r?\n/)[line - 1] ?? '';
}

export function formatDiagnostic(d: Diagnostic, source: string, options: FormatOptions = { color: null }): string {
  const c = chalkFor(options.color);
  const { start, end } = d.loc;
  const width = String(start.line).length;
  const pad = ' '.repeat(width);
  const bar = c.blue(`${pad} |`);
  const severity = d.severity === 'error' ? c.bold.red('error') : c.bold.yellow('warning');
  const text = sourceLine(source, start.line);
  // Carets cover the span on its first line (at least one); tabs are copied so they align.
  const lastColumn = end.line === start.line ? end.column : text.length + 1;
  const count = Math.max(1, lastColumn - start.column);
  const lead = text.slice(0, start.column - 1).replace(/[^\t]/g, ' ');
  const carets = (d.severity === 'error' ? c.red : c.yellow)('^'.repeat(count) + (d.label ? ` ${d.label}` : ''));
  const lines = [
    `${severity}${c.bold(`: ${d.message}`)}`,
    `${pad}${c.blue('-->')} ${d.loc.source}:${start.line}:${start.column}`,
    bar,
    `${c.blue(`${String(start.line)} |`)} ${text}`.trimEnd(),
    `${bar} ${lead}${carets}`,
  ];
  for (const note of d.notes) {
    const where = note.loc ? ` (${note.loc.source}:${note.loc.start.line}:${note.loc.start.column})` : '';
    lines.push(`${pad} ${c.blue('=')} note: ${note.message}${where}`);
  }
  if (d.hint) lines.push(`${pad} ${c.blue('=')} help: ${d.hint}`);
  return lines.join('\n');
}
