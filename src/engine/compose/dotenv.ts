// `.env` and `env_file:` files as Compose 1.29 reads them: with python-dotenv 0.21
// (dotenv/parser.py, dotenv/main.py), the version Debian ships with it. Not KEY=VALUE
// split at the first `=`: `export KEY=…`, 'single' and "double" quotes (escapes inside,
// a `#` inside kept), ` # comments` after a bare value, `KEY = value`, a bare `KEY` with
// no value (None), values spanning lines inside quotes, and `${NAME}` / `${NAME:-default}`
// taken from the lines above. A statement it can't read is skipped with its warning.

/** A file's variables in its order (a bare KEY is null), and its warnings. */
export interface DotenvFile {
  entries: Array<[string, string | null]>;
  warnings: string[];
}

// parser.py's regexes, each matched where the reader stands (sticky).
const MULTILINE_WHITESPACE = /\s*/y;
const WHITESPACE = /[^\S\r\n]*/y;
const EXPORT = /(?:export[^\S\r\n]+)?/y;
const SINGLE_QUOTED_KEY = /'([^']+)'/y;
const UNQUOTED_KEY = /([^=#\s]+)/y;
const EQUAL_SIGN = /(=[^\S\r\n]*)/y;
const SINGLE_QUOTED_VALUE = /'((?:\\'|[^'])*)'/y;
const DOUBLE_QUOTED_VALUE = /"((?:\\"|[^"])*)"/y;
const UNQUOTED_VALUE = /([^\r\n]*)/y;
const COMMENT = /(?:[^\S\r\n]*#[^\r\n]*)?/y;
const END_OF_LINE = /[^\S\r\n]*(?:\r\n|\n|\r|$)/y;
const REST_OF_LINE = /[^\r\n]*(?:\r|\n|\r\n)?/y;
const NEWLINES = /\r\n|\n|\r/g;

// codecs.decode(…, 'unicode-escape') of the escapes each quoting allows.
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const ESCAPED: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};
const decode = (text: string, escapes: RegExp): string => text.replace(escapes, (e) => ESCAPED[e[1]]);

class Unreadable extends Error {}

class Reader {
  at = 0;
  constructor(readonly text: string) {}

  regex(re: RegExp): string | undefined {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (m === null) throw new Unreadable();
    this.at = re.lastIndex;
    return m[1];
  }

  peek(): string {
    return this.text.charAt(this.at);
  }

  /** The line a position is on, counted as parser.py's Position does. */
  lineAt(chars: number): number {
    return 1 + (this.text.slice(0, chars).match(NEWLINES)?.length ?? 0);
  }
}

function parseValue(r: Reader): string {
  const c = r.peek();
  if (c === "'") return decode(r.regex(SINGLE_QUOTED_VALUE) ?? '', SINGLE_QUOTE_ESCAPES);
  if (c === '"') return decode(r.regex(DOUBLE_QUOTED_VALUE) ?? '', DOUBLE_QUOTE_ESCAPES);
  if (c === '' || c === '\n' || c === '\r') return '';
  return (r.regex(UNQUOTED_VALUE) ?? '').replace(/\s+#.*/, '').trimEnd();
}

/** One statement (parse_binding): the key and value, null for a comment or the end. */
function parseBinding(r: Reader): [string, string | null] | null {
  r.regex(MULTILINE_WHITESPACE);
  if (r.at >= r.text.length) return null;
  r.regex(EXPORT);
  const c = r.peek();
  if (c === '#') {
    r.regex(COMMENT);
    r.regex(END_OF_LINE);
    return null;
  }
  const key = (c === "'" ? r.regex(SINGLE_QUOTED_KEY) : r.regex(UNQUOTED_KEY)) ?? '';
  r.regex(WHITESPACE);
  let value: string | null = null;
  if (r.peek() === '=') {
    r.regex(EQUAL_SIGN);
    value = parseValue(r);
  }
  r.regex(COMMENT);
  r.regex(END_OF_LINE);
  return [key, value];
}

/** variables.py: `${NAME}` and `${NAME:-default}` (no bare `$NAME`), from the values above. */
const VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

export function parseDotenv(text: string): DotenvFile {
  const r = new Reader(text);
  const raw: Array<[string, string | null]> = [];
  const warnings: string[] = [];
  while (r.at < text.length) {
    const mark = r.at;
    try {
      const binding = parseBinding(r);
      if (binding !== null) raw.push(binding);
    } catch (e) {
      if (!(e instanceof Unreadable)) throw e;
      // parser.py reads on from where it failed, and names the line its mark was on.
      r.regex(REST_OF_LINE);
      warnings.push(`Python-dotenv could not parse statement starting at line ${r.lineAt(mark)}`);
    }
  }
  // resolve_variables(override=True): the file's own values win over the process's
  // environment, which the simulator has not got.
  const values = new Map<string, string | null>();
  for (const [name, value] of raw) {
    values.set(name, value === null ? null : value.replace(VARIABLE, (_m, v: string, dflt: string | undefined) => (values.has(v) ? values.get(v) ?? '' : dflt ?? '')));
  }
  return { entries: [...values], warnings };
}
