// The client's working folder, as `docker build` and `docker-compose` see it: the
// scenario's inline `file` blocks first, then the files beside the .dnet file on disk.
// Read-only: the simulated daemon never writes into the user's folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, normalize, resolve } from 'node:path';

/**
 * What of the folder on disk a scenario sees, here and in the docker backend's copy of it
 * (src/backends/docker/session.ts): not these folders, and at most this many entries, so
 * a .dnet file at the top of a large tree does not carry the tree into every build.
 */
export const SKIPPED_FOLDERS = /(^|\/)(node_modules|\.git|dist)(\/|$)/;
export const FOLDER_ENTRY_LIMIT = 2000;

export interface Workspace {
  /** Absolute path of the folder (compose's project.working_dir). */
  readonly dir: string;
  /** A file's text, by path relative to the folder (or absolute inside it); null when absent. */
  read(path: string): string | null;
  /** Whether a folder exists (a build context). */
  hasDir(path: string): boolean;
  /** Relative paths of the files under a folder (a build context's size, COPY sources), in lexical order. */
  filesUnder(path: string): string[];
  /** Relative paths of the folders under a folder (each is a header in a build context's tar). */
  foldersUnder(path: string): string[];
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
  // The folder's tree as Docker's client would tar it, inline files added: walked once,
  // when a build or a bind mount first asks.
  let tree: { files: string[]; folders: string[] } | null = null;
  const walk = (): { files: string[]; folders: string[] } => {
    if (tree) return tree;
    const files = new Set<string>(inline.keys());
    const folders = new Set<string>();
    let budget = FOLDER_ENTRY_LIMIT;
    const visit = (rel: string): void => {
      let names: string[];
      try {
        names = readdirSync(rel ? onDisk(rel) : dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        const child = rel ? `${rel}/${name}` : name;
        if (SKIPPED_FOLDERS.test(child) || budget-- <= 0) continue;
        let isDir: boolean;
        try {
          isDir = statSync(onDisk(child)).isDirectory();
        } catch {
          continue;
        }
        if (isDir) {
          folders.add(child);
          visit(child);
        } else files.add(child);
      }
    };
    if (existsSync(dir)) visit('');
    for (const f of inline.keys()) {
      for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
    }
    tree = { files: [...files].sort(), folders: [...folders].sort() };
    return tree;
  };
  const under = (list: string[], path: string): string[] => {
    const rel = relative(dir, path);
    if (rel === null) return [];
    const prefix = rel === '.' ? '' : rel + '/';
    return list.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  };
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
    filesUnder: (path) => under(walk().files, path),
    foldersUnder: (path) => under(walk().folders, path),
  };
}

/** No folder at all (a session opened without a scenario context). */
export const NO_WORKSPACE: Workspace = workspaceOf({ baseDir: join('/nonexistent', 'dnet-test'), files: new Map() });

/** The folder's name: compose's default project name (before normalisation). */
export const folderName = (w: Workspace): string => basename(w.dir);
