// A Dockerfile as the classic builder's parser reads it: one instruction a line, `\`
// continues a line, `#` lines are comments, keywords are case-insensitive. Unknown
// keywords are the daemon's parse error (`dockerfile parse error line N: unknown
// instruction: X`).

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, CMD, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  rest: string;
  /** The instruction as the builder prints it in `Step i/n : …`. */
  original: string;
  line: number;
}

const KNOWN = new Set(['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'ENV', 'WORKDIR', 'COPY', 'ADD', 'LABEL', 'USER',
  'ARG', 'VOLUME', 'HEALTHCHECK', 'STOPSIGNAL', 'SHELL', 'MAINTAINER', 'ONBUILD']);

export type ParsedDockerfile = { ok: true; instructions: Instruction[] } | { ok: false; message: string };

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r?\n/);
  const instructions: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let joined = lines[i].trim();
    if (joined === '' || joined.startsWith('#')) continue;
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i].trim();
      if (next.startsWith('#')) continue;
      joined = joined.slice(0, -1) + next;
    }
    const m = /^(\S+)\s*(.*)$/.exec(joined)!;
    const keyword = m[1].toUpperCase();
    if (!KNOWN.has(keyword)) return { ok: false, message: `dockerfile parse error line ${first}: unknown instruction: ${m[1].toUpperCase()}` };
    instructions.push({ keyword, rest: m[2].trim(), original: `${keyword} ${m[2].trim()}`.trim(), line: first });
  }
  if (instructions.length === 0) return { ok: false, message: 'the Dockerfile (Dockerfile) cannot be empty' };
  if (instructions[0].keyword !== 'FROM' && instructions[0].keyword !== 'ARG') {
    return { ok: false, message: 'failed to process "' + instructions[0].original + '": no build stage in current context' };
  }
  return { ok: true, instructions };
}

/** CMD/ENTRYPOINT/RUN: the JSON (exec) form, or the shell form wrapped in `/bin/sh -c`. */
export function commandForm(rest: string): string[] {
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
    } catch {
      // Not valid JSON: Docker then treats it as the shell form.
    }
  }
  return ['/bin/sh', '-c', rest];
}

/** Splits words as the builder does for ENV/LABEL: whitespace outside quotes; quotes removed. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** `ENV a=1 b="x y"` or the legacy `ENV a 1 2` → pairs. */
export function keyValues(rest: string): Array<[string, string]> {
  const words = splitWords(rest);
  if (words.length > 0 && !words[0].includes('=')) return [[words[0], rest.slice(rest.indexOf(words[0]) + words[0].length).trim()]];
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}
