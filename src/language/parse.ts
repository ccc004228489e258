// The front door of the language: source text → DnetFile + diagnostics. Wraps the parser
// generated from grammar/dnet.peggy; a syntax error becomes a Diagnostic, and parsing goes
// on past it (the offending line blanked) so a file's syntax errors are reported at once.
import { didYouMean, type Diagnostic } from '../diagnostics/index.js';
import type { DnetFile, RawFile } from './ast.js';
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

function parseRaw(path: string, source: string): RawFile {
  const options = { grammarSource: path, suggestStatement: (w: string) => didYouMean(w, STATEMENT_KEYWORDS) };
  return parse(source, options);
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

export function parseFile(path: string, source: string): ParseOutcome {
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
export function parseSource(source: string, path = 'input.dnet'): ParseOutcome {
  return parseFile(path, source);
}
