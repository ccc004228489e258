// A Peggy SyntaxError → a Diagnostic that says in words what was expected and what was
// found ("expected `from` but found 'frm'"), pointing at the offending word.
import { error, type Diagnostic } from '../diagnostics/index.js';
import type { PeggyExpectation, SyntaxError as PeggySyntaxError } from './generated/parser.js';
import { locationAt } from './position.js';

const STATEMENTS = '`docker`, `docker-compose`, `expect`, `let`, `file`, `skip` or `scenario`';

function describe(e: PeggyExpectation): string {
  switch (e.type) {
    case 'literal': return `\`${e.text ?? ''}\``;
    case 'end': return 'end of file';
    case 'any': return 'a character';
    default: return e.description ?? e.text ?? e.type;
  }
}

/** "a, b or c", without layout noise when something better is expected. */
export function expectedInWords(expected: readonly PeggyExpectation[]): string {
  let words = [...new Set(expected.map(describe))];
  if (words.length > 1) words = words.filter((w) => w !== 'whitespace');
  if (words.includes('end of line')) words = words.filter((w) => w !== 'end of file');
  // Line ends and comments are always possible; say them last.
  const rank = (w: string): number => (w === 'a comment' ? 1 : w.startsWith('end of') ? 2 : 0);
  words.sort((a, b) => rank(a) - rank(b));
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Offset of the next token at or after `offset` on the same logical line. */
function skipBlanks(source: string, offset: number): number {
  let i = offset;
  for (;;) {
    if (source[i] === ' ' || source[i] === '\t') i++;
    else if (source[i] === '\\' && source[i + 1] === '\n') i += 2;
    else if (source[i] === '\\' && source[i + 1] === '\r' && source[i + 2] === '\n') i += 3;
    else return i;
  }
}

export function syntaxDiagnostic(err: PeggySyntaxError, path: string, source: string): Diagnostic {
  const offset = err.location.start.offset;
  if (!err.expected) {
    // A message the grammar raised itself (unknown statement, unclosed quote, `|` …).
    const loc = locationAt(path, source, offset, err.location.end.offset);
    const hint = err.message.startsWith('unknown statement') ? `a statement starts with ${STATEMENTS}` : undefined;
    return error(err.message, loc, { hint });
  }
  const at = skipBlanks(source, offset);
  let found: string;
  let end = at;
  if (at >= source.length) found = 'end of file';
  else if (source[at] === '\n' || source[at] === '\r') found = 'end of line';
  else {
    end = at;
    while (end < source.length && !/[ \t\r\n]/.test(source[end])) end++;
    const token = source.slice(at, end);
    found = `'${token.length > 40 ? `${token.slice(0, 40)}…` : token}'`;
  }
  return error(`expected ${expectedInWords(err.expected)} but found ${found}`, locationAt(path, source, at, end));
}
