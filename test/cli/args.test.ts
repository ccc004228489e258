import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, titleMatcher, UsageError } from '../../src/cli/args.js';
import { discover, shard } from '../../src/cli/discover.js';

describe('parseArgs', () => {
  it('defaults to scenarios/ on the simulator with the pretty reporter', () => {
    expect(parseArgs([])).toMatchObject({ command: 'run', paths: ['scenarios/'], backends: ['sim'], reporters: [], bail: false, color: null });
  });

  it('reads every option, in both spellings', () => {
    const args = parseArgs(['a.dnet', '-t', 'dns', '--filter=/^x/i', '--tag', '@bridge', '--tag=dns', '--bail', '--reporter', 'junit=out.xml', '--reporter=tap', '--no-color', '--backend', 'sim,docker', '--compare-output', '--shard', '2/3', '-j2', 'dir/']);
    expect(args).toEqual({
      command: 'run',
      paths: ['a.dnet', 'dir/'],
      filters: ['dns', '/^x/i'],
      tags: ['bridge', 'dns'],
      bail: true,
      reporters: [{ name: 'junit', path: 'out.xml' }, { name: 'tap', path: null }],
      color: false,
      backends: ['sim', 'docker'],
      shard: { index: 2, total: 3 },
      jobs: 2,
      watch: false,
      passWithNoScenarios: false,
      compareOutput: true,
    });
  });

  it('takes --compare-output only where there are two backends to compare', () => {
    expect(() => parseArgs(['--compare-output'])).toThrow('--compare-output compares two backends: use it with --backend sim,docker');
    expect(() => parseArgs(['--backend', 'docker', '--compare-output'])).toThrow('--compare-output compares two backends');
    expect(parseArgs(['--compare-output', '--backend=sim,docker'])).toMatchObject({ compareOutput: true, backends: ['sim', 'docker'] });
  });

  it('knows fmt and docs, and keeps their options to them', () => {
    expect(parseArgs(['fmt', '--check', 'a.dnet'])).toEqual({ command: 'fmt', paths: ['a.dnet'], check: true, color: null });
    expect(parseArgs(['fmt'])).toEqual({ command: 'fmt', paths: ['scenarios/'], check: false, color: null });
    expect(parseArgs(['docs', '--out', 'd.md', 'x/'])).toEqual({ command: 'docs', paths: ['x/'], out: 'd.md', color: null });
    expect(parseArgs(['docs', '--no-color'])).toEqual({ command: 'docs', paths: ['scenarios/'], out: null, color: false });
    expect(() => parseArgs(['--check'])).toThrow("option '--check' belongs to 'dnet-test fmt'");
    expect(() => parseArgs(['fmt', '--out', 'x'])).toThrow("option '--out' belongs to 'dnet-test docs'");
    expect(parseArgs(['--pass-with-no-scenarios'])).toMatchObject({ passWithNoScenarios: true });
  });

  it('knows check, help and version', () => {
    expect(parseArgs(['check', 'x.dnet'])).toEqual({ command: 'check', paths: ['x.dnet'], color: null });
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['-v'])).toEqual({ command: 'version' });
  });

  it.each([
    [['--bial'], "unknown option '--bial'\n  did you mean '--bail'?"],
    [['--reportr', 'tap'], "did you mean '--reporter'?"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['--backend', 'dokcer'], "did you mean 'docker'?"],
    [['--shard', '4/3'], '--shard wants I/N'],
    [['--jobs', '0'], '--jobs wants a whole number'],
    [['--tag'], "option '--tag' needs a value"],
    [['--bail=yes'], "option '--bail' takes no value"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('does not offer a guess for a word far from every option', () => {
    expect(() => parseArgs(['--frobnicate'])).not.toThrow('did you mean');
  });
});

describe('titleMatcher', () => {
  it('matches substrings and /regex/', () => {
    expect(titleMatcher(['bridge'])('the default bridge')).toBe(true);
    expect(titleMatcher(['Bridge'])('the default bridge')).toBe(false);
    expect(titleMatcher(['/BRIDGE$/i'])('the default bridge')).toBe(true);
    expect(titleMatcher(['/^bridge/'])('the default bridge')).toBe(false);
    expect(titleMatcher([])('anything')).toBe(true);
    expect(() => titleMatcher(['/(/'])).toThrow(UsageError);
  });
});

describe('discover and shard', () => {
  it('finds .dnet files recursively, sorted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnet-discover-'));
    mkdirSync(join(dir, 'b'));
    for (const f of ['z.dnet', 'a.dnet', 'b/m.dnet', 'notes.md']) writeFileSync(join(dir, f), '');
    expect(await discover([dir])).toEqual([join(dir, 'a.dnet'), join(dir, 'b/m.dnet'), join(dir, 'z.dnet')]);
    await expect(discover([join(dir, 'missing')])).rejects.toThrow('no such file or folder');
  });

  it('splits files into disjoint, covering shards', () => {
    const files = ['e', 'a', 'd', 'c', 'b'];
    const shards = [1, 2, 3].map((i) => shard(files, i, 3));
    expect(shards).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
    expect(shards.flat().sort()).toEqual([...files].sort());
  });
});

describe('default --jobs', () => {
  it('is one thread for a small suite, one more per BYTES_PER_WORKER, never past the cores', async () => {
    const { defaultJobs, BYTES_PER_WORKER } = await import('../../src/cli/run.js');
    expect(defaultJobs(30_000, 8)).toBe(1);
    expect(defaultJobs(BYTES_PER_WORKER - 1, 8)).toBe(1);
    expect(defaultJobs(BYTES_PER_WORKER, 8)).toBe(2);
    expect(defaultJobs(2.5 * BYTES_PER_WORKER, 8)).toBe(3);
    expect(defaultJobs(100 * BYTES_PER_WORKER, 8)).toBe(8);
    expect(defaultJobs(100 * BYTES_PER_WORKER, 2)).toBe(2);
    expect(defaultJobs(100 * BYTES_PER_WORKER, 1)).toBe(1);
  });
});

describe('no scenario matched', () => {
  it('names the selection as it was typed', async () => {
    const { noMatchLine } = await import('../../src/cli/run.js');
    expect(noMatchLine({ filters: ['x y'], tags: ['dns'], shard: null }, 3)).toBe(
      'no scenario matched -t "x y" --tag dns in 3 files (--pass-with-no-scenarios makes this exit 0)',
    );
    expect(noMatchLine({ filters: [], tags: [], shard: { index: 2, total: 4 } }, 1)).toMatch(/^no scenario matched --shard 2\/4 in 1 file /);
    expect(noMatchLine({ filters: [], tags: [], shard: null }, 0)).toMatch(/^no scenario found in 0 files /);
  });
});
