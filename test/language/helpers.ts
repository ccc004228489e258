// Shared by the language tests: parse a snippet, and strip locations for comparisons.
import { expect } from 'vitest';
import type { DnetFile, Statement } from '../../src/language/ast.js';
import { parseSource } from '../../src/language/parse.js';

export function parseOk(source: string, path = 'snippet.dnet'): DnetFile {
  const { file, diagnostics } = parseSource(source, path);
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  if (!file) throw new Error('no file');
  return file;
}

/** The first statement of a one-scenario snippet. */
export function first(source: string, path?: string): Statement {
  return parseOk(source, path).scenarios[0].body[0];
}

const LOCATION_KEYS = new Set(['loc', 'nameLoc', 'titleLoc', 'programLoc', 'source']);

/** The AST without locations (and the file's source text): what a round trip keeps. */
export function withoutLocs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !LOCATION_KEYS.has(k)).map(([k, v]) => [k, withoutLocs(v)]));
  }
  return value;
}
