// The functions a Docker template can call: Go's builtins (len, index, print, printf,
// println, eq…, and/or/not) and the ones Docker's CLI adds (json, split, join, title,
// lower, upper, pad, truncate — docker/cli templates.basicFunctions).

import { marshal, quote } from '../gojson.js';
import { type GoValue, isEmpty, mapGet, printValue, str, typeName } from '../govalue.js';

/** A template value: a GoValue, or undefined for Go's invalid reflect.Value ("<no value>"). */
export type TValue = GoValue | undefined;

/** An error inside a function; the evaluator reports it as `error calling NAME: …`. */
export class FuncError extends Error {}

export type TemplateFunc = (args: TValue[]) => TValue;

const asString = (v: TValue, _fn: string): string => {
  if (v?.k === 'string') return v.v;
  throw new FuncError(`wrong type for value; expected string; got ${v === undefined ? 'invalid' : typeName(v)}`);
};

const asInt = (v: TValue): number => {
  if (v?.k === 'int') return v.v;
  if (v?.k === 'number') return Number(v.v);
  throw new FuncError(`wrong type for value; expected int; got ${v === undefined ? 'invalid' : typeName(v)}`);
};

export const display = (v: TValue): string => (v === undefined ? '<no value>' : printValue(v));

/** Zero value of a Go element type named in a map's or slice's type string. */
function zeroOf(type: string): TValue {
  if (type === 'string') return str('');
  if (type === 'int') return { k: 'int', v: 0 };
  if (type === 'bool') return { k: 'bool', v: false };
  if (type.startsWith('*')) return { k: 'ptr', type, to: null };
  if (type.startsWith('[]')) return { k: 'slice', type, items: null };
  if (type.startsWith('map[')) return { k: 'map', type, entries: null };
  return undefined;
}

function elemType(type: string): string {
  if (type.startsWith('map[')) return type.slice(type.indexOf(']') + 1);
  if (type.startsWith('[]')) return type.slice(2);
  return 'interface {}';
}

function deref(v: TValue): TValue {
  return v?.k === 'ptr' ? (v.to ?? undefined) : v;
}

function index(args: TValue[]): TValue {
  let item = deref(args[0]);
  for (const key of args.slice(1)) {
    if (item?.k === 'map') {
      const k = asString(key, 'index');
      item = mapGet(item, k) ?? zeroOf(elemType(item.type));
    } else if (item?.k === 'slice') {
      const i = asInt(key);
      const items = item.items ?? [];
      if (i < 0 || i >= items.length) throw new FuncError(`index out of range: ${i}`);
      item = items[i];
    } else if (item?.k === 'string') {
      const i = asInt(key);
      if (i < 0 || i >= item.v.length) throw new FuncError(`index out of range: ${i}`);
      item = { k: 'int', v: item.v.charCodeAt(i) };
    } else {
      throw new FuncError(`can't index item of type ${item === undefined ? 'invalid' : typeName(item)}`);
    }
  }
  return item;
}

function compareKey(v: TValue): string | number | boolean {
  if (v === undefined) throw new FuncError('invalid type for comparison');
  switch (v.k) {
    case 'string':
      return v.v;
    case 'int':
      return v.v;
    case 'number':
      return Number(v.v);
    case 'bool':
      return v.v;
    default:
      throw new FuncError('invalid type for comparison');
  }
}

/** fmt.Sprint: a space between operands when neither side is a string. */
function sprint(args: TValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && a?.k !== 'string' && args[i - 1]?.k !== 'string') out += ' ';
    out += display(a);
  });
  return out;
}

/** fmt.Sprintf for the verbs templates use: %s %v %d %q %t %x %f %%, width, precision, '-', '0'. */
export function sprintf(format: string, args: TValue[]): string {
  let n = 0;
  const out = format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const a = args[n++];
    let s: string;
    switch (verb) {
      case 'd':
        s = a?.k === 'int' || a?.k === 'number' ? String(a.v) : `%!d(${a === undefined ? '<nil>' : typeName(a) + '=' + display(a)})`;
        break;
      case 'q':
        s = a?.k === 'string' ? quote(a.v, false) : display(a);
        break;
      case 'x':
        s = a?.k === 'int' ? a.v.toString(16) : a?.k === 'string' ? Buffer.from(a.v).toString('hex') : display(a);
        break;
      case 'f':
        s = a?.k === 'int' || a?.k === 'number' ? Number(a.v).toFixed(prec === undefined ? 6 : Number(prec)) : display(a);
        prec = undefined;
        break;
      default:
        s = display(a);
    }
    if (prec !== undefined && (verb === 's' || verb === 'v')) s = [...s].slice(0, Number(prec)).join('');
    if (width !== undefined && s.length < Number(width)) {
      const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(Number(width) - s.length);
      s = flags.includes('-') ? s + pad : pad + s;
    }
    return s;
  });
  const extra = args.slice(n);
  return extra.length === 0 ? out : `${out}%!(EXTRA ${extra.map((a) => `${a === undefined ? '<nil>' : typeName(a)}=${display(a)}`).join(', ')})`;
}

