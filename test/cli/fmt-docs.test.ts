// `dnet-test fmt` and `dnet-test docs`: canonical text that is stable and means the same,
// and the Markdown documentation of a fixture, compared with its golden file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsMarkdown } from '../../src/cli/docs-markdown.js';
import { formatSource } from '../../src/cli/fmt.js';
import type { DnetFile } from '../../src/language/ast.js';
import { parseFile } from '../../src/language/parse.js';

const root = join(import.meta.dirname, '..', '..');
const dnetFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.dnet'))
    .sort()
    .map((f) => join(dir, f));

function formatted(path: string, source: string): string {
  const r = formatSource(path, source);
  if (r.status !== 'ok') throw new Error(`${path}: ${r.status}`);
  return r.text;
}

describe('fmt', () => {
  // Every spec of the project and every valid fixture: fmt(fmt(x)) == fmt(x).
  const valid = [...dnetFiles('scenarios'), ...dnetFiles('test/fixtures').filter((f) => !/broken|a-broken/.test(f))];
  it.each(valid)('is stable on %s', (path) => {
    const once = formatted(path, readFileSync(join(root, path), 'utf8'));
    const twice = formatSource(path, once);
    expect(twice).toEqual({ status: 'ok', text: once, changed: false });
  });

  it('keeps the project\'s scenarios in canonical form (fmt --check would pass)', () => {
    const changed = dnetFiles('scenarios').filter((path) => formatted(path, readFileSync(join(root, path), 'utf8')) !== readFileSync(join(root, path), 'utf8'));
    expect(changed).toEqual([]);
  });

  it('lays out a messy file canonically, comments kept', () => {
    const path = 'test/fixtures/unformatted/messy.dnet';
    const r = formatSource(path, readFileSync(join(root, path), 'utf8'));
    expect(r).toMatchObject({ status: 'ok', changed: true });
    expect(r.status === 'ok' && r.text).toBe(
      [
        '# about the file',
        'docker network create fmt-net  #  kept as written',
        '',
        '# about s',
        'scenario "s" @t',
        '  docker run -d --name a --network fmt-net busybox sleep 3600',
        '  expect ping a from host succeeds within 5s',
        '',
        'scenario "t"',
        '  skip "not yet"',
        '',
      ].join('\n'),
    );
  });

  it('refuses a file that does not parse, with its diagnostics', () => {
    const r = formatSource('x.dnet', 'expect pong a from b succeeds\n');
    expect(r.status).toBe('invalid');
    expect(r.status === 'invalid' && r.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('docs', () => {
  const parse = (path: string): DnetFile => {
    const { file } = parseFile(path, readFileSync(join(root, path), 'utf8'));
    if (!file) throw new Error(path);
    return file;
  };

  it('documents files and scenarios as Markdown (golden)', () => {
    const text = docsMarkdown(dnetFiles('test/fixtures/docs').map(parse));
    const golden = join(import.meta.dirname, 'golden', 'docs.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('gives each scenario of the project a section with its description', () => {
    const files = dnetFiles('scenarios').map(parse);
    const text = docsMarkdown(files);
    for (const f of files) {
      for (const s of f.scenarios) {
        expect(text).toContain(`### ${s.title.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`)}`);
        if (s.description.length) expect(text).toContain(s.description[0].trim());
      }
    }
  });

  it('fences a statement holding backticks with a longer fence', () => {
    const { file } = parseFile('x.dnet', 'scenario "s"\n  file a.md <<END\n    ````\n  END\n');
    expect(docsMarkdown([file!])).toContain('`````dnet\nfile a.md <<END\n  ````\nEND\n`````');
  });
});
