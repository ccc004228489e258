// The built CLI, end to end: `npm run build`, then `node bin/dnet-test.js …` on the
// project's scenarios and on passing, failing and broken fixtures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/dnet-test.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  try {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    throw new Error(`npm run build failed:\n${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`);
  }
  expect(existsSync(join(root, 'dist/cli/main.js'))).toBe(true);
}, 180_000);

describe('dnet-test (built)', () => {
  it('prints help and version', () => {
    expect(cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('usage:') });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(cli(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('names an unknown flag with a did-you-mean, exit 2, no stack trace', () => {
    const r = cli(['--bial']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bial'");
    expect(r.stderr).toContain("did you mean '--bail'?");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown reporter and a missing path with exit 2', () => {
    expect(cli(['--reporter', 'prety'])).toMatchObject({ code: 2, stderr: expect.stringContaining("did you mean 'pretty'?") });
    expect(cli(['no/such/dir'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file or folder: no/such/dir') });
  });

  it('passes the project\'s scenarios on the simulator (exit 0)', () => {
    const r = cli([]);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
    expect(r.code).toBe(0);
  });

  // dist/ is not in git: without package.json's "files" a packed tarball would hold no
  // bundle and its bin would fail. The package is unpacked alone (its dependencies linked
  // from here) and run, so anything the launcher loads from outside "files" shows.
  it('runs from its own npm pack tarball', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-pack-'));
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, stdio: 'pipe' });
    execFileSync('tar', ['xzf', join(dir, 'dnet-test-' + JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version + '.tgz'), '-C', dir]);
    symlinkSync(join(root, 'node_modules'), join(dir, 'package', 'node_modules'));
    const r = spawnSync(process.execPath, [join(dir, 'package', 'bin', 'dnet-test.js'), join(root, 'scenarios', 'user-bridge.dnet'), '--no-color'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
    expect(r.status).toBe(0);
  }, 60_000);

  it('passes a passing fixture, showing skips with their reason', () => {
    const r = cli(['test/fixtures/passing', '--no-color']);
    expect(r.stdout).toContain('✓ containers on a user bridge reach each other by name');
    expect(r.stdout).toContain('- a skipped scenario (skipped: not on this machine)');
    expect(r.stdout).toMatch(/^1 passed, 0 failed, 1 skipped$/m);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.code).toBe(0);
  });

  it('reports every failed expectation, and a failing command with Docker\'s words (exit 1)', () => {
    const r = cli(['test/fixtures/failing']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ the default bridge has no names');
    expect(r.stdout).toContain('--> test/fixtures/failing/expectations.dnet:5:3');
    expect(r.stdout).toContain('--> test/fixtures/failing/expectations.dnet:6:3');
    expect(r.stdout).not.toContain('expectations.dnet:7:3');
    expect(r.stdout).toContain('= observed: ip of b1 is 172.17.0.2');
    expect(r.stdout).toContain('--> test/fixtures/failing/expectations.dnet:11:3');
    expect(r.stdout).toContain('network with name dup already exists');
    expect(r.stdout).not.toContain('expectations.dnet:12:3');
    expect(r.stdout).toMatch(/^0 passed, 2 failed, 0 skipped$/m);
  });

  it('runs nothing of a broken file, runs the others, and exits 2', () => {
    const broken = cli(['test/fixtures/broken']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('unknown-expectation.dnet:3');
    const mixed = cli(['test/fixtures/mixed']);
    expect(mixed.code).toBe(2);
    expect(mixed.stdout).not.toContain('never runs');
    expect(mixed.stdout).toContain('✓ still runs');
  });

  it('colours a terminal-bound report only when colour is allowed', () => {
    expect(cli(['test/fixtures/passing'], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(cli(['test/fixtures/passing'], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
    expect(cli(['test/fixtures/passing', '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('selects scenarios by title and by tag', () => {
    const byTitle = cli(['test/fixtures/passing', '-t', '/^a skipped/']);
    expect(byTitle.stdout).toMatch(/^0 passed, 0 failed, 1 skipped$/m);
    const byTag = cli(['test/fixtures/passing', '--tag', 'dns']);
    expect(byTag.stdout).toMatch(/^1 passed, 0 failed, 0 skipped$/m);
  });

  it('writes several reporters, each to its own destination', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-e2e-'));
    const r = cli(['test/fixtures/failing', '--reporter', 'tap', '--reporter', `junit=${dir}/out/junit.xml`, '--reporter', `json=${dir}/r.json`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^TAP version 13\n/);
    expect(readFileSync(join(dir, 'out/junit.xml'), 'utf8')).toContain('<testsuite name="test/fixtures/failing/expectations.dnet" tests="2" failures="2"');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).counts).toMatchObject({ failed: 2 });
  });

  it('check: parses and checks, runs nothing', () => {
    expect(cli(['check', 'test/fixtures/passing', 'test/fixtures/failing'])).toMatchObject({ code: 0, stdout: '2 files ok\n' });
    const broken = cli(['check', 'test/fixtures/broken']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('unknown-expectation.dnet:3');
  });
});

describe('dnet-test --jobs and --shard (built)', () => {
  it('gives the same report in worker threads as in one thread', () => {
    const norm = (s: string) => s.replace(/\((\d+ms|\d+\.\d+s)\)/g, '()').replace(/time: .*/, 'time:');
    const one = cli(['test/fixtures', '-j', '1', '--no-color']);
    const two = cli(['test/fixtures', '-j', '2', '--no-color']);
    expect(two.code).toBe(one.code);
    expect(norm(two.stdout)).toBe(norm(one.stdout));
  });

  it('splits the files into shards that together run everything once', () => {
    const files = (args: string[]) => cli(['test/fixtures', '--reporter', 'json', ...args]);
    const all = JSON.parse(files([]).stdout).files.map((f: { file: string }) => f.file);
    const parts = [1, 2].flatMap((i) => JSON.parse(files(['--shard', `${i}/2`]).stdout).files.map((f: { file: string }) => f.file));
    expect(parts.sort()).toEqual([...all].sort());
    expect(new Set(parts).size).toBe(all.length);
  });
});

describe('dnet-test fmt, docs, custom and html reporters, empty selections (built)', () => {
  it('fmt --check lists files that would change and exits 1; fmt rewrites them; then --check passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-fmt-'));
    const file = join(dir, 'messy.dnet');
    writeFileSync(file, readFileSync(join(root, 'test/fixtures/unformatted/messy.dnet')));
    const check = cli(['fmt', '--check', dir]);
    expect(check).toMatchObject({ code: 1, stdout: expect.stringContaining(`would reformat ${file}`) });
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(root, 'test/fixtures/unformatted/messy.dnet'), 'utf8'));
    expect(cli(['fmt', dir])).toMatchObject({ code: 0, stdout: expect.stringContaining(`formatted ${file}`) });
    expect(cli(['fmt', '--check', dir])).toMatchObject({ code: 0, stdout: '1 file already formatted\n' });
    expect(cli(['fmt', '--check', 'scenarios/'])).toMatchObject({ code: 0 });
  });

  it('fmt leaves a file that does not parse alone, exit 2', () => {
    const r = cli(['fmt', '--check', 'test/fixtures/broken']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown-expectation.dnet:3');
  });

  it('docs writes the Markdown to --out, or to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-docs-'));
    const out = join(dir, 'sub', 'specs.md');
    expect(cli(['docs', '--out', out, 'test/fixtures/docs'])).toMatchObject({ code: 0 });
    const golden = readFileSync(join(root, 'test/cli/golden/docs.md'), 'utf8');
    expect(readFileSync(out, 'utf8')).toBe(golden);
    expect(cli(['docs', 'test/fixtures/docs'])).toMatchObject({ code: 0, stdout: golden });
    expect(cli(['docs', 'test/fixtures/broken']).code).toBe(2);
  });

  it('takes a reporter module: an object, a factory or a class as its default export', () => {
    const r = cli(['test/fixtures/passing', '--reporter', './test/fixtures/reporters/object.mjs', '--reporter', 'test/fixtures/reporters/factory.mjs', '--reporter', './test/fixtures/reporters/class.mjs']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('object: passed containers on a user bridge reach each other by name\nobject: skipped a skipped scenario\n');
    expect(r.stdout).toContain('object: done 1/0\n');
    expect(r.stdout).toContain('factory: 2 scenarios, colour level 0\n');
    expect(r.stdout).toContain('class: containers on a user bridge reach each other by name | a skipped scenario\n');
    const bad = cli(['test/fixtures/passing', '--reporter', './test/fixtures/reporters/not-a-reporter.mjs']);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('gave no reporter') });
    expect(cli(['test/fixtures/passing', '--reporter', './no/such.mjs'])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot load reporter module ./no/such.mjs') });
  });

  it('writes the html reporter to a file, with the failures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-html-'));
    const r = cli(['test/fixtures/failing', '--reporter', `html=${dir}/report.html`, '--reporter', 'dot']);
    expect(r.code).toBe(1);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain('<p class="at">test/fixtures/failing/expectations.dnet:5:3</p>');
    expect(page).toContain('network with name dup already exists');
  });

  it('warns and exits 1 when -t/--tag select nothing; --pass-with-no-scenarios exits 0', () => {
    const none = cli(['test/fixtures/passing', '-t', 'no such title']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('warning: no scenario matched -t "no such title" in 1 file');
    expect(none.stdout).toMatch(/^0 passed, 0 failed, 0 skipped$/m);
    expect(cli(['test/fixtures/passing', '--tag', 'nope', '--pass-with-no-scenarios'])).toMatchObject({ code: 0, stderr: expect.stringContaining('no scenario matched --tag nope') });
  });
});
