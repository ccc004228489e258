// Go's text/template, as `docker inspect -f`, `docker ps --format` and `docker network
// ls --format` run it, with Go's error texts (`template: :1: unclosed action`,
// `template: :1:2: executing "" at <.Foo>: …`). Parsing and evaluation live in
// ./template/; this module is their front door.

import type { GoValue } from './govalue.js';
import { execute, TemplateExecError } from './template/exec.js';
import { FUNCS } from './template/funcs.js';
import { TemplateSyntaxError } from './template/lex.js';
import { type Node, parseTemplate } from './template/parse.js';

export type { GoValue } from './govalue.js';

export interface Template {
  readonly source: string;
  readonly nodes: Node[];
}

export type Compiled = { ok: true; template: Template } | { ok: false; error: string };
export type Rendered = { ok: true; text: string } | { ok: false; error: string };

const FUNC_NAMES: ReadonlySet<string> = new Set(FUNCS.keys());

/** Parses a template; the error reads as Go's (`template: :1: unclosed action`). */
export function compile(source: string): Compiled {
  try {
    return { ok: true, template: { source, nodes: parseTemplate(source, FUNC_NAMES) } };
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return { ok: false, error: `template: :${lineOf(source, e.pos)}: ${e.detail}` };
    throw e;
  }
}

/** Runs a template over a value; `missingKeyError` is Go's Option("missingkey=error"). */
export function render(template: Template, data: GoValue, missingKeyError = false): Rendered {
  try {
    return { ok: true, text: execute(template.nodes, data, { missingKeyError }) };
  } catch (e) {
    if (e instanceof TemplateExecError) {
      const line = lineOf(template.source, e.pos);
      const column = e.pos - (template.source.lastIndexOf('\n', e.pos - 1) + 1);
      return { ok: false, error: `template: :${line}:${column}: executing "" at <${e.at}>: ${e.detail}` };
    }
    throw e;
  }
}

function lineOf(source: string, pos: number): number {
  return source.slice(0, pos).split('\n').length;
}

/**
 * Docker's preprocessing of a `--format` value (cli/command/formatter): `table` prefix
 * off, spaces trimmed, the two-character escapes `\t` and `\n` made real.
 */
export function prepareFormat(format: string): { table: boolean; source: string } {
  const table = format.startsWith('table');
  const body = (table ? format.slice('table'.length) : format).replace(/^ +| +$/g, '');
  return { table, source: body.replace(/\\t/g, '\t').replace(/\\n/g, '\n') };
}
