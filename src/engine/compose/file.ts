// Reading a compose file: YAML (the `yaml` package, with positions) → the plain object
// the schema checks (schema.ts) turn into a project model. Errors are Compose 1.29's
// texts, followed by where in the file the offending key is, in PyYAML's own
// `in "FILE", line L, column C` form.
import { createRequire } from 'node:module';
import type { Tags } from 'yaml';
import { posix } from 'node:path';
import type { Workspace } from '../build/workspace.js';
import { parseDotenv } from './dotenv.js';
import type { Environment } from './environment.js';
import { interpolateFile } from './interpolate.js';
import { asMapping, mergeComposeData } from './merge.js';

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
  /** The project's folder, relative to the working folder: `--project-directory`, else the
   *  first file's. Relative paths in the files (env_file, build, binds) start there. */
  projectDir?: string;
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
const BOOL = 'tag:yaml.org,2002:bool';
/** PyYAML's booleans: yes/no, true/false, on/off in three cases; not y/Y/n/N, which
 *  yaml's 1.1 schema reads as booleans (`N: 1` is the key 'N' for Compose). */
const PYYAML_BOOL: Readonly<Record<string, RegExp>> = {
  true: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  false: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
};
function pyyamlScalars(tags: Tags): Tags {
  return tags.filter((t) => !(typeof t === 'object' && t.tag === FLOAT && t.format === 'EXP'))
    .map((t) => {
      if (typeof t !== 'object' || !('test' in t) || t.test === undefined) return t;
      if (t.tag === FLOAT && !t.format && t.test.source.includes('[0-9_]*)?\\.')) return { ...t, test: PYYAML_FLOAT };
      if (t.tag === BOOL) return { ...t, test: PYYAML_BOOL[String(t.test.test('true'))] };
      return t;
    });
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
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false, version: '1.1', customTags: pyyamlScalars });
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
 * The project's files merged: each given file in order (`-f`, or COMPOSE_FILE), or the
 * default file and its override (`docker-compose.override.yml`). Each is substituted with
 * the command's environment before the merge (1.28+). Messages and key positions are the
 * first file's; `env_file:` entries are read (relative to the project's folder) into the
 * service's environment, which wins over them.
 */
export function loadComposeFiles(cwd: Workspace, given: readonly string[], env: Environment, overrideDir: string | null): LoadedFile | ComposeError {
  const first = loadComposeFile(cwd, given[0] ?? null);
  if ('message' in first) return first;
  const rest = given.length > 0 ? given.slice(1) : [overrideOf(first.path)].filter((p) => p !== first.path && cwd.read(p) !== null);
  const firstData = interpolateFile(first.data, env);
  if ('message' in firstData) return firstData;
  let data = firstData.data;
  for (const path of rest) {
    const more = loadComposeFile(cwd, path);
    if ('message' in more) return more;
    const moreData = interpolateFile(more.data, env);
    if ('message' in moreData) return moreData;
    data = mergeComposeData(data, moreData.data);
  }
  const projectDir = overrideDir ?? posix.dirname(first.path);
  const withEnv = readEnvFiles(cwd, projectDir, data, env);
  if (typeof withEnv === 'string') return { message: withEnv };
  return { ...first, files: [first.path, ...rest], data: withEnv, projectDir };
}

function readEnvFiles(cwd: Workspace, dir: string, data: unknown, env: Environment): unknown {
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
    const vars: Record<string, string | null> = {};
    for (const f of Array.isArray(files) ? files : [files]) {
      const path = posix.join(dir, String(f));
      const text = cwd.read(path);
      if (text === null) return `Couldn't find env file: ${posix.join(cwd.dir, path)}`;
      const read = parseDotenv(text);
      env.warnings.push(...read.warnings);
      for (const [name, value] of read.entries) vars[name] = value;
    }
    out[name] = { ...service, environment: { ...vars, ...asMapping(service.environment) } };
  }
  return { ...(data as Record<string, unknown>), services: out };
}
