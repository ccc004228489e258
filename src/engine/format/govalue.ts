// Go values, as Docker's CLI holds them when it runs a template or marshals JSON.
// Docker prints typed Go structs (`{{.State}}` → `{running true …}`), maps sorted by key
// (`map[a:1 b:2]`), nil slices as `[]` but JSON `null`: to print byte-for-byte like the
// real client we keep the Go kinds rather than plain JS objects.

export interface GoField {
  name: string;
  value: GoValue;
  /** `json:",omitempty"`: the field is left out of JSON when it holds its zero value. */
  omitempty?: boolean;
  /** `json:"-"`: the field exists for templates but never in JSON. */
  noJson?: boolean;
}

export type GoValue =
  | { k: 'string'; v: string }
  | { k: 'int'; v: number }
  | { k: 'bool'; v: boolean }
  /** json.Number, as the raw-JSON fallback of `docker inspect -f` decodes numbers. */
  | { k: 'number'; v: string }
  /** A nil interface{}. */
  | { k: 'nil' }
  /** `to: null` is a nil pointer; `type` names the pointer type (`*types.Health`). */
  | { k: 'ptr'; type: string; to: GoValue | null }
  /** `items: null` is a nil slice. */
  | { k: 'slice'; type: string; items: GoValue[] | null }
  /** `entries: null` is a nil map. Keys are strings (all of Docker's maps are). */
  | { k: 'map'; type: string; entries: Array<[string, GoValue]> | null }
  /** `marshal`: what a custom MarshalJSON returns (formatter contexts have one). */
  | { k: 'struct'; type: string; fields: GoField[]; marshal?: () => GoValue; print?: () => string }
  /** A method of a formatter context (`.Label "key"`, `.Names`): called by the template. */
  | { k: 'func'; name: string; call: (args: Array<GoValue | undefined>) => GoValue };

export const str = (v: string): GoValue => ({ k: 'string', v });
export const int = (v: number): GoValue => ({ k: 'int', v });
export const bool = (v: boolean): GoValue => ({ k: 'bool', v });
export const nil: GoValue = { k: 'nil' };

export function strings(items: readonly string[] | null, type = '[]string'): GoValue {
  return { k: 'slice', type, items: items === null ? null : items.map(str) };
}

export function stringMap(entries: Record<string, string> | null, type = 'map[string]string'): GoValue {
  return { k: 'map', type, entries: entries === null ? null : Object.entries(entries).map(([key, v]) => [key, str(v)]) };
}

export function ptr(type: string, to: GoValue | null): GoValue {
  return { k: 'ptr', type, to };
}

export function struct(type: string, fields: GoField[]): GoValue {
  return { k: 'struct', type, fields };
}

/** Fields from a list of [name, value] pairs; a name ending in `?` is omitempty. */
export function fields(pairs: Array<[string, GoValue]>): GoField[] {
  return pairs.map(([name, value]) =>
    name.endsWith('?') ? { name: name.slice(0, -1), value, omitempty: true } : { name, value },
  );
}

/** Go's type name for error messages (`can't evaluate field X in type T`). */
export function typeName(v: GoValue): string {
  switch (v.k) {
    case 'string':
      return 'string';
    case 'int':
      return 'int';
    case 'bool':
      return 'bool';
    case 'number':
      return 'json.Number';
    case 'nil':
      return 'interface {}';
    case 'func':
      return 'func';
    default:
      return v.type;
  }
}

/** Go's "zero value" test, as omitempty and `{{if}}` use it. */
export function isEmpty(v: GoValue): boolean {
  switch (v.k) {
    case 'string':
      return v.v === '';
    case 'int':
      return v.v === 0;
    case 'bool':
      return !v.v;
    case 'number':
      return Number(v.v) === 0;
    case 'nil':
      return true;
    case 'ptr':
      return v.to === null;
    case 'slice':
      return v.items === null || v.items.length === 0;
    case 'map':
      return v.entries === null || v.entries.length === 0;
    case 'struct':
    case 'func':
      return false;
  }
}

/** Map entries sorted as fmt and encoding/json sort string keys (bytewise). */
export function sortedEntries(entries: Array<[string, GoValue]>): Array<[string, GoValue]> {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function mapGet(v: GoValue & { k: 'map' }, key: string): GoValue | undefined {
  return v.entries?.find(([name]) => name === key)?.[1];
}

/**
 * fmt's `%v` of a value as text/template prints it: a pointer at the top is followed
 * (text/template indirects it), deeper pointers print as addresses like fmt does. The
 * addresses are fake but stable (derived from the value): the simulator has no memory.
 */
export function printValue(v: GoValue): string {
  if (v.k === 'ptr') return v.to === null ? '<nil>' : formatV(v.to, 0);
  return formatV(v, 0);
}

function formatV(v: GoValue, depth: number): string {
  switch (v.k) {
    case 'string':
    case 'number':
      return v.v;
    case 'int':
      return String(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'nil':
      return '<nil>';
    case 'func':
      return '0xc000000000';
    case 'ptr':
      if (v.to === null) return '<nil>';
      // fmt prints &{…} for a pointer at the top, an address inside containers.
      return depth === 0 ? `&${formatV(v.to, 1)}` : fakeAddress(v.to);
    case 'slice':
      return `[${(v.items ?? []).map((item) => formatV(item, depth + 1)).join(' ')}]`;
    case 'map':
      return `map[${sortedEntries(v.entries ?? [])
        .map(([key, item]) => `${key}:${formatV(item, depth + 1)}`)
        .join(' ')}]`;
    case 'struct':
      if (v.print) return v.print();
      return `{${v.fields.map((f) => formatV(f.value, depth + 1)).join(' ')}}`;
  }
}

/**
 * "2026-11-22T06:50:32.157Z" → "2026-11-22 06:50:32 +0000 UTC": Go's Time.String(), to the
 * second as the list commands print it, or with the fraction (its trailing zeros dropped).
 */
export function createdAt(iso: string, withFraction = false): string {
  const m = iso.match(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?/);
  if (!m) return iso;
  const fraction = withFraction && m[3] ? m[3].replace(/0+$/, '').replace(/\.$/, '') : '';
  return `${m[1]} ${m[2]}${fraction} +0000 UTC`;
}

/**
 * A time.Time: RFC 3339 in JSON (its MarshalJSON), Go's Time.String() in a template
 * (`2026-12-04 19:16:42.901370822 +0000 UTC`; the zero time `0001-01-01 00:00:00 +0000 UTC`).
 */
export function goTime(rfc3339: string): GoValue {
  const text = createdAt(rfc3339, true);
  return { k: 'struct', type: 'time.Time', fields: [], marshal: () => str(rfc3339), print: () => text };
}

/** A Go-looking heap address derived from the value, so the same value prints the same. */
function fakeAddress(target: GoValue): string {
  let hash = 0x811c9dc5;
  for (const ch of formatV(target, 1)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `0xc000${(hash & 0xfffff).toString(16).padStart(5, '0')}0`;
}
