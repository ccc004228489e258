// The client's working folder, as `docker build` and `docker-compose` see it: the
// scenario's inline `file` blocks first, then the files beside the .dnet file on disk.
// Read-only: the simulated daemon never writes into the user's folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, normalize, resolve } from 'node:path';

export interface Workspace {
  /** Absolute path of the folder (compose's project.working_dir). */
  readonly dir: string;
  /** A file's text, by path relative to the folder (or absolute inside it); null when absent. */
  read(path: string): string | null;
  /** Whether a folder exists (a build context). */
  hasDir(path: string): boolean;
  /** Relative paths of the files under a folder (a build context's size, COPY sources). */
  filesUnder(path: string): string[];
}

/** 'a/./b', './b', '/abs/dir/b' (inside dir) → 'a/b', 'b', 'b'. */
function relative(dir: string, path: string): string | null {
  const abs = path.startsWith('/') ? normalize(path) : normalize(join(dir, path));
  if (abs === dir) return '.';
  return abs.startsWith(dir + '/') ? abs.slice(dir.length + 1) : null;
}

export function workspaceOf(context: { baseDir: string; files: ReadonlyMap<string, string> }): Workspace {
  const dir = resolve(context.baseDir);
  const inline = new Map<string, string>();
  for (const [path, content] of context.files) {
    const rel = relative(dir, path);
    if (rel !== null) inline.set(rel, content);
  }
  const onDisk = (rel: string): string => join(dir, rel);
  return {
    dir,
    read(path) {
      const rel = relative(dir, path);
      if (rel === null) return null;
      const text = inline.get(rel);
      if (text !== undefined) return text;
      const file = onDisk(rel);
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : null;
    },
    hasDir(path) {
      const rel = relative(dir, path);
      if (rel === null) return false;
      if (rel === '.' || [...inline.keys()].some((k) => k.startsWith(rel + '/'))) return true;
      const d = onDisk(rel);
      return existsSync(d) && statSync(d).isDirectory();
    },
    filesUnder(path) {
      const rel = relative(dir, path);
      if (rel === null) return [];
      const prefix = rel === '.' ? '' : rel + '/';
      // Only the inline files: a scenario folder on disk holds every other scenario too.
      return [...inline.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    },
  };
}

/** No folder at all (a session opened without a scenario context). */
export const NO_WORKSPACE: Workspace = workspaceOf({ baseDir: join('/nonexistent', 'dnet-test'), files: new Map() });

/** The folder's name: compose's default project name (before normalisation). */
export const folderName = (w: Workspace): string => basename(w.dir);
