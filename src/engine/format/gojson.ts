// encoding/json for GoValues: json.Marshal (struct fields in order, map keys sorted,
// nil slices/maps/pointers as null, omitempty) and the 4-space indentation that
// `docker inspect` prints. Also the "raw" view: the value decoded back from JSON into
// interface{}, which `docker inspect -f` falls back to when the typed template fails.

import { type GoValue, isEmpty, sortedEntries } from './govalue.js';

export interface MarshalOptions {
  /** json.Marshal escapes <, >, & (the daemon's JSON); Docker's `json` template func does not. */
  escapeHTML: boolean;
}

export function marshal(v: GoValue, options: MarshalOptions = { escapeHTML: true }): string {
  switch (v.k) {
    case 'string':
      return quote(v.v, options.escapeHTML);
    case 'int':
      return String(v.v);
    case 'number':
      return v.v;
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'nil':
    case 'func':
      return 'null';
    case 'ptr':
      return v.to === null ? 'null' : marshal(v.to, options);
    case 'slice':
      return v.items === null ? 'null' : `[${v.items.map((item) => marshal(item, options)).join(',')}]`;
    case 'map':
      if (v.entries === null) return 'null';
      return `{${sortedEntries(v.entries)
        .map(([key, item]) => `${quote(key, options.escapeHTML)}:${marshal(item, options)}`)
        .join(',')}}`;
    case 'struct':
      // A custom MarshalJSON builds its text with json.Marshal: HTML is escaped there.
      if (v.marshal) return marshal(v.marshal(), { escapeHTML: true });
      return `{${v.fields
        .filter((f) => !f.noJson && !(f.omitempty && isEmpty(f.value)))
        .map((f) => `${quote(f.name, options.escapeHTML)}:${marshal(f.value, options)}`)
        .join(',')}}`;
  }
}

/** json.Indent(…, "", "    ") of compact JSON, as `docker inspect` prints its array. */
export function indent(json: string, unit = '    '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      // Empty objects and arrays stay on one line, as json.Indent leaves them.
      if (json[i + 1] === close) {
        out += c + close;
        i++;
      } else {
        depth++;
        out += c + '\n' + unit.repeat(depth);
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += '\n' + unit.repeat(depth) + c;
    } else if (c === ',') {
      out += ',\n' + unit.repeat(depth);
    } else if (c === ':') {
      out += ': ';
    } else {
      out += c;
    }
  }
  return out;
}

/** A Go string in JSON, escaped as encoding/json escapes it. */
export function quote(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&')))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * The value as json.Decoder (with UseNumber) decodes its JSON into interface{}: structs
 * become maps, nil becomes a nil interface, numbers json.Number.
 */
export function toRaw(v: GoValue): GoValue {
  switch (v.k) {
    case 'string':
    case 'bool':
    case 'number':
    case 'nil':
      return v;
    case 'int':
      return { k: 'number', v: String(v.v) };
    case 'func':
      return { k: 'nil' };
    case 'ptr':
      return v.to === null ? { k: 'nil' } : toRaw(v.to);
    case 'slice':
      return v.items === null ? { k: 'nil' } : { k: 'slice', type: '[]interface {}', items: v.items.map(toRaw) };
    case 'map':
      return v.entries === null
        ? { k: 'nil' }
        : { k: 'map', type: 'map[string]interface {}', entries: v.entries.map(([key, item]) => [key, toRaw(item)]) };
    case 'struct':
      if (v.marshal) return toRaw(v.marshal());
      return {
        k: 'map',
        type: 'map[string]interface {}',
        entries: v.fields
          .filter((f) => !f.noJson && !(f.omitempty && isEmpty(f.value)))
          .map((f) => [f.name, toRaw(f.value)]),
      };
  }
}
