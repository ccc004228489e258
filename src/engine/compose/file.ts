// Reading a compose file: YAML (the `yaml` package, with positions) → the plain object
// the schema checks (schema.ts) turn into a project model. Errors are Compose 1.29's
// texts, followed by where in the file the offending key is, in PyYAML's own
// `in "FILE", line L, column C` form.
import { createRequire } from 'node:module';
import type { Tags } from 'yaml';
import { posix } from 'node:path';
import type { Workspace } from '../build/workspace.js';
import { interpolateFile } from './interpolate.js';
import { asMapping, envFileEntries, mergeComposeData } from './merge.js';

// yaml is loaded when a compose file is first read, not at every start: most scenarios
// never use compose, and loading it costs a start-up as much as the rest of the engine.
// (A synchronous require: the engine answers commands synchronously.)
type Yaml = typeof import('yaml');
const loadModule = createRequire(import.meta.url);
let yamlLib: Yaml | null = null;
export const yaml = (): Yaml => (yamlLib ??= loadModule('yaml') as Yaml);

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
  /** Every file of the project, the first one first (`-f` order, or the default and its override). */
  files?: string[];
  data: unknown;
  /** What loading logged (an unset variable), printed before the command's own output. */
  warnings?: string[];
}

const NOT_FOUND = `
        Can't find a suitable configuration file in this directory or any
        parent. Are you in the right directory?

        Supported filenames: ${DEFAULT_FILES.join(', ')}
        `;

const FLOAT = 'tag:yaml.org,2002:float';
/** PyYAML's float resolver: a dot and a digit are needed (`build: .` is the string '.',
 *  which yaml's 1.1 schema reads as NaN), and an exponent only after a dot (`1e5` is a string). */
const PYYAML_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$/;
function pyyamlFloats(tags: Tags): Tags {
  return tags.filter((t) => !(typeof t === 'object' && t.tag === FLOAT && t.format === 'EXP'))
    .map((t) => (typeof t === 'object' && t.tag === FLOAT && !t.format && 'test' in t && t.test?.source.includes('[0-9_]*)?\\.') ? { ...t, test: PYYAML_FLOAT } : t));
}

export function loadComposeFile(cwd: Workspace, given: string | null): LoadedFile | ComposeError {
  const path = given ?? DEFAULT_FILES.find((f) => cwd.read(f) !== null) ?? null;
  if (path === null) return { message: NOT_FOUND };
  const label = path.startsWith('/') || path.startsWith('./') ? path : `./${path}`;
  const text = cwd.read(path);
  if (text === null) return { message: `.FileNotFoundError: [Errno 2] No such file or directory: '${label}'` };
  const { LineCounter: Counter, parseDocument } = yaml();
  const counter = new Counter();
  // YAML 1.1, as PyYAML reads it for Compose 1.29: `restart: no` is false, `0x10` is 16,
  // and a key given twice is no error: the last one wins.
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false, version: '1.1', customTags: pyyamlFloats });
  const error = doc.errors[0];
  if (error) {
    const [first] = error.message.split('\n');
    const pos = counter.linePos(error.pos[0]);
    return { message: `yaml.parser.ParserError: ${first.replace(/ at line \d+, column \d+:?$/, '')}\n  in "${label}", line ${pos.line}, column ${pos.col}` };
  }
  const data: unknown = doc.toJS();
  return { label, path: label.replace(/^\.\//, ''), data };
}

/** The override Compose reads beside a default file when no -f is given. */
const overrideOf = (path: string): string => path.replace(/\.(ya?ml)$/, '.override.$1');

/**
 * The project's files merged: each `-f` in order, or the default file and its override
 * (`docker-compose.override.yml`) when no -f is given. Messages and key positions are the
 * first file's; `env_file:` entries are read (relative to the first file's folder) into the
 * service's environment, which wins over them.
 */
export function loadComposeFiles(cwd: Workspace, given: readonly string[]): LoadedFile | ComposeError {
  const first = loadComposeFile(cwd, given[0] ?? null);
  if ('message' in first) return first;
  const rest = given.length > 0 ? given.slice(1) : [overrideOf(first.path)].filter((p) => p !== first.path && cwd.read(p) !== null);
  // Each file is interpolated before the merge, with the project folder's .env (1.28+).
  const vars = new Map<string, string>();
  const dotEnv = cwd.read(posix.join(posix.dirname(first.path), '.env'));
  for (const [name, value] of dotEnv === null ? [] : envFileEntries(dotEnv)) vars.set(name, value);
  const warnings: string[] = [];
  const firstData = interpolateFile(first.data, vars);
  if ('message' in firstData) return firstData;
  warnings.push(...firstData.warnings);
  let data = firstData.data;
  for (const path of rest) {
    const more = loadComposeFile(cwd, path);
    if ('message' in more) return more;
    const moreData = interpolateFile(more.data, vars);
    if ('message' in moreData) return moreData;
    warnings.push(...moreData.warnings);
    data = mergeComposeData(data, moreData.data);
  }
  const withEnv = readEnvFiles(cwd, posix.dirname(first.path), data);
  if (typeof withEnv === 'string') return { message: withEnv };
  return { ...first, path: first.path, files: [first.path, ...rest], data: withEnv, warnings };
}

function readEnvFiles(cwd: Workspace, dir: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const services = (data as Record<string, unknown>).services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return data;
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(services as Record<string, unknown>)) {
    const service = s as Record<string, unknown> | null;
    const files = service?.env_file;
    if (!service || files === undefined || files === null) {
      out[name] = s;
      continue;
    }
    const vars: Record<string, string> = {};
    for (const f of Array.isArray(files) ? files : [files]) {
      const path = posix.join(dir, String(f));
      const text = cwd.read(path);
      if (text === null) return `Couldn't find env file: ${posix.join(cwd.dir, path)}`;
      for (const [name, value] of envFileEntries(text)) vars[name] = value;
    }
    out[name] = { ...service, environment: { ...vars, ...asMapping(service.environment) } };
  }
  return { ...(data as Record<string, unknown>), services: out };
}
