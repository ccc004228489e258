// Words known before anything runs: their text, and one shared argv per word list.
import { describe, expect, it } from 'vitest';
import type { DockerCommand } from '../../src/language/ast.js';
import { literalText, literalWords } from '../../src/language/literal.js';
import { parseSource } from '../../src/language/parse.js';

function commandOf(line: string): DockerCommand {
  const { file } = parseSource(`scenario "s"\n  ${line}\n`);
  const statement = file?.scenarios[0].body[0];
  if (statement?.type !== 'DockerCommand') throw new Error(`not a docker command: ${line}`);
  return statement;
}

describe('literalText / literalWords', () => {
  it('joins quoted and bare parts; a $var makes the word unknown', () => {
    const c = commandOf(`docker run --name "a b"c busybox echo $x`);
    expect(c.args.slice(0, 4).map(literalText)).toEqual(['run', '--name', 'a bc', 'busybox']);
    expect(literalText(c.args[5])).toBeNull();
    expect(literalWords(c.args)).toBeNull();
  });

  it('gives one array per word list, the same at every call', () => {
    const c = commandOf(`docker network create --subnet 10.1.0.0/16 n1`);
    const argv = literalWords(c.args);
    expect(argv).toEqual(['network', 'create', '--subnet', '10.1.0.0/16', 'n1']);
    expect(literalWords(c.args)).toBe(argv);
    expect(literalWords([])).toEqual([]);
  });
});
