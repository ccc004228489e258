// BusyBox's text filters, as `docker exec C grep …` or a pipe in `sh -c '… | grep …'` runs
// them: grep, head, tail, wc, sort, uniq, cut, tr, and awk's `[/RE/] {print …}`. Each
// reads its files, or its standard input when none is named, and prints as BusyBox
// v1.35.0 does (checked on the 20.10 engine's stand-ins: `wc -l` of a pipe prints the
// bare count, `grep` of several files prefixes each line with its file). Options beyond
// these say they are not simulated rather than being ignored.

import type { ToolResult } from './context.js';

/** Where a filter's text comes from: its standard input (null: none, a terminal-less exec) and files. */
export interface TextInput {
  stdin: string | null;
  read(path: string): string | null;
}

type Filter = (input: TextInput, argv: string[]) => ToolResult;

const notSimulated = (tool: string, what: string): ToolResult =>
  ({ stdout: '', stderr: `dnet-test: ${tool} ${what} is not simulated\n`, exitCode: 127 });

/** The lines of a text, each without its newline (a last line without one counts). */
function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

const joinLines = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');

/** Short options as getopt reads them: clusters (`-vc`), values joined or next (`-n5`, `-n 5`), `--` ending them. */
function options(argv: string[], withValue: string, allowed: string): { flags: Map<string, string>; rest: string[]; bad: string | null } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (!allowed.includes(f) && !withValue.includes(f)) return { flags, rest, bad: `-${f}` };
      if (withValue.includes(f)) {
        const value = a.slice(j + 1) || argv[++i];
        if (value === undefined) return { flags, rest, bad: `-${f} without a value` };
        flags.set(f, value);
        break;
      }
      flags.set(f, '');
    }
  }
  return { flags, rest, bad: null };
}

/** The named files' texts in order, or stdin; a missing file is reported the tool's way and skipped. */
function sources(tool: string, input: TextInput, paths: string[]): { texts: Array<{ name: string; text: string }>; stderr: string } {
  if (paths.length === 0) return { texts: [{ name: '-', text: input.stdin ?? '' }], stderr: '' };
  const texts: Array<{ name: string; text: string }> = [];
  let stderr = '';
  for (const p of paths) {
    const text = p === '-' ? input.stdin ?? '' : input.read(p);
    if (text === null) stderr += `${tool}: ${p}: No such file or directory\n`;
    else texts.push({ name: p, text });
  }
  return { texts, stderr };
}

/** A POSIX basic or extended regular expression as a JavaScript one (the common subset). */
export function posixRegex(pattern: string, extended: boolean, ignoreCase: boolean): RegExp | null {
  const classes: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', space: ' \\t\\n\\r\\f\\v', upper: 'A-Z',
    lower: 'a-z', xdigit: '0-9A-Fa-f', punct: '!-\\/:-@\\[-`{-~', blank: ' \\t' };
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      // A bracket expression: copied, with [:class:] names spelled out.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j = pattern.startsWith('[:', j) ? pattern.indexOf(':]', j) + 2 : j + 1;
      const body = pattern.slice(i + 1, j).replace(/\[:(\w+):\]/g, (_m, name: string) => classes[name] ?? '').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = j;
    } else if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      // In a basic expression \( \) \{ \} \| \+ \? are the operators; in an extended one escapes stay literal.
      out += !extended && '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  try {
    return new RegExp(out, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
}

