// Docker's formatter.Context: a `--format` (or the command's default table) run over one
// context value per row; `table …` adds a header line (the same template run over the
// header context) and aligns everything with the tabwriter.

import type { CommandResult } from '../../backends/backend.js';
import { type GoValue, str } from './govalue.js';
import { compile, prepareFormat, render } from './gotemplate.js';
import { FuncError } from './template/funcs.js';
import { tabwrite } from './tabwriter.js';

export interface ListFormat {
  format: string;
  rows: GoValue[];
  /** The value the header line is rendered from (fields → column titles). */
  header: GoValue;
  /** What the client prefixes template errors with (it differs between commands). */
  parseErrorPrefix: string;
  execErrorPrefix: string;
}

/** A list command's own formats (docker/cli's NewXFormat): its table, raw and quiet forms. */
export interface ListFormats {
  table: string;
  quiet: string;
  raw: string;
  rawQuiet: string;
}

/**
 * The format a list command runs, as docker/cli's formatters pick it: `-q` only changes
 * the default table and `raw`; a format of the user's own (`table {{.Name}}` too) wins
 * over `-q`.
 */
export function chooseFormat(given: string | null, quiet: boolean, formats: ListFormats): string {
  if (given === null || given === '' || given === 'table') return quiet ? formats.quiet : formats.table;
  if (given === 'raw') return quiet ? formats.rawQuiet : formats.raw;
  return given;
}

export function formatList(list: ListFormat): CommandResult {
  const { table, source } = prepareFormat(list.format);
  const compiled = compile(source);
  if (!compiled.ok) return { stdout: '', stderr: `${list.parseErrorPrefix}${compiled.error}\n`, exitCode: 1 };
  let body = '';
  for (const row of list.rows) {
    const out = render(compiled.template, row);
    if (!out.ok) return { stdout: '', stderr: `${list.execErrorPrefix}${out.error}\n`, exitCode: 1 };
    body += out.text + '\n';
  }
  if (!table) return { stdout: body, stderr: '', exitCode: 0 };
  const header = render(compiled.template, list.header);
  const headerLine = header.ok ? header.text + '\n' : '';
  return { stdout: tabwrite(headerLine + body), stderr: '', exitCode: 0 };
}

/** A header context: every field answers its column title; `.Label "x"` answers x. */
export function headerContext(type: string, titles: Record<string, string>, methods: Record<string, (args: Array<GoValue | undefined>) => string> = {}): GoValue {
  return {
    k: 'struct',
    type,
    fields: [
      ...Object.entries(titles).map(([name, title]) => ({ name, value: { k: 'string', v: title } as GoValue })),
      ...Object.entries(methods).map(([name, fn]) => ({
        name,
        value: { k: 'func', name, call: (args: Array<GoValue | undefined>) => ({ k: 'string', v: fn(args) }) } as GoValue,
      })),
    ],
  };
}

/**
 * A row context (Docker's ContainerContext, networkContext…): every field a string,
 * `.Label "key"` looks up a label, and `{{json .}}` gives the fields as a map.
 */
export function rowContext(type: string, values: Record<string, string>, labels: Readonly<Record<string, string>>): GoValue {
  const label = (args: Array<GoValue | undefined>): GoValue => {
    const key = args[0];
    if (key?.k !== 'string') throw new FuncError('wrong type for value; expected string');
    return str(labels[key.v] ?? '');
  };
  return {
    k: 'struct',
    type,
    fields: [
      ...Object.entries(values).map(([name, v]) => ({ name, value: str(v) })),
      { name: 'Label', value: { k: 'func', name: 'Label', call: label }, noJson: true },
    ],
    // MarshalJSON of these contexts: every method's value, keys sorted.
    marshal: () => ({ k: 'map', type: 'map[string]interface {}', entries: Object.entries(values).map(([k, v]) => [k, str(v)]) }),
  };
}

/** The header Docker derives from a label name: last dotted part, `-`/`_` as spaces. */
export function labelHeader(args: Array<GoValue | undefined>): string {
  const name = args[0]?.k === 'string' ? args[0].v : '';
  return (name.split('.').pop() ?? '').replace(/[-_]/g, ' ');
}
