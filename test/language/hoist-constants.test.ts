// scripts/hoist-constants.mjs moves a generated parser's constants out of peg$parse (the
// build applies it to grammar/dnet.peggy's parser). The moved parser must parse and fail
// exactly as Peggy's own output does, and the script must refuse output it does not know.
import peggy from 'peggy';
import { describe, expect, test } from 'vitest';
import { hoistConstants } from '../../scripts/hoist-constants.mjs';

const GRAMMAR = `
List = first:Item rest:(_ "," _ @Item)* { return [first, ...rest]; }
Item "an item" = Number / Name / Quoted
Number = digits:$[0-9]+ { return Number(digits); }
Name = $([a-z]i [a-z0-9_]i*)
Quoted = '"' @$[^"]* '"'
_ = [ \\t]*
`;

interface Parser {
  parse(input: string): unknown;
  SyntaxError: new (...args: never[]) => Error;
}

async function load(code: string): Promise<Parser> {
  return (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Parser;
}

function outcome(parser: Parser, input: string): unknown {
  try {
    return { ok: parser.parse(input) };
  } catch (e) {
    const err = e as Error & { expected?: unknown; found?: unknown; location?: unknown };
    return { message: err.message, expected: err.expected, found: err.found, location: err.location };
  }
}

const generated = peggy.generate(GRAMMAR, { output: 'source', format: 'es' });

describe('hoistConstants', () => {
  test('moves every constant and the expectation helpers before peg$parse', () => {
    const { code, constants } = hoistConstants(generated);
    expect(constants).toBeGreaterThan(5);
    const body = code.slice(code.indexOf('function peg$parse('));
    expect(body).not.toMatch(/const peg\$[cre]\d+ =/);
    expect(body).not.toContain('function peg$literalExpectation(');
    expect(code.slice(0, code.indexOf('function peg$parse('))).toContain('const peg$e0 = ');
  });

  test('the moved parser gives the same results and the same errors, call after call', async () => {
    const before = await load(generated);
    const after = await load(hoistConstants(generated).code);
    const inputs = ['1, ab, "x y"', 'a1,2', '', '1,', ',', '"open', 'a b', '12x', '  7'];
    for (const input of [...inputs, ...inputs]) expect(outcome(after, input)).toEqual(outcome(before, input));
  });

  test('refuses output it does not know, saying what', () => {
    expect(() => hoistConstants('export function parse() {}')).toThrow(/no `function peg\$parse/);
    const computed = generated.replace(/const peg\$c0 = [^;]*;/, 'const peg$c0 = options.x;');
    expect(() => hoistConstants(computed)).toThrow(/peg\$c0 is not a literal: options\.x/);
    const noHelper = generated.replace('function peg$otherExpectation(', 'function peg$describeExpectation(');
    expect(() => hoistConstants(noHelper)).toThrow(/expected Peggy's helpers .* found literalExpectation, classExpectation, anyExpectation, endExpectation$/);
  });
});
