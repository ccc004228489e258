// `sh -c '…'` with simple commands: words split as a POSIX shell splits them ('…', "…",
// $VAR, $?), commands joined by `;`, `&&`, `||` or newlines, `for … in …; do …; done`,
// `if …; then …; [elif …; then …;] [else …;] fi`, `exit N`, `cd`, and the harmless
// redirections `>/dev/null`, `2>/dev/null`, `2>&1`, `>&2`, and pipelines of simple
// commands (`a | b | c`: each reads what the one before wrote; the status is the last
// one's), `while`/`until … do … done` with `break` and `continue`. No case, no `read`, no
// pipe into a compound command: they say so. Time does not pass in the simulator, so a
// loop that waits for something that never comes is stopped after LOOP_LIMIT rounds.

import { posix } from 'node:path';
import type { ToolResult } from './context.js';

export type RunCommand = (argv: string[], stdin?: string) => ToolResult;

type Token = { word: string } | { op: ';' | '&&' | '||' | '|' };

/** Where the `)` closing the `(` at `open` is (quotes and nested parentheses skipped), or -1. */
function closingParen(script: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < script.length; i++) {
    const c = script[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `$(…)`: runs the script inside and gives its output without the final newlines. */
type Substitute = (script: string) => string;

function tokenize(script: string, env: Map<string, string>, status: () => number, substitute: Substitute = () => ''): Token[] {
  const tokens: Token[] = [];
  let word: string | null = null;
  const push = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  const expand = (s: string, i: number): [string, number] => {
    if (s.startsWith('$(', i) && !s.startsWith('$((', i)) {
      const end = closingParen(s, i + 1);
      if (end < 0) throw new StopScript('sh: syntax error: unterminated $(\n');
      return [substitute(s.slice(i + 2, end)), end + 1];
    }
    if (s.startsWith('$((', i)) {
      const end = s.indexOf('))', i + 3);
      if (end < 0) throw new StopScript('sh: syntax error: missing ))\n');
      return [String(arithmetic(s.slice(i + 3, end), env)), end + 2];
    }
    const m = s.slice(i + 1).match(/^(\?|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/);
    if (!m) return ['$', i + 1];
    const name = m[1]!.replace(/[{}]/g, '');
    return [name === '?' ? String(status()) : (env.get(name) ?? ''), i + 1 + m[1]!.length];
  };
  for (let i = 0; i < script.length; ) {
    const c = script[i]!;
    if (c === ' ' || c === '\t') {
      push();
      i++;
    } else if (c === '\n' || c === ';') {
      push();
      tokens.push({ op: ';' });
      i++;
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      push();
      tokens.push({ op: script.slice(i, i + 2) as '&&' | '||' });
      i += 2;
    } else if (c === '|') {
      push();
      tokens.push({ op: '|' });
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? script.length : end + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && '"\\$`'.includes(script[i + 1] ?? '')) {
          word += script[i + 1];
          i += 2;
        } else if (script[i] === '$') {
          const [value, next] = expand(script, i);
          word += value;
          i = next;
        } else word += script[i++];
      }
      i++;
    } else if (c === '$') {
      const [value, next] = expand(script, i);
      if (value !== '$') {
        // An unquoted expansion is split into words at blanks and newlines (IFS).
        const pieces = value.split(/[ \t\n]+/);
        pieces.forEach((piece, k) => {
          if (k > 0) push();
          if (piece !== '') word = (word ?? '') + piece;
        });
      } else word = (word ?? '') + value;
      i = next;
    } else if (c === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  push();
  return tokens;
}

/** Cuts a script at `;`, `&&`, `||`, `|` and newlines outside quotes. */
function segments(script: string): Array<{ text: string; op: ';' | '&&' | '||' | '|' }> {
  const out: Array<{ text: string; op: ';' | '&&' | '||' | '|' }> = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '$' && script[i + 1] === '(') i = Math.max(i, closingParen(script, i + 1));
    else if (c === ';' || c === '\n' || c === '|' || script.startsWith('&&', i)) {
      const op = c === '\n' ? ';' : script.startsWith('&&', i) ? '&&' : script.startsWith('||', i) ? '||' : (c as ';' | '|');
      out.push({ text: script.slice(start, i), op });
      i += op.length - 1;
      start = i + 1;
    }
  }
  out.push({ text: script.slice(start), op: ';' });
  return out;
}

type Op = ';' | '&&' | '||' | '|';
type Segment = { text: string; op: Op };

/** A command list: simple commands and the compound ones `for` and `if`, each with the operator after it. */
type Node =
  | { kind: 'simple'; text: string; op: Op }
  | { kind: 'pipeline'; stages: string[]; op: Op }
  | { kind: 'for'; name: string; words: string; body: Node[]; op: Op }
  | { kind: 'loop'; until: boolean; cond: Node[]; body: Node[]; op: Op }
  | { kind: 'if'; branches: Array<{ cond: Node[]; body: Node[] }>; otherwise: Node[]; op: Op };

class Unsupported extends Error {}
/** `exit` inside an `if` condition. */
class ExitScript extends Error {}
/** `break` / `continue` inside a loop's body. */
class LoopControl extends Error {
  constructor(readonly kind: 'break' | 'continue') {
    super(kind);
  }
}
/** Found while running: the script stops with this message (exit 2). */
class StopScript extends Error {}

/** Rounds of a `while`/`until` loop before the simulator gives up on it ending. */
const LOOP_LIMIT = 10_000;

const RESERVED = /^\s*(for|do|done|if|then|elif|else|fi|while|until|case|esac)(?=\s|$)/;

/**
 * Reads segments off the front of `queue` into nodes, up to one of `ends` (a reserved word
 * starting a segment), which is returned with its segment's operator; what follows the
 * word in its segment (`do echo $i`) goes back to the front. Reserved words count only at
 * the start of a command, as the shell reads them.
 */
function parseList(queue: Segment[], ends: readonly string[]): { nodes: Node[]; end: string | null; op: Op } {
  const nodes: Node[] = [];
  // Takes the word off the front segment; what follows it is the next command (`do echo
  // $i`, `if true`) or, for `for` and the closing words, not a command at all.
  const take = (seg: Segment, restIsCommand: boolean): Segment => {
    queue.shift();
    const rest = { text: seg.text.replace(RESERVED, ''), op: seg.op };
    if (restIsCommand && rest.text.trim() !== '') queue.unshift(rest);
    return rest;
  };
  const expect = (word: string, within: readonly string[]): { nodes: Node[]; end: string; op: Op } => {
    const r = parseList(queue, within);
    if (r.end === null) throw new Unsupported(`sh: syntax error: unexpected end of file (expecting "${word}")\n`);
    return r as { nodes: Node[]; end: string; op: Op };
  };
  while (queue.length > 0) {
    const seg = queue[0]!;
    const word = RESERVED.exec(seg.text)?.[1];
    if (word !== undefined && ends.includes(word)) {
      // `done`/`fi` close the compound command: the operator after them is its own.
      const { op } = take(seg, word !== 'done' && word !== 'fi');
      return { nodes, end: word, op };
    }
    if (word === 'case') throw new Unsupported(`sh: ${word} is not simulated by dnet-test\n`);
    if (word === 'while' || word === 'until') {
      take(seg, true);
      const cond = expect('do', ['do']);
      const body = expect('done', ['done']);
      nodes.push({ kind: 'loop', until: word === 'until', cond: cond.nodes, body: body.nodes, op: body.op });
      continue;
    }
    if (word === 'for') {
      const head = take(seg, false);
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\b(.*)$/s.exec(head.text);
      if (!m) throw new Unsupported('sh: for NAME in WORDS is the only for loop simulated by dnet-test\n');
      const open = expect('do', ['do']);
      if (open.nodes.length > 0) throw new Unsupported("sh: syntax error: expected 'do'\n");
      const body = expect('done', ['done']);
      nodes.push({ kind: 'for', name: m[1]!, words: m[2]!, body: body.nodes, op: body.op });
      continue;
    }
    if (word === 'if') {
      take(seg, true);
      const branches: Array<{ cond: Node[]; body: Node[] }> = [];
      let otherwise: Node[] = [];
      let cond = expect('then', ['then']);
      for (;;) {
        const body = expect('fi', ['elif', 'else', 'fi']);
        branches.push({ cond: cond.nodes, body: body.nodes });
        if (body.end === 'elif') {
          cond = expect('then', ['then']);
          continue;
        }
        let op = body.op;
        if (body.end === 'else') {
          const last = expect('fi', ['fi']);
          otherwise = last.nodes;
          op = last.op;
        }
        nodes.push({ kind: 'if', branches, otherwise, op });
        break;
      }
      continue;
    }
    if (word !== undefined) throw new Unsupported(`sh: syntax error: unexpected "${word}"\n`);
    queue.shift();
    if (seg.op !== '|') {
      nodes.push({ kind: 'simple', text: seg.text, op: seg.op });
      continue;
    }
    // A pipeline: this command and the ones joined to it by `|`, up to the first other operator.
    const stages = [seg.text];
    let op: Op = '|';
    while (op === '|') {
      const next = queue.shift();
      if (next === undefined || next.text.trim() === '') throw new Unsupported('sh: syntax error: unexpected end of file\n');
      if (RESERVED.test(next.text)) throw new Unsupported('sh: a pipe into a compound command is not simulated by dnet-test\n');
      stages.push(next.text);
      op = next.op;
    }
    nodes.push({ kind: 'pipeline', stages, op });
  }
  return { nodes, end: null, op: ';' };
}

/** Writes a command's output into a file (`> f`, `>> f`); returns the shell's error text or null. */
export type WriteFile = (path: string, content: string, append: boolean) => string | null;

/** Runs a script; `run` executes one simple command (the same tools as `docker exec`). */
export function runScript(script: string, env: Map<string, string>, run: RunCommand, write?: WriteFile): ToolResult {
  let stdout = '';
  let stderr = '';
  let status = 0;
  const parts = segments(script);
  let skip = false;
  // A substitution runs in a subshell: its variables stay there, its errors show.
  const substitute: Substitute = (inner) => {
    const r = runScript(inner, new Map(env), run, write);
    stderr += r.stderr;
    return r.stdout.replace(/\n+$/, '');
  };
  /** While a pipeline runs: where a stage's standard output goes, for the next stage to read. */
  let piped: { out: string } | null = null;
  // Words are expanded when their command runs, so `$?` sees the previous status.
  /** A command's words, expanded now (so `$?` sees the status before it). */
  const expandWords = (text: string): string[] => tokenize(text, env, () => status, substitute).flatMap((t) => ('word' in t ? [t.word] : []));
  const flush = (text: string, last: boolean, stdin?: string): boolean => {
    const argv = expandWords(text);
    if (argv.length === 0 || skip) return true;
    let words = argv;
    let quietOut = false;
    let quietErr = false;
    let errToOut = false;
    let outToErr = false;
    words = words.filter((w, i) => {
      if (w === '>/dev/null' || w === '1>/dev/null' || (w === '>' && words[i + 1] === '/dev/null')) return !(quietOut = true);
      if (w === '2>/dev/null') return !(quietErr = true);
      if (w === '2>&1') return !(errToOut = true);
      if (w === '>&2' || w === '1>&2') return !(outToErr = true);
      return !(w === '/dev/null' && words[i - 1] === '>');
    });
    // `> FILE` / `>> FILE`: stdout goes into the container's files (volumes, its own layer).
    let outFile: { path: string; append: boolean } | null = null;
    if (write) {
      const kept: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const m = /^1?(>>?)(.*)$/.exec(words[i]!);
        const target = m ? (m[2] !== '' ? m[2] : words[i + 1]) : undefined;
        if (m && target !== undefined && target !== '/dev/null' && !target.startsWith('&')) {
          outFile = { path: target, append: m[1] === '>>' };
          if (m[2] === '') i++;
          continue;
        }
        kept.push(words[i]!);
      }
      words = kept;
    }
    // NAME=VALUE words before the command: alone they set shell variables; before a
    // command they are its environment only.
    let assigned = 0;
    while (assigned < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[assigned]!)) assigned++;
    if (assigned > 0 && assigned === words.length) {
      for (const w of words) env.set(w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1));
      status = 0;
      return true;
    }
    const saved = new Map<string, string | undefined>();
    for (const w of words.slice(0, assigned)) {
      const name = w.slice(0, w.indexOf('='));
      if (!saved.has(name)) saved.set(name, env.get(name));
      env.set(name, w.slice(w.indexOf('=') + 1));
    }
    words = words.slice(assigned);
    try {
      return runWords(words, last, stdin, { quietOut, quietErr, errToOut, outToErr, outFile });
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) env.delete(name);
        else env.set(name, value);
      }
    }
  };
  const runWords = (words: string[], last: boolean, stdin: string | undefined,
    r: { quietOut: boolean; quietErr: boolean; errToOut: boolean; outToErr: boolean; outFile: { path: string; append: boolean } | null }): boolean => {
    const { quietOut, quietErr, errToOut, outToErr, outFile } = r;
    if (words[0] === 'cd') {
      // The directory is not checked: the simulator keeps no tree of the image's folders.
      const home = env.get('HOME') ?? '/';
      const target = words[1] === undefined ? home : words[1] === '-' ? (env.get('OLDPWD') ?? home) : words[1];
      env.set('OLDPWD', env.get('PWD') ?? '/');
      env.set('PWD', posix.resolve(env.get('PWD') ?? '/', target));
      status = 0;
      return true;
    }
    if (words[0] === 'test' || words[0] === '[') {
      const r = testBuiltin(words);
      status = r.exitCode;
      stderr += r.stderr;
      return true;
    }
    if (words[0] === 'break' || words[0] === 'continue') {
      status = 0;
      throw new LoopControl(words[0]);
    }
    if (words[0] === 'read') throw new StopScript('sh: read is not simulated by dnet-test (an exec has no input)\n');
    if (words[0] === 'exit') {
      // The process's status is a byte: `exit 300` ends with 44.
      status = words[1] === undefined ? status : (Number(words[1]) || 0) & 255;
      return false;
    }
    if (outFile && write) {
      // The shell opens the file before it runs the command: a failure stops it there.
      const error = write(outFile.path, '', true);
      if (error !== null) {
        stderr += `sh: ${error}\n`;
        status = 1;
        return true;
      }
    }
    const result = words.length > 0 ? run(words, stdin) : { stdout: '', stderr: '', exitCode: 0 };
    status = result.exitCode;
    // ash reports a child killed by SIGSEGV on the command's stderr; the script's last
    // command is exec'd in place of the shell, so nobody is left to report it.
    const crashed = status === 139 && !last ? 'Segmentation fault\n' : '';
    const err = quietErr ? '' : result.stderr + crashed;
    if (outFile && write) write(outFile.path, quietOut ? '' : result.stdout + (errToOut ? err : ''), outFile.append);
    else if (outToErr) stderr += result.stdout;
    else if (!quietOut && piped) piped.out += result.stdout + (errToOut ? err : '');
    else if (!quietOut) stdout += result.stdout + (errToOut ? err : '');
    if (!errToOut) stderr += err;
    return true;
  };
  let nodes: Node[];
  try {
    nodes = parseList([...parts], []).nodes;
  } catch (e) {
    if (e instanceof Unsupported) return { stdout: '', stderr: e.message, exitCode: 2 };
    throw e;
  }
  const lastSimple = parts[parts.length - 1]?.text;
  // Runs a list; false once `exit` ends the script.
  const runList = (list: Node[]): boolean => {
    for (const node of list) {
      if (!skip) {
        if (node.kind === 'simple' && !flush(node.text, node.text === lastSimple && list === nodes)) return false;
        if (node.kind === 'pipeline') {
          // Each stage reads what the one before wrote; the last one's output is the script's.
          let input: string | undefined;
          node.stages.forEach((stage, i) => {
            piped = i < node.stages.length - 1 ? { out: '' } : null;
            flush(stage, false, input);
            input = piped?.out;
          });
          piped = null;
        }
        if (node.kind === 'for') {
          const values = expandWords(node.words);
          status = 0;
          for (const v of values) {
            env.set(node.name, v);
            const went = body(node.body);
            if (went === 'exit') return false;
            if (went === 'break') break;
          }
        }
        if (node.kind === 'loop') {
          // The status is the body's last, 0 when it never ran (ash).
          let last = 0;
          for (let round = 1; ; round++) {
            if (round > LOOP_LIMIT) {
              throw new StopScript(`sh: ${node.until ? 'until' : 'while'} ran ${LOOP_LIMIT} rounds without ending: time does not pass in dnet-test, so what it waits for never comes\n`);
            }
            if (!runList(node.cond)) return false;
            if ((status === 0) === node.until) break;
            const went = body(node.body);
            last = status;
            if (went === 'exit') return false;
            if (went === 'break') break;
          }
          status = last;
        }
        if (node.kind === 'if') {
          const branch = node.branches.find((b) => {
            if (!runList(b.cond)) throw new ExitScript();
            return status === 0;
          });
          status = 0;
          if (!runList(branch ? branch.body : node.otherwise)) return false;
        }
      }
      // `a && b`: b runs only if a succeeded; `a || b` only if it failed.
      skip = (node.op === '&&' && status !== 0) || (node.op === '||' && status === 0);
    }
    skip = false;
    return true;
  };
  /** A loop's body, once: whether the loop goes on, stops (`break`), or the script ends (`exit`). */
  const body = (list: Node[]): 'next' | 'break' | 'exit' => {
    try {
      return runList(list) ? 'next' : 'exit';
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      skip = false;
      return e.kind === 'break' ? 'break' : 'next';
    }
  };
  try {
    runList(nodes);
  } catch (e) {
    if (e instanceof StopScript) return { stdout, stderr: stderr + e.message, exitCode: 2 };
    if (!(e instanceof ExitScript) && !(e instanceof LoopControl)) throw e;
  }
  return { stdout, stderr, exitCode: status };
}

