// The printer: parse(print(parse(src))) equals parse(src) (locations aside), and printing
// is idempotent, over every form and every scenario of the project.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { printFile } from '../../src/language/print.js';
import { parseOk, withoutLocs } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const scenariosDir = join(here, '..', '..', 'scenarios');
const files = [
  join(here, 'fixtures', 'every-form.dnet'),
  ...readdirSync(scenariosDir).filter((f) => f.endsWith('.dnet')).map((f) => join(scenariosDir, f)),
];

describe('round trip', () => {
  test.each(files)('%s', (path) => {
    const once = parseOk(readFileSync(path, 'utf8'), path);
    const printed = printFile(once);
    const twice = parseOk(printed, path);
    expect(withoutLocs(twice)).toEqual(withoutLocs(once));
    expect(printFile(twice)).toBe(printed);
  });
});

test('canonical layout: indented bodies, a blank line before each scenario, trailing comments kept', () => {
  const src = `docker network create n   #   shared
# about s
scenario   "s"   @t
docker run -d --name a \\
   busybox
    expect   ping a from host succeeds within 5s
file x.yml <<'END'   # the body follows
      a: 1
      b: "$x"
END
scenario 'its'
skip 'not yet'
`;
  // A comment's own text (after `# `) is kept as written.
  expect(printFile(parseOk(src))).toBe(`docker network create n  #   shared

# about s
scenario "s" @t
  docker run -d --name a busybox
  expect ping a from host succeeds within 5s
  file x.yml <<END  # the body follows
    a: 1
    b: "$x"
  END

scenario "its"
  skip "not yet"
`);
});

test('quotes in titles and reasons survive', () => {
  const f = parseOk('scenario "say \\"hi\\" \\\\ bye"\n  skip \'a "b"\'\n');
  const again = parseOk(printFile(f));
  expect(again.scenarios[0].title).toBe('say "hi" \\ bye');
  expect(again.scenarios[0].body[0]).toMatchObject({ type: 'Skip', reason: 'a "b"' });
});
