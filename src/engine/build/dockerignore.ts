// .dockerignore as the 20.10 client reads it (moby's pkg/fileutils PatternMatcher): one
// pattern a line, `#` comments, `!` re-includes, Go's filepath.Match syntax plus `**`, and a
// pattern that matches a folder leaves out everything under it. The last matching line
// decides. The Dockerfile and .dockerignore are sent even when a pattern names them.

interface Pattern {
  re: RegExp;
  /** How many path segments the pattern has: a file's parent folder of that depth is tried too. */
  depth: number;
  exclusion: boolean;
}

function compile(glob: string): RegExp {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**` at the end matches the rest; `**/` any number of folders, none included.
        if (i + 1 >= glob.length) out += '.*';
        else {
          out += '(.*/)?';
          if (glob[i + 1] === '/') i++;
        }
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '\\' && i + 1 < glob.length) out += escape(glob[++i]);
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, close).replace(/^\^|^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += escape(ch);
  }
  return new RegExp(`${out}$`);
}

const escape = (ch: string): string => ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Go's filepath.Clean on a slash path, without the leading slash moby drops. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/') || '.';
}

export interface IgnoreRules {
  /** Whether a path (relative to the context, slash-separated) is left out of the context. */
  excludes(path: string): boolean;
}

export function readDockerignore(text: string | null, dockerfile = 'Dockerfile'): IgnoreRules {
  const patterns: Pattern[] = [];
  for (const raw of (text ?? '').split('\n')) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    const glob = clean(line);
    patterns.push({ re: compile(glob), depth: glob.split('/').length, exclusion });
  }
  const kept = new Set([clean(dockerfile), '.dockerignore']);
  return {
    excludes(path) {
      const file = clean(path);
      if (patterns.length === 0 || kept.has(file)) return false;
      const dirs = file.split('/');
      let matched = false;
      for (const p of patterns) {
        let hit = p.re.test(file);
        if (!hit && dirs.length > 1 && p.depth < dirs.length) hit = p.re.test(dirs.slice(0, p.depth).join('/'));
        if (hit) matched = !p.exclusion;
      }
      return matched;
    },
  };
}
