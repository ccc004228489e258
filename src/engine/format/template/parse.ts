// The parser of Go's text/template: tokens → a tree of text, actions and control
// structures (if / with / range … else … end). Unknown functions are a parse error in Go
// (`function "x" not defined`), so the parser is given the names of the known ones.

import { lex, TemplateSyntaxError, type Token } from './lex.js';

export type Arg =
  | { t: 'field'; names: string[]; pos: number; text: string }
  | { t: 'dot'; pos: number }
  | { t: 'var'; name: string; names: string[]; pos: number; text: string }
  | { t: 'ident'; name: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; text: string; pos: number }
  | { t: 'bool'; v: boolean; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'paren'; pipe: Pipe; names: string[]; pos: number; text: string };

export interface Command {
  args: Arg[];
  pos: number;
}

export interface Pipe {
  /** Variables declared (`$x :=`) or assigned (`$x =`) by this pipeline. */
  decl: string[];
  assign: boolean;
  cmds: Command[];
  pos: number;
}

export type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with' | 'range'; pipe: Pipe; list: Node[]; elseList: Node[] | null; pos: number }
  | { t: 'break' | 'continue'; pos: number };

export function parseTemplate(src: string, funcs: ReadonlySet<string>): Node[] {
  return new Parser(lex(src), funcs).parseAll();
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly funcs: ReadonlySet<string>,
  ) {}

  parseAll(): Node[] {
    const { list, end } = this.parseList();
    if (end !== 'eof') throw new TemplateSyntaxError(`unexpected {{${end}}}`, this.peek().pos);
    return list;
  }

  private peek(): Token {
    // Past the end, keep answering EOF.
    return this.tokens[Math.min(this.i, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private expect(kind: Token['kind'], context: string): Token {
    const token = this.next();
    if (token.kind !== kind) throw new TemplateSyntaxError(`unexpected ${describe(token)} in ${context}`, token.pos);
    return token;
  }

  /** Nodes up to {{end}}, {{else}} or the end of the text; says which one stopped it. */
  private parseList(): { list: Node[]; end: 'eof' | 'end' | 'else' } {
    const list: Node[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') return { list, end: 'eof' };
      if (token.kind === 'text') {
        list.push({ t: 'text', text: token.value });
        continue;
      }
      // leftDelim
      const word = this.peek();
      if (word.kind === 'identifier') {
        switch (word.value) {
          case 'end':
            this.next();
            this.expect('rightDelim', 'end');
            return { list, end: 'end' };
          case 'else':
            // `{{else if …}}` is left for the caller to read: it nests an if.
            this.next();
            if (this.peek().kind === 'rightDelim') this.next();
            else this.i--;
            return { list, end: 'else' };
          case 'if':
          case 'with':
          case 'range':
            this.next();
            list.push(this.parseControl(word.value, word.pos));
            continue;
          case 'break':
          case 'continue':
            this.next();
            this.expect('rightDelim', word.value);
            list.push({ t: word.value, pos: word.pos });
            continue;
          case 'define':
          case 'template':
          case 'block':
            throw new TemplateSyntaxError(`{{${word.value}}} is not supported by dnet-test`, word.pos);
        }
      }
      list.push({ t: 'action', pipe: this.parsePipe('command', true) });
    }
  }

  private parseControl(kind: 'if' | 'with' | 'range', pos: number): Node {
    const pipe = this.parsePipe(kind, kind === 'range' || kind === 'with' || kind === 'if');
    const body = this.parseList();
    if (body.end === 'eof') throw new TemplateSyntaxError('unexpected EOF', this.peek().pos);
    let elseList: Node[] | null = null;
    if (body.end === 'else') {
      const word = this.tokens[this.i]!;
      if (word.kind === 'identifier' && word.value === 'else') {
        // {{else if X}} … {{end}}: an if nested in the else branch, sharing the end.
        this.i++;
        const nested = this.peek();
        this.next();
        elseList = [this.parseControl(nested.value as 'if' | 'with', nested.pos)];
      } else {
        const rest = this.parseList();
        if (rest.end !== 'end') throw new TemplateSyntaxError(rest.end === 'eof' ? 'unexpected EOF' : 'expected end; found {{else}}', this.peek().pos);
        elseList = rest.list;
      }
    }
    return { t: kind, pipe, list: body.list, elseList, pos };
  }

  private parsePipe(context: string, allowDecl: boolean): Pipe {
    const pos = this.peek().pos;
    const decl: string[] = [];
    let assign = false;
    // Look ahead for `$x :=`, `$x =` or `$k, $v :=`.
    if (allowDecl && this.peek().kind === 'variable') {
      const save = this.i;
      const names = [this.next().value];
      if (this.peek().kind === 'comma') {
        this.next();
        if (this.peek().kind === 'variable') names.push(this.next().value);
      }
      const op = this.peek();
      if (op.kind === 'declare' || op.kind === 'assign') {
        this.next();
        decl.push(...names);
        assign = op.kind === 'assign';
      } else {
        this.i = save;
      }
    }
    const cmds: Command[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'rightDelim' || token.kind === 'rightParen') {
        if (token.kind === 'rightDelim') this.next();
        if (cmds.length === 0) throw new TemplateSyntaxError(`missing value for ${context}`, token.pos);
        return { decl, assign, cmds, pos };
      }
      if (token.kind === 'eof') throw new TemplateSyntaxError('unclosed action', token.pos);
      cmds.push(this.parseCommand());
      if (this.peek().kind === 'pipe') this.next();
    }
  }

  private parseCommand(): Command {
    const pos = this.peek().pos;
    const args: Arg[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'pipe' || token.kind === 'rightDelim' || token.kind === 'rightParen' || token.kind === 'eof') break;
      args.push(this.parseOperand());
    }
    if (args.length === 0) throw new TemplateSyntaxError('missing command', pos);
    return { args, pos };
  }

  private parseOperand(): Arg {
    const token = this.next();
    switch (token.kind) {
      case 'field': {
        const names = [token.value, ...this.chain()];
        return { t: 'field', names, pos: chainPos(token, this.tokens, this.i, names), text: names.map((n) => '.' + n).join('') };
      }
      case 'dot':
        return { t: 'dot', pos: token.pos };
      case 'variable': {
        const names = this.chain();
        return { t: 'var', name: token.value, names, pos: token.pos, text: token.value + names.map((n) => '.' + n).join('') };
      }
      case 'identifier':
        if (!this.funcs.has(token.value)) throw new TemplateSyntaxError(`function "${token.value}" not defined`, token.pos);
        return { t: 'ident', name: token.value, pos: token.pos };
      case 'string':
        return { t: 'string', v: token.value, pos: token.pos };
      case 'number':
        return { t: 'number', text: token.value, pos: token.pos };
      case 'bool':
        return { t: 'bool', v: token.value === 'true', pos: token.pos };
      case 'nil':
        return { t: 'nil', pos: token.pos };
      case 'leftParen': {
        const pipe = this.parsePipe('parenthesized pipeline', false);
        this.expect('rightParen', 'parenthesized pipeline');
        const names = this.chain();
        return { t: 'paren', pipe, names, pos: token.pos, text: '(…)' + names.map((n) => '.' + n).join('') };
      }
      default:
        throw new TemplateSyntaxError(`unexpected ${describe(token)} in operand`, token.pos);
    }
  }

  /** `.B.C` following an operand. */
  private chain(): string[] {
    const names: string[] = [];
    while (this.peek().kind === 'field' && this.peek().pos === tokenEnd(this.tokens[this.i - 1]!)) {
      names.push(this.next().value);
    }
    return names;
  }
}

// Go reports a chained field (.A.B) at its second element: mimic it for error columns.
function chainPos(first: Token, tokens: Token[], after: number, names: string[]): number {
  if (names.length < 2) return first.pos;
  return tokens[after - names.length + 1]!.pos;
}

function tokenEnd(token: Token): number {
  if (token.kind === 'field') return token.pos + 1 + token.value.length;
  if (token.kind === 'rightParen') return token.pos + 1;
  return token.pos + token.value.length;
}

function describe(token: Token): string {
  if (token.kind === 'rightDelim') return '"}}"';
  if (token.kind === 'eof') return 'EOF';
  return `"${token.value}"`;
}