/**
 * ash's `test` / `[`: strings (=, !=, -z, -n, a bare word) and integers (-eq … -ge), with
 * `!`. File tests need the image's tree, which the simulator does not keep: they say so.
 */
function testBuiltin(words: string[]): ToolResult {
  const bracket = words[0] === '[';
  if (bracket && words[words.length - 1] !== ']') return { stdout: '', stderr: 'sh: missing ]\n', exitCode: 2 };
  let args = words.slice(1, bracket ? -1 : undefined);
  let negate = false;
  while (args[0] === '!' && args.length > 1) {
    negate = !negate;
    args = args.slice(1);
  }
  const result = (holds: boolean): ToolResult => ({ stdout: '', stderr: '', exitCode: holds !== negate ? 0 : 1 });
  const [a, op, b] = args;
  if (args.length === 0) return result(false);
  if (args.length === 1) return result(a !== '');
  if (args.length === 2) {
    if (op === undefined) return result(false);
    if (a === '-z') return result(op === '');
    if (a === '-n') return result(op !== '');
    if (/^-[efdrwxsLhp]$/.test(a!)) return { stdout: '', stderr: `sh: test ${a}: file tests are not simulated by dnet-test\n`, exitCode: 2 };
    return { stdout: '', stderr: `sh: ${a}: unknown operand\n`, exitCode: 2 };
  }
  if (args.length === 3 && a !== undefined && op !== undefined && b !== undefined) {
    if (op === '=' || op === '==') return result(a === b);
    if (op === '!=') return result(a !== b);
    const ints: Record<string, (x: number, y: number) => boolean> = {
      '-eq': (x, y) => x === y, '-ne': (x, y) => x !== y, '-lt': (x, y) => x < y,
      '-le': (x, y) => x <= y, '-gt': (x, y) => x > y, '-ge': (x, y) => x >= y,
    };
    const cmp = ints[op];
    if (cmp) {
      const bad = [a, b].find((v) => !/^\s*[-+]?\d+\s*$/.test(v));
      if (bad !== undefined) return { stdout: '', stderr: `sh: ${bad}: bad number\n`, exitCode: 2 };
      return result(cmp(Number(a), Number(b)));
    }
  }
  return { stdout: '', stderr: 'sh: test: expressions beyond one comparison are not simulated by dnet-test\n', exitCode: 2 };
}

