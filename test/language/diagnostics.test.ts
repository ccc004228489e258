// The diagnostic layout (Peggy/Hurl) and did-you-mean.
import { Chalk } from 'chalk';
import { describe, expect, test } from 'vitest';
import { didYouMean, error, formatDiagnostic, levenshtein } from '../../src/diagnostics/index.js';
import { locationAt } from '../../src/language/position.js';

const source = 'scenario "x"\n  docker run -d --nmae web nginx\n';

describe('formatDiagnostic', () => {
  const at = (start: number, end: number) => locationAt('scenarios/x.dnet', source, start, end);
  const flag = source.indexOf('--nmae');

  test('the layout, exactly', () => {
    const d = error("unknown flag '--nmae' for 'docker run'", at(flag, flag + 6), { label: "did you mean '--name'?" });
    expect(formatDiagnostic(d, source, { color: null })).toBe([
      "error: unknown flag '--nmae' for 'docker run'",
      ' --> scenarios/x.dnet:2:17',
      '  |',
      '2 |   docker run -d --nmae web nginx',
      "  |                 ^^^^^^ did you mean '--name'?",
    ].join('\n'));
  });

  test('notes and help follow; the gutter widens with the line number', () => {
    const long = `${'\n'.repeat(11)}docker ps\n`;
    const d = error('m', locationAt('f.dnet', long, 11, 17), { notes: [{ message: 'a note' }], hint: 'do this' });
    expect(formatDiagnostic(d, long, { color: false })).toBe(
      ['error: m', '  --> f.dnet:12:1', '   |', '12 | docker ps', '   | ^^^^^^', '   = note: a note', '   = help: do this'].join('\n'));
  });

  test('an empty span still gets one caret; a span over lines stops at the line end', () => {
    expect(formatDiagnostic(error('m', at(13, 13)), source, { color: null }).split('\n')[4]).toBe('  | ^');
    expect(formatDiagnostic(error('m', at(flag, source.length)), source, { color: null }).split('\n')[4])
      .toBe('  |                 ^^^^^^^^^^^^^^^^');
  });

  test('colour comes from the Chalk instance passed in', () => {
    const d = error('m', at(flag, flag + 6));
    expect(formatDiagnostic(d, source, { color: new Chalk({ level: 1 }) })).toContain('\u001b[');
    expect(formatDiagnostic(d, source, { color: new Chalk({ level: 0 }) })).not.toContain('\u001b[');
  });
});

describe('didYouMean', () => {
  test.each([
    ['nmae', ['name', 'network', 'rm'], 'name'],
    ['expcet', ['docker', 'expect', 'let'], 'expect'],
    ['netwrk', ['network', 'run'], 'network'],
    ['zzzzzz', ['name', 'network'], null],
    ['b', ['a'], null],
    ['name', ['name'], null],
  ])('%s → %s', (word, candidates, expected) => {
    expect(didYouMean(word, candidates)).toBe(expected);
  });

  test('levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('nmae', 'name')).toBe(1); // a swap is one slip
  });
});

test('color: true colours even without a terminal; false does not', () => {
  const src = 'docker ps\n';
  const d = error('m', locationAt('f.dnet', src, 0, 6));
  expect(formatDiagnostic(d, src, { color: true })).toContain('\u001b[');
  expect(formatDiagnostic(d, src, { color: false })).not.toContain('\u001b[');
});
