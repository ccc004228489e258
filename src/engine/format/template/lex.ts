// The lexer of Go's text/template: text between actions, and the words of an action.
// Positions are offsets in the template text: Go's error messages print them.

export type TokenKind =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'field' // .Name
  | 'dot' // .
  | 'variable' // $x, $
  | 'identifier' // function names and keywords
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token's text; for strings the unquoted value. */
  value: string;
  pos: number;
}

export class TemplateSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly pos: number,
  ) {
    super(detail);
  }
}

const LEFT = '{{';
const RIGHT = '}}';

/** Splits the template into tokens; throws TemplateSyntaxError ("unclosed action", …). */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let trimNextText = false;
  while (i <= src.length) {
    const open = src.indexOf(LEFT, i);
    let text = open === -1 ? src.slice(i) : src.slice(i, open);
    // `{{- ` trims the white space before it, ` -}}` the white space after it.
    const trimLeft = open !== -1 && src.startsWith('- ', open + 2);
    if (trimNextText) text = text.replace(/^\s+/, '');
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text !== '') tokens.push({ kind: 'text', value: text, pos: i });
    if (open === -1) break;
    let j = open + LEFT.length + (trimLeft ? 2 : 0);
    tokens.push({ kind: 'leftDelim', value: LEFT, pos: open });
    // A comment is a whole action: {{/* … */}}.
    const afterSpace = src.slice(j).match(/^\s*/)![0].length;
    if (src.startsWith('/*', j + (trimLeft ? 0 : afterSpace))) {
      const end = src.indexOf('*/', j);
      if (end === -1) throw new TemplateSyntaxError('unclosed comment', open);
      const close = src.slice(end + 2).match(/^\s*(-\s)?\}\}/);
      if (!close) throw new TemplateSyntaxError('comment ends before closing delimiter', open);
      tokens.pop();
      trimNextText = close[1] !== undefined;
      i = end + 2 + close[0].length;
      continue;
    }
    const result = lexInside(src, j, tokens);
    j = result.end;
    trimNextText = result.trimRight;
    i = j;
  }
  tokens.push({ kind: 'eof', value: '', pos: src.length });
  return tokens;
}

function lexInside(src: string, start: number, tokens: Token[]): { end: number; trimRight: boolean } {
  let i = start;
  let parens = 0;
  for (;;) {
    if (i >= src.length) throw new TemplateSyntaxError('unclosed action', i);
    if (src.startsWith(' -}}', i) || src.startsWith('\t-}}', i) || src.startsWith('\n-}}', i)) {
      tokens.push({ kind: 'rightDelim', value: RIGHT, pos: i + 2 });
      return { end: i + 4, trimRight: true };
    }
    if (src.startsWith(RIGHT, i)) {
      if (parens > 0) throw new TemplateSyntaxError('unclosed left paren', i);
      tokens.push({ kind: 'rightDelim', value: RIGHT, pos: i });
      return { end: i + 2, trimRight: false };
    }
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '|') {
      tokens.push({ kind: 'pipe', value: c, pos: i++ });
    } else if (c === '(') {
      parens++;
      tokens.push({ kind: 'leftParen', value: c, pos: i++ });
    } else if (c === ')') {
      if (--parens < 0) throw new TemplateSyntaxError(`unexpected right paren U+0029 ')'`, i);
      tokens.push({ kind: 'rightParen', value: c, pos: i++ });
    } else if (c === ',') {
      tokens.push({ kind: 'comma', value: c, pos: i++ });
    } else if (src.startsWith(':=', i)) {
      tokens.push({ kind: 'declare', value: ':=', pos: i });
      i += 2;
    } else if (c === '=') {
      tokens.push({ kind: 'assign', value: c, pos: i++ });
    } else if (c === '"') {
      i = lexQuote(src, i, tokens);
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end === -1) throw new TemplateSyntaxError('unterminated raw quoted string', i);
      tokens.push({ kind: 'string', value: src.slice(i + 1, end), pos: i });
      i = end + 1;
    } else if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
      const m = src.slice(i + 1).match(/^[A-Za-z0-9_]*/)![0];
      tokens.push(m === '' ? { kind: 'dot', value: '.', pos: i } : { kind: 'field', value: m, pos: i });
      i += 1 + m.length;
      checkTerminator(src, i);
    } else if (c === '$') {
      const m = src.slice(i + 1).match(/^[A-Za-z0-9_]*/)![0];
      tokens.push({ kind: 'variable', value: '$' + m, pos: i });
      i += 1 + m.length;
      checkTerminator(src, i);
    } else if (/[-+0-9.]/.test(c)) {
      const m = src.slice(i).match(/^[-+]?(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?)/);
      if (!m) throw new TemplateSyntaxError(`bad number syntax: "${c}"`, i);
      tokens.push({ kind: 'number', value: m[0], pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = src.slice(i).match(/^[A-Za-z0-9_]+/)![0];
      const kind = m === 'true' || m === 'false' ? 'bool' : m === 'nil' ? 'nil' : 'identifier';
      tokens.push({ kind, value: m, pos: i });
      i += m.length;
    } else {
      throw new TemplateSyntaxError(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, i);
    }
  }
}

/** A field or variable must end at a space, `.`, `,`, `|`, `:`, `=`, a paren or `}}` (`.my-net` does not). */
function checkTerminator(src: string, i: number): void {
  const c = src[i];
  if (c === undefined || /[\s.,|:=()]/.test(c) || src.startsWith(RIGHT, i) || src.startsWith(' -}}', i)) return;
  if (c === '-' && src.startsWith('-}}', i)) return;
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  throw new TemplateSyntaxError(`bad character ${code} '${c}'`, i);
}

function lexQuote(src: string, start: number, tokens: Token[]): number {
  let value = '';
  let i = start + 1;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  for (;;) {
    const c = src[i];
    if (c === undefined || c === '\n') throw new TemplateSyntaxError('unterminated quoted string', start);
    if (c === '"') break;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        value += String.fromCodePoint(parseInt(src.slice(i + 2, i + 2 + len), 16));
        i += 2 + len;
        continue;
      }
      value += escapes[e] ?? e;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  tokens.push({ kind: 'string', value, pos: start });
  return i + 1;
}
