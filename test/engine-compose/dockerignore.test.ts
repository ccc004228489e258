// .dockerignore and the build context: which paths the 20.10 client sends, and the size
// it prints (each case checked with `docker build` on the engine of this machine).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDockerignore } from '../../src/engine/build/dockerignore.js';
import { sim } from './helpers.js';

describe('.dockerignore', () => {
  it.each([
    // rules, path, left out
    ['*.log', 'x.log', true],
    ['*.log', 'sub/x.log', false], // `*` stays within one folder
    ['**/*.log', 'sub/x.log', true],
    ['**/*.log', 'x.log', true],
    ['sub', 'sub/deeper/b.txt', true], // a folder takes everything under it
    ['sub/deeper', 'sub/a.txt', false],
    ['sub\n!sub/deeper/b.txt', 'sub/deeper/b.txt', false], // the last match decides
    ['sub\n!sub/deeper/b.txt', 'sub/deeper', true],
    ['!x.log\n*.log', 'x.log', true],
    ['# a comment\n\n  /tmp/*  ', 'tmp/a', true], // trimmed, the leading slash dropped
    ['./a/../b', 'b', true], // cleaned as Go's filepath.Clean does
    ['?.txt', 'a.txt', true],
    ['?.txt', 'ab.txt', false],
    ['[ab].txt', 'b.txt', true],
    ['*', 'Dockerfile', false], // the Dockerfile and .dockerignore are always sent
    ['*', '.dockerignore', false],
    ['*', 'other', true],
  ])('%j: %s left out: %s', (rules, path, out) => {
    expect(readDockerignore(rules).excludes(path)).toBe(out);
  });
});

describe('the build context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnet-ctx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(dir, 'emptydir'));
  writeFileSync(join(dir, 'sub', 'a.bin'), Buffer.alloc(700));
  writeFileSync(join(dir, 'sub', 'deeper', 'b.txt'), 'hi\n');

  it('is every file and folder of the folder on disk, inline files with them', () => {
    // Dockerfile 512+512, sub 512, sub/a.bin 512+1024, sub/deeper 512, b.txt 512+512,
    // emptydir 512, end 1024: 6,144 bytes, as the engine printed for the same tree.
    const s = sim({ Dockerfile: 'FROM busybox\nCMD ["true"]\n' }, dir);
    expect(s.docker('build', '-t', 'c1', '.').stdout).toMatch(/^Sending build context to Docker daemon  6\.144kB\n/);
  });

  it('leaves out what .dockerignore names, and COPY cannot reach it', () => {
    const s = sim({ Dockerfile: 'FROM busybox\nCOPY sub/deeper/b.txt /b\n', '.dockerignore': 'sub/deeper\n' }, dir);
    const r = s.docker('build', '-t', 'c2', '.');
    expect(r.stdout).toMatch(/^Sending build context to Docker daemon  5\.632kB\n/);
    expect(r.stdout).toContain('Step 2/2 : COPY sub/deeper/b.txt /b\n');
    expect(r.stderr).toBe('COPY failed: file not found in build context or excluded by .dockerignore: stat sub/deeper/b.txt: file does not exist\n');
  });

  it('copies folders from disk, and COPY runs no intermediate container', () => {
    const s = sim({ Dockerfile: 'FROM busybox\nCOPY sub /s\nCMD ["cat", "/s/deeper/b.txt"]\n' }, dir);
    const r = s.docker('build', '-t', 'c3', '.');
    expect(r.stdout).toMatch(/Step 2\/3 : COPY sub \/s\n ---> [0-9a-f]{12}\nStep 3\/3/);
    expect(s.docker('run', '--rm', 'c3')).toMatchObject({ stdout: 'hi\n', exitCode: 0 });
  });
});