function title(s: string): string {
  // strings.Title: upper-case the first letter of every word (after a non-letter).
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/** Go's `slice x i j`: x[i:j] of a string (bytes) or a slice. */
function slice([item, ...idx]: TValue[]): TValue {
  const d = deref(item);
  const len = d?.k === 'string' ? Buffer.byteLength(d.v) : d?.k === 'slice' ? (d.items?.length ?? 0) : -1;
  if (len < 0) throw new FuncError(`can't slice item of type ${d === undefined ? 'invalid' : typeName(d)}`);
  if (idx.length > 2 && d?.k === 'string') throw new FuncError('cannot 3-index slice a string');
  const [from, to] = [idx[0] ? asInt(idx[0]) : 0, idx[1] ? asInt(idx[1]) : len];
  if (from < 0 || from > len) throw new FuncError(`index out of range: ${from}`);
  if (to < from || to > len) throw new FuncError(`index out of range: ${to}`);
  if (d?.k === 'string') return str(Buffer.from(d.v).subarray(from, to).toString());
  return { k: 'slice', type: (d as Extract<GoValue, { k: 'slice' }>).type, items: (d as Extract<GoValue, { k: 'slice' }>).items?.slice(from, to) ?? null };
}

export const FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ['json', ([v]) => str(v === undefined ? 'null' : marshal(v, { escapeHTML: false }))],
  ['split', ([s, sep]) => ({ k: 'slice', type: '[]string', items: splitGo(asString(s, 'split'), asString(sep, 'split')).map(str) })],
  [
    'join',
    ([list, sep]) => {
      if (list?.k !== 'slice' || !(list.items ?? []).every((i) => i.k === 'string'))
        throw new FuncError(`wrong type for value; expected []string; got ${list === undefined ? 'invalid' : typeName(list)}`);
      return str((list.items ?? []).map((i) => display(i)).join(asString(sep, 'join')));
    },
  ],
  ['title', ([s]) => str(title(asString(s, 'title')))],
  ['lower', ([s]) => str(asString(s, 'lower').toLowerCase())],
  ['upper', ([s]) => str(asString(s, 'upper').toUpperCase())],
  // docker/cli's padWithSpace: an empty string stays empty (raw formats' `labels:` lines).
  ['pad', ([s, before, after]) => {
    const v = asString(s, 'pad');
    return str(v === '' ? v : ' '.repeat(asInt(before)) + v + ' '.repeat(asInt(after)));
  }],
  [
    'truncate',
    ([s, n]) => {
      const chars = [...asString(s, 'truncate')];
      return str(chars.length > asInt(n) ? chars.slice(0, asInt(n)).join('') : chars.join(''));
    },
  ],
  [
    'len',
    ([v]) => {
      const d = deref(v);
      if (d?.k === 'string') return { k: 'int', v: Buffer.byteLength(d.v) };
      if (d?.k === 'slice') return { k: 'int', v: d.items?.length ?? 0 };
      if (d?.k === 'map') return { k: 'int', v: d.entries?.length ?? 0 };
      throw new FuncError(`len of type ${d === undefined ? 'invalid' : typeName(d)}`);
    },
  ],
  ['index', index],
  ['slice', slice],
  ['print', (args) => str(sprint(args))],
  ['println', (args) => str(args.map(display).join(' ') + '\n')],
  ['printf', ([format, ...rest]) => str(sprintf(asString(format, 'printf'), rest))],
  ['not', ([v]) => ({ k: 'bool', v: v === undefined || isEmpty(v) })],
  ['and', (args) => args.find((a) => a === undefined || isEmpty(a)) ?? args[args.length - 1]],
  ['or', (args) => args.find((a) => a !== undefined && !isEmpty(a)) ?? args[args.length - 1]],
  ['eq', ([a, ...rest]) => ({ k: 'bool', v: rest.some((b) => compareKey(a) === compareKey(b)) })],
  ['ne', ([a, b]) => ({ k: 'bool', v: compareKey(a) !== compareKey(b) })],
  ['lt', ([a, b]) => ({ k: 'bool', v: compareKey(a) < compareKey(b) })],
  ['le', ([a, b]) => ({ k: 'bool', v: compareKey(a) <= compareKey(b) })],
  ['gt', ([a, b]) => ({ k: 'bool', v: compareKey(a) > compareKey(b) })],
  ['ge', ([a, b]) => ({ k: 'bool', v: compareKey(a) >= compareKey(b) })],
]);

function splitGo(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}
