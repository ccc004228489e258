// The front door of the language: source text → DnetFile + diagnostics. Wraps the parser
// generated from grammar/dnet.peggy; a syntax error becomes a Diagnostic, and parsing goes
// on past it (the offending line blanked) so a file's syntax errors are reported at once.
// Plain lines are read by fast-lines first, the parser gets the rest (ARCHITECTURE.md).
import { didYouMean, type Diagnostic } from '../diagnostics/index.js';
import type { DnetFile, RawFile } from './ast.js';
import { readFastLines } from './fast-lines.js';
import { parse, SyntaxError as PeggySyntaxError } from './generated/parser.js';
import { groupFile } from './group.js';
import { syntaxDiagnostic } from './syntax-error.js';

export const STATEMENT_KEYWORDS = ['docker', 'docker-compose', 'expect', 'let', 'file', 'skip', 'scenario'];

/** At most this many syntax errors per file: past that they are mostly echoes. */
const MAX_SYNTAX_ERRORS = 20;

export interface ParseOutcome {
  file: DnetFile | null;
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /**
   * Read the commonest lines without the generated parser (src/language/fast-lines.ts).
   * Off only where the two ways are compared.
   */
  fastLines?: boolean;
}

const suggestStatement = (w: string): string | null => didYouMean(w, STATEMENT_KEYWORDS);

function parseRaw(path: string, source: string): RawFile {
  return parse(source, { grammarSource: path, suggestStatement });
}

/**
 * The file with its plain lines read by fast-lines and the others by the parser, their
 * items merged in source order; null when that cannot be done (a syntax error anywhere:
 * the whole file is parsed again, so that the messages are the grammar's).
 */
function parseWithFastLines(path: string, source: string): RawFile | null {
  const fast = readFastLines(path, source);
  if (fast === null) return null;
  let items = fast.items;
  if (fast.rest !== '') {
    let rest: RawFile;
    try {
      rest = parse(fast.rest, { grammarSource: path, suggestStatement, lines: fast.lines });
    } catch (err) {
      if (err instanceof PeggySyntaxError) return null;
      throw err;
    }
    items = [];
    let i = 0;
    let j = 0;
    while (i < fast.items.length || j < rest.items.length) {
      const takeFast = j === rest.items.length
        || (i < fast.items.length && fast.items[i].loc.start.offset < rest.items[j].loc.start.offset);
      items.push(takeFast ? fast.items[i++] : rest.items[j++]);
    }
  }
  return { type: 'RawFile', items, loc: { source: path, start: { offset: 0, line: 1, column: 1 }, end: fast.end } };
}

/** [start, end) of the logical line around `offset` (`\`-newline joins lines). */
function logicalLine(source: string, offset: number): [number, number] {
  let start = source.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  while (start > 0 && /\\\r?\n$/.test(source.slice(Math.max(0, start - 3), start))) {
    start = source.lastIndexOf('\n', start - 2) + 1;
  }
  let end = source.indexOf('\n', offset);
  while (end >= 0 && /\\\r?$/.test(source.slice(Math.max(0, end - 2), end))) end = source.indexOf('\n', end + 1);
  return [start, end < 0 ? source.length : end];
}

function blank(source: string, [start, end]: [number, number]): string {
  return source.slice(0, start) + source.slice(start, end).replace(/[^\r\n]/g, ' ') + source.slice(end);
}

export function parseFile(path: string, source: string, options: ParseOptions = {}): ParseOutcome {
  if (options.fastLines !== false) {
    const raw = parseWithFastLines(path, source);
    if (raw !== null) return { file: groupFile(raw, path, source), diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  let text = source;
  for (;;) {
    try {
      const raw = parseRaw(path, text);
      return { file: diagnostics.length ? null : groupFile(raw, path, source), diagnostics };
    } catch (err) {
      if (!(err instanceof PeggySyntaxError)) throw err;
      diagnostics.push(syntaxDiagnostic(err, path, source));
      const line = logicalLine(text, err.location.start.offset);
      // A broken `file` header would turn its body into statements: stop there.
      const recoverable = !/^\s*file\b/.test(text.slice(line[0], line[1])) && text.slice(line[0], line[1]).trim() !== '';
      if (!recoverable || diagnostics.length >= MAX_SYNTAX_ERRORS) return { file: null, diagnostics };
      text = blank(text, line);
    }
  }
}

/** Parse text that is not on disk (tests, `fmt` of stdin). */
export function parseSource(source: string, path = 'input.dnet', options: ParseOptions = {}): ParseOutcome {
  return parseFile(path, source, options);
}
