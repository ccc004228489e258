// PATH… → the .dnet files to run: folders searched recursively, sorted; then the shard.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args.js';

export async function discover(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (info.isDirectory()) found.push(...(await walk(path)));
    else found.push(path);
  }
  const unique = [...new Set(found)];
  if (unique.length === 0) throw new UsageError(`no .dnet files in ${paths.join(', ')}`);
  return unique;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile() && e.name.endsWith('.dnet')) out.push(path);
  }
  return out;
}

/** Slice I of N (1-based): every N-th file of the sorted list, the same on every machine. */
export function shard(files: string[], index: number, total: number): string[] {
  return [...files].sort().filter((_, i) => i % total === index - 1);
}
