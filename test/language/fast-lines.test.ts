// src/language/fast-lines.ts reads plain lines without the generated parser. It must give
// exactly the tree the grammar gives (same nodes, fields, locations), or leave the line
// to the parser. Compared here on every `.dnet` file of the project, on the bench's
// generated corpora, and on mutations of all their lines (words dropped, doubled,
// swapped, cut short, keywords and commas inserted), which reach the corners of the
// grammar's ordered choices.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readFastLines } from '../../src/language/fast-lines.js';
import { parseFile } from '../../src/language/parse.js';
// @ts-expect-error: plain JavaScript modules of the bench, without types
import { corpusFile } from '../../scripts/bench/corpus.mjs';
// @ts-expect-error: as above
import { seeded } from '../../scripts/bench/random.mjs';
// @ts-expect-error: as above
import { scenarioFile } from '../../scripts/bench/scenarios.mjs';

const root = join(import.meta.dirname, '..', '..');

function dnetFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : dnetFiles(path);
    return name.endsWith('.dnet') ? [path] : [];
  });
}

/** Both ways of parsing give the same outcome: the tree, or the same diagnostics. */
function expectSameParse(path: string, source: string): void {
  const reference = parseFile(path, source, { fastLines: false });
  const fast = parseFile(path, source);
  expect(fast).toStrictEqual(reference);
}

type Rng = () => number;

const INSERTS = ['is', 'not', 'none', 'on', 'of', 'in', 'from', 'host', 'within', '5s', '1.5m', '2ms', '3x', ',', ', ',
  'fails', 'succeeds', 'with', 'ip', 'mac', 'gateway', 'subnet', 'network', 'exists', 'exist', 'does', 'contain',
  'contains', 'matches', 'published', 'returns', 'gives', 'code', 'exited', 'running', 'paused', '200', '@tag', 'docker',
  'docker-compose', 'expect', 'output', 'error', 'port', '80/udp', '80/tcpx', '0.0.0.0:80', '[::1]:80', '1.2:', 'a:b',
  ':80', 'x,y', 'ip,', '#', 'scenario', '"t"', '1.s',
  '"a b"', '""', '"x,y"', '"host"', '"fails"', '$x', '${y}', '$x,', '"a$b"', 'x"y"', 'let', '=', 'host', 'port', '$'];

/** Variants of one line: cut at each word, trailing blanks, words changed a little, random edits. */
function mutations(line: string, rng: Rng): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const words = line.trim().split(/\s+/);
  const out: string[] = [`${line}  `, `${line}\t`];
  for (let k = 1; k < words.length; k++) out.push(indent + words.slice(0, k).join(' '), `${indent}${words.slice(0, k).join(' ')} `);
  for (let k = 0; k < words.length; k++) {
    for (const changed of [words[k].slice(0, -1), `${words[k]}x`, `${words[k]},`]) {
      out.push(indent + [...words.slice(0, k), changed, ...words.slice(k + 1)].join(' '));
    }
  }
  const pick = (n: number): number => Math.floor(rng() * n);
  for (let k = 0; k < 8; k++) {
    const w = [...words];
    const at = pick(w.length + 1);
    switch (pick(5)) {
      case 0: w.splice(at, 0, INSERTS[pick(INSERTS.length)]); break;
      case 1: if (w.length > 1) w.splice(Math.min(at, w.length - 1), 1); break;
      case 2: if (at < w.length) w.splice(at, 0, w[at]); break;
      case 3: if (at + 1 < w.length) [w[at], w[at + 1]] = [w[at + 1], w[at]]; break;
      default: w.push(INSERTS[pick(INSERTS.length)]);
    }
    out.push(indent + w.join(pick(4) === 0 ? '  ' : ' '));
  }
  return out;
}

const projectFiles = [...dnetFiles(join(root, 'scenarios')), ...dnetFiles(join(root, 'test')), ...dnetFiles(join(root, 'docs'))];

