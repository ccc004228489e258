// Reading a compose file: YAML (the `yaml` package, with positions) → the plain object
// the schema checks (schema.ts) turn into a project model. Errors are Compose 1.29's
// texts, followed by where in the file the offending key is, in PyYAML's own
// `in "FILE", line L, column C` form.
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import type { Workspace } from '../build/workspace.js';

// yaml is loaded when a compose file is first read, not at every start: most scenarios
// never use compose, and loading it costs a start-up as much as the rest of the engine.
// (A synchronous require: the engine answers commands synchronously.)
type Yaml = typeof import('yaml');
const loadModule = createRequire(import.meta.url);
let yamlLib: Yaml | null = null;
const yaml = (): Yaml => (yamlLib ??= loadModule('yaml') as Yaml);

export interface ComposeError {
  message: string;
}

/** The files Compose looks for when no -f is given, in its order. */
export const DEFAULT_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

export interface LoadedFile {
  /** As Compose names it in messages: './docker-compose.yml'. */
  label: string;
  /** Relative path as given (the label without './'). */
  path: string;
  data: unknown;
  /** Where a key (path of keys from the root) is written: `line L, column C`, or null. */
  where(keys: Array<string | number>): string | null;
}

const NOT_FOUND = `
        Can't find a suitable configuration file in this directory or any
        parent. Are you in the right directory?

        Supported filenames: ${DEFAULT_FILES.join(', ')}
        `;

function locate(doc: Document, counter: LineCounter, label: string, keys: Array<string | number>): string | null {
  if (keys.length === 0) return null;
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const last = keys[keys.length - 1];
  let offset: number | undefined;
  const { isMap, isPair, isScalar } = yaml();
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(last));
    offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  } else {
    const node = doc.getIn(keys, true) as { range?: [number, number, number] } | undefined;
    offset = node?.range?.[0];
  }
  if (offset === undefined) return null;
  const pos = counter.linePos(offset);
  return `in "${label}", line ${pos.line}, column ${pos.col}`;
}

export function loadComposeFile(cwd: Workspace, given: string | null): LoadedFile | ComposeError {
  const path = given ?? DEFAULT_FILES.find((f) => cwd.read(f) !== null) ?? null;
  if (path === null) return { message: NOT_FOUND };
  const label = path.startsWith('/') || path.startsWith('./') ? path : `./${path}`;
  const text = cwd.read(path);
  if (text === null) return { message: `.FileNotFoundError: [Errno 2] No such file or directory: '${label}'` };
  const { LineCounter: Counter, parseDocument } = yaml();
  const counter = new Counter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const [first] = error.message.split('\n');
    const pos = counter.linePos(error.pos[0]);
    const kind = error.code === 'DUPLICATE_KEY' ? 'yaml.constructor.ConstructorError' : 'yaml.parser.ParserError';
    return { message: `${kind}: ${first.replace(/ at line \d+, column \d+:?$/, '')}\n  in "${label}", line ${pos.line}, column ${pos.col}` };
  }
  const data: unknown = doc.toJS();
  return { label, path: label.replace(/^\.\//, ''), data, where: (keys) => locate(doc, counter, label, keys) };
}
