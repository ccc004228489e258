// Golden files: test/language/errors/<case>.dnet → <case>.err, the diagnostics exactly as
// a user sees them (no colour). `UPDATE_GOLDEN=1 npx vitest run test/language` rewrites them.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/index.js';
import { checkFile } from '../../src/language/checks/index.js';
import { parseFile } from '../../src/language/parse.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'errors');
const cases = readdirSync(dir).filter((f) => f.endsWith('.dnet')).map((f) => f.slice(0, -'.dnet'.length)).sort();

/** What `dnet-test check` prints for a file: parse errors, or else the checks' findings. */
export function render(path: string, source: string): string {
  const parsed = parseFile(path, source);
  const diagnostics = parsed.file ? [...parsed.diagnostics, ...checkFile(parsed.file)] : parsed.diagnostics;
  return diagnostics.map((d) => formatDiagnostic(d, source, { color: null })).join('\n\n') + '\n';
}

describe('error goldens', () => {
  test('there are at least 15 cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  test.each(cases)('%s', (name) => {
    const source = readFileSync(join(dir, `${name}.dnet`), 'utf8');
    const actual = render(`errors/${name}.dnet`, source);
    expect(actual.startsWith('error: ')).toBe(true); // every case is a broken file
    const golden = join(dir, `${name}.err`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
    expect(existsSync(golden), `${name}.err is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});