function benchCorpus(): Array<[string, string]> {
  const rng = seeded(2000);
  const files: Array<[string, string]> = [];
  for (let i = 0; i < 60; i++) files.push([`e2e-${i}.dnet`, scenarioFile(rng, i)]);
  const big = seeded(6);
  for (let i = 0; i < 3; i++) files.push([`corpus-${i}.dnet`, corpusFile(big, i, 30_000)]);
  return files;
}

describe('fast-lines reads what the grammar reads', () => {
  test.each(projectFiles.map((p) => [p.slice(root.length + 1), p]))('%s', (_name, path) => {
    expectSameParse(path, readFileSync(path, 'utf8'));
  });

  test('the bench corpora', () => {
    for (const [path, source] of benchCorpus()) expectSameParse(path, source);
  });

  test('mutations of every line, each alone and under a scenario line', () => {
    const rng = seeded(7).next;
    const lines = new Set<string>();
    for (const path of projectFiles) for (const l of readFileSync(path, 'utf8').split('\n')) lines.add(l);
    for (const [, source] of benchCorpus().slice(0, 4)) for (const l of source.split('\n')) lines.add(l);
    let compared = 0;
    for (const line of lines) {
      // The lines this reader could take (not heredoc bodies, `let`, `file` …).
      // The lines this reader could take (not heredoc bodies, `let`, `file` …), two in five
      // of them (a fixed sample: the whole takes ~20 s).
      if (!/^\s*(docker|expect|scenario|let|#)/.test(line) || rng() < 0.6) continue;
      for (const variant of mutations(line, rng)) {
        expectSameParse('m.dnet', `${variant}\n`);
        if (compared % 4 === 0) expectSameParse('m.dnet', `scenario "s" @t\n  docker network create n1\n${variant}\n  expect ping a from b succeeds`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20_000);
  });
});

describe('fast-lines does the work it is there for', () => {
  test('it reads most lines of plain scenarios, and leaves the others to the parser', () => {
    const source = [
      '# two containers',
      'scenario "web reaches db" @dns',
      '  docker network create n1',
      '  docker run -d --name web --net n1 nginx',
      '  expect ping web from host succeeds within 5s',
      '  expect ip of web on n1 is 172.18.0.2',
      '  expect resolve web from db gives ip of web, 10.0.0.9',
      '  expect docker network rm n1 fails with "has active endpoints"',
      '  let ip = ip of web',
      '  expect ping $ip from db succeeds',
      "  expect output contains 'single quotes'",
      '  expect output matches /^ok$/',
      '  docker run --name x \\',
      '    busybox',
    ].join('\n');
    const fast = readFastLines('f.dnet', source);
    expect(fast?.items.map((i) => i.type)).toEqual(['Comment', 'ScenarioHeader', 'DockerCommand', 'DockerCommand', 'Expect',
      'Expect', 'Expect', 'Expect', 'Let', 'Expect']);
    expect(fast?.lines.numbers).toEqual([11, 12, 13, 14]);
    expect(fast?.rest.split('\n')[0]).toBe("  expect output contains 'single quotes'");
    expectSameParse('f.dnet', source);
  });

  test('a heredoc or a carriage return leaves the whole file to the parser', () => {
    expect(readFastLines('f.dnet', 'file a.yml <<EOF\ndocker run x\nEOF\n')).toBeNull();
    expect(readFastLines('f.dnet', 'docker run x\r\n')).toBeNull();
  });

  test('a syntax error anywhere gives the grammar\'s messages', () => {
    const source = 'docker run -d --name web nginx\nexpect ping web frm host succeeds\ndocker ps | grep web\n';
    const outcome = parseFile('f.dnet', source);
    expect(outcome.file).toBeNull();
    expect(outcome.diagnostics.map((d) => d.loc.start.line)).toEqual([2, 3]);
    expectSameParse('f.dnet', source);
  });
});