/**
 * `$((EXPR))`: ash's integer arithmetic for the common operators (+ - * / %, parentheses,
 * unary minus, comparisons giving 1 or 0), names read as shell variables (unset: 0).
 */
function arithmetic(expr: string, env: Map<string, string>): number {
  const tokens = expr.match(/\s*(\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|!=|[-+*/%()<>])/gy)?.map((t) => t.trim()) ?? [];
  if (tokens.join('').length !== expr.replace(/\s+/g, '').length) throw new StopScript(`sh: arithmetic syntax error\n`);
  let k = 0;
  const value = (t: string): number => (/^\d/.test(t) ? Number(t) : Number(env.get(t.replace(/^\$/, '')) ?? 0) || 0);
  const primary = (): number => {
    const t = tokens[k++];
    if (t === undefined) throw new StopScript('sh: arithmetic syntax error\n');
    if (t === '(') {
      const v = compare();
      if (tokens[k++] !== ')') throw new StopScript('sh: arithmetic syntax error\n');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    return value(t);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[k] === '*' || tokens[k] === '/' || tokens[k] === '%') {
      const op = tokens[k++];
      const w = primary();
      if (op !== '*' && w === 0) throw new StopScript('sh: arithmetic syntax error: divide by zero\n');
      v = op === '*' ? v * w : op === '/' ? Math.trunc(v / w) : v % w;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[k] === '+' || tokens[k] === '-') v = tokens[k++] === '+' ? v + product() : v - product();
    return v;
  };
  const compare = (): number => {
    const v = sum();
    const op = tokens[k];
    if (!['<', '>', '<=', '>=', '==', '!='].includes(op ?? '')) return v;
    k++;
    const w = sum();
    return Number(op === '<' ? v < w : op === '>' ? v > w : op === '<=' ? v <= w : op === '>=' ? v >= w : op === '==' ? v === w : v !== w);
  };
  const result = compare();
  if (k !== tokens.length) throw new StopScript('sh: arithmetic syntax error\n');
  return result;
}