const grep: Filter = (input, argv) => {
  const o = options(argv, 'e', 'vicqnoEFwxhHlsr');
  if (o.bad) return notSimulated('grep', o.bad);
  const f = o.flags;
  const rest = [...o.rest];
  const pattern = f.get('e') ?? rest.shift();
  if (pattern === undefined) return { stdout: '', stderr: 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n', exitCode: 2 };
  if (f.has('r')) return notSimulated('grep', '-r');
  let source = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern;
  if (f.has('w')) source = `(?:^|(?<=[^A-Za-z0-9_]))(?:${source})(?=[^A-Za-z0-9_]|$)`;
  if (f.has('x')) source = `^(?:${source})$`;
  const re = f.has('F') || f.has('w') || f.has('x') ? new RegExp(source, f.has('i') ? 'i' : '') : posixRegex(pattern, f.has('E'), f.has('i'));
  if (re === null) return { stdout: '', stderr: `grep: bad regex '${pattern}'\n`, exitCode: 2 };
  const { texts, stderr } = sources('grep', input, rest);
  const named = (texts.length > 1 || f.has('H')) && !f.has('h');
  let stdout = '';
  let matched = false;
  for (const { name, text } of texts) {
    let count = 0;
    lines(text).forEach((line, k) => {
      const hit = re.test(line) !== f.has('v');
      if (!hit) return;
      count++;
      matched = true;
      if (f.has('q') || f.has('c') || f.has('l')) return;
      const prefix = `${named ? `${name === '-' ? '(standard input)' : name}:` : ''}${f.has('n') ? `${k + 1}:` : ''}`;
      if (f.has('o') && !f.has('v')) {
        for (const m of line.matchAll(new RegExp(re.source, `${re.flags}g`))) if (m[0] !== '') stdout += `${prefix}${m[0]}\n`;
      } else stdout += `${prefix}${line}\n`;
    });
    if (f.has('c')) stdout += `${named ? `${name}:` : ''}${count}\n`;
    if (f.has('l') && count > 0) stdout += `${name === '-' ? '(standard input)' : name}\n`;
  }
  if (f.has('q')) return { stdout: '', stderr: '', exitCode: matched ? 0 : 1 };
  return { stdout, stderr: f.has('s') ? '' : stderr, exitCode: stderr !== '' && !matched ? 2 : matched ? 0 : 1 };
};

/** `-n N`, `-N` (and tail's `+N`): the count and whether it counts from the start. */
function lineCount(argv: string[]): { n: number; fromStart: boolean; rest: string[] } | null {
  const rest: string[] = [];
  let n = 10;
  let fromStart = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '-n' ? argv[++i] : a.startsWith('-n') ? a.slice(2) : /^-\d+$/.test(a) ? a.slice(1) : null;
    if (value !== null) {
      if (value === undefined) return null;
      fromStart = value.startsWith('+');
      n = Number(value.replace(/^[+-]/, ''));
      if (!Number.isInteger(n)) return null;
    } else if (a.startsWith('-') && a !== '-') return null;
    else rest.push(a);
  }
  return { n, fromStart, rest };
}

function headTail(tool: 'head' | 'tail'): Filter {
  return (input, argv) => {
    const parsed = lineCount(argv);
    if (parsed === null) return notSimulated(tool, argv.join(' '));
    const { texts, stderr } = sources(tool, input, parsed.rest);
    const blocks = texts.map(({ name, text }) => {
      const ls = lines(text);
      const picked = tool === 'head' ? ls.slice(0, parsed.n) : parsed.fromStart ? ls.slice(Math.max(0, parsed.n - 1)) : ls.slice(Math.max(0, ls.length - parsed.n));
      return `${texts.length > 1 ? `==> ${name} <==\n` : ''}${joinLines(picked)}`;
    });
    return { stdout: blocks.join('\n'), stderr: stderr.replace(new RegExp(`^${tool}: (.*): No such file or directory$`, 'gm'), `${tool}: can't open '$1': No such file or directory`), exitCode: stderr === '' ? 0 : 1 };
  };
}

const wc: Filter = (input, argv) => {
  const o = options(argv, '', 'lwcm');
  if (o.bad) return notSimulated('wc', o.bad);
  const wanted = ['l', 'w', 'c'].filter((k) => o.flags.has(k) || (k === 'c' && o.flags.has('m')));
  const columns = wanted.length > 0 ? wanted : ['l', 'w', 'c'];
  const { texts, stderr } = sources('wc', input, o.rest);
  const counts = (text: string): Record<string, number> => ({
    l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text),
  });
  // One column is printed bare; several are right-aligned in nine places, a space apart.
  const row = (c: Record<string, number>, name: string | null): string =>
    columns.map((k, i) => (columns.length === 1 ? String(c[k]) : `${i > 0 ? ' ' : ''}${String(c[k]).padStart(9)}`)).join('') + (name === null ? '' : ` ${name}`) + '\n';
  let stdout = '';
  const total: Record<string, number> = { l: 0, w: 0, c: 0 };
  for (const { name, text } of texts) {
    const c = counts(text);
    for (const k of columns) total[k]! += c[k]!;
    stdout += row(c, name === '-' ? null : name);
  }
  if (texts.length > 1) stdout += row(total, 'total');
  return { stdout, stderr: stderr.replace(/^wc: (.*): No such file or directory$/gm, "wc: can't open '$1': No such file or directory"), exitCode: stderr === '' ? 0 : 1 };
};

