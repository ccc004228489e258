// .env and env_file: files read as python-dotenv 0.21 reads them for Compose 1.29. Each row
// was read by the real docker-compose 1.29.2 (`docker-compose config`, 2026-12-07).
import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/engine/compose/dotenv.js';

describe('parseDotenv', () => {
  const rows: Array<[string, string, Array<[string, string | null]>]> = [
    ['a plain value', 'A=plain', [['A', 'plain']]],
    ['a # inside double quotes stays', 'B="double quoted # not comment"', [['B', 'double quoted # not comment']]],
    ['single quotes keep $ as it is', "C='single $A'", [['C', 'single $A']]],
    ['${NAME} takes a value above', 'A=plain\nD=${A}-x', [['A', 'plain'], ['D', 'plain-x']]],
    ['a bare $NAME is not substituted', 'A=plain\nM=$A', [['A', 'plain'], ['M', '$A']]],
    ['${NAME:-default} of an unknown name', 'L=${UNSET:-dflt}', [['L', 'dflt']]],
    ['${NAME:-default} of a set name', 'A=plain\nK="${A:-def}"', [['A', 'plain'], ['K', 'plain']]],
    ['a comment after a bare value goes', 'E=val # comment', [['E', 'val']]],
    ['a # without a space before it stays', 'N=a#b', [['N', 'a#b']]],
    ['export KEY=', 'export F=exported', [['F', 'exported']]],
    ['\\n in double quotes is a newline', 'G="line\\nbreak"', [['G', 'line\nbreak']]],
    ['\\" in double quotes', 'O="esc \\" q"', [['O', 'esc " q']]],
    ['an empty value', 'H=', [['H', '']]],
    ['a bare key has no value', 'I', [['I', null]]],
    ['spaces around =', 'J = spaced', [['J', 'spaced']]],
    ['comments and blank lines', '# c\n\nA=1\n  # indented\n', [['A', '1']]],
    ['a later line wins, in the first place', 'A=1\nB=2\nA=3', [['A', '3'], ['B', '2']]],
  ];
  it.each(rows)('%s', (_what, text, entries) => {
    expect(parseDotenv(text)).toEqual({ entries, warnings: [] });
  });

  it('skips a statement it cannot read, with its warning, and reads on', () => {
    expect(parseDotenv('A=1\nbad line here\nB=2\n')).toEqual({
      entries: [['A', '1'], ['B', '2']],
      warnings: ['Python-dotenv could not parse statement starting at line 2'],
    });
  });
});