const sort: Filter = (input, argv) => {
  const o = options(argv, '', 'rnu');
  if (o.bad) return notSimulated('sort', o.bad);
  const { texts, stderr } = sources('sort', input, o.rest);
  let all = texts.flatMap((t) => lines(t.text));
  const num = (s: string): number => Number.parseFloat(s) || 0;
  // Byte order (the C locale), or by the leading number with byte order breaking ties.
  all.sort((a, b) => (o.flags.has('n') && num(a) !== num(b) ? num(a) - num(b) : a < b ? -1 : a > b ? 1 : 0));
  if (o.flags.has('r')) all.reverse();
  if (o.flags.has('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  return { stdout: joinLines(all), stderr, exitCode: stderr === '' ? 0 : 1 };
};

const uniq: Filter = (input, argv) => {
  const o = options(argv, '', 'cdu');
  if (o.bad) return notSimulated('uniq', o.bad);
  if (o.rest.length > 1) return notSimulated('uniq', 'OUTPUT');
  const { texts, stderr } = sources('uniq', input, o.rest);
  const runs: Array<{ line: string; n: number }> = [];
  for (const line of texts.flatMap((t) => lines(t.text))) {
    const last = runs[runs.length - 1];
    if (last && last.line === line) last.n++;
    else runs.push({ line, n: 1 });
  }
  const kept = runs.filter((r) => (o.flags.has('d') ? r.n > 1 : o.flags.has('u') ? r.n === 1 : true));
  return { stdout: kept.map((r) => (o.flags.has('c') ? `${String(r.n).padStart(7)} ${r.line}\n` : `${r.line}\n`)).join(''), stderr, exitCode: stderr === '' ? 0 : 1 };
};

/** A cut list (`1,3-4,6-`) as a test of 1-based positions. */
function fieldList(list: string): ((k: number) => boolean) | null {
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return null;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    ranges.push([from, to]);
  }
  return (k) => ranges.some(([a, b]) => k >= a && k <= b);
}

const cut: Filter = (input, argv) => {
  const o = options(argv, 'dfc', 's');
  if (o.bad) return notSimulated('cut', o.bad);
  const list = o.flags.get('f') ?? o.flags.get('c');
  const pick = list === undefined ? null : fieldList(list);
  if (pick === null) return { stdout: '', stderr: 'cut: expected a list of bytes, characters, or fields\n', exitCode: 1 };
  const delim = o.flags.get('d') ?? '\t';
  const { texts, stderr } = sources('cut', input, o.rest);
  const out = texts.flatMap((t) => lines(t.text)).flatMap((line) => {
    if (o.flags.has('c')) return [[...line].filter((_c, i) => pick(i + 1)).join('')];
    if (!line.includes(delim)) return o.flags.has('s') ? [] : [line];
    return [line.split(delim).filter((_f, i) => pick(i + 1)).join(delim)];
  });
  return { stdout: joinLines(out), stderr, exitCode: stderr === '' ? 0 : 1 };
};

/** A tr set with its ranges spelled out (`a-z`). */
function trSet(set: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i + 1] === '-' && i + 2 < set.length) {
      for (let c = set.charCodeAt(i); c <= set.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(set[i] === '\\' && set[i + 1] === 'n' ? (i++, '\n') : set[i]!);
  }
  return out;
}

const tr: Filter = (input, argv) => {
  const del = argv[0] === '-d';
  const sets = del ? argv.slice(1) : argv;
  if (sets.some((s) => s.startsWith('-')) || sets.length !== (del ? 1 : 2)) return notSimulated('tr', argv.join(' '));
  const from = trSet(sets[0]!);
  const to = del ? [] : trSet(sets[1]!);
  const map = new Map(from.map((c, i) => [c, del ? '' : to[Math.min(i, to.length - 1)] ?? '']));
  return { stdout: [...(input.stdin ?? '')].map((c) => map.get(c) ?? c).join(''), stderr: '', exitCode: 0 };
};

/** awk, for the one program shape scenarios use: `[/RE/] {print [$N, …]}` (`$0`, `$NF`), with -F. */
const awk: Filter = (input, argv) => {
  const o = options(argv, 'F', '');
  if (o.bad) return notSimulated('awk', o.bad);
  const [program, ...paths] = o.rest;
  const m = program === undefined ? null : /^\s*(?:\/((?:[^/\\]|\\.)*)\/\s*)?\{\s*print((?:\s*\$(?:\d+|NF)\s*,?)*)\s*;?\s*\}\s*$/.exec(program);
  if (m === null) return notSimulated('awk', `program ${JSON.stringify(program ?? '')} (only [/RE/] {print $N, …})`);
  const re = m[1] === undefined ? null : posixRegex(m[1], true, false);
  const fields = [...m[2]!.matchAll(/\$(\d+|NF)/g)].map((f) => f[1]!);
  const sep = o.flags.get('F');
  const { texts, stderr } = sources('awk', input, paths);
  let stdout = '';
  for (const line of texts.flatMap((t) => lines(t.text))) {
    if (re && !re.test(line)) continue;
    const words = sep === undefined ? line.trim().split(/[ \t]+/).filter(Boolean) : line.split(sep);
    const field = (f: string): string => (f === 'NF' ? words[words.length - 1] ?? '' : f === '0' ? line : words[Number(f) - 1] ?? '');
    stdout += `${fields.length === 0 ? line : fields.map(field).join(' ')}\n`;
  }
  return { stdout, stderr: stderr.replace(/^awk: (.*): No such file or directory$/gm, "awk: cannot open $1 (No such file or directory)"), exitCode: stderr === '' ? 0 : 2 };
};

export const FILTERS: Readonly<Record<string, Filter>> = { grep, head: headTail('head'), tail: headTail('tail'), wc, sort, uniq, cut, tr, awk };
