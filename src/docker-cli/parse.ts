// argv → Invocation, with spf13/pflag's semantics as the docker client uses them:
// `--flag=value`, `--flag value`, combined shorts (`-itd`, `-p80:80`, `-e=A=b`), `--`
// ending the flags, repeated flags, bool flags taking `--rm=false`, and — for run,
// create and exec — flags stopping at the first positional (SetInterspersed(false)).
// Error messages are the client's own words, so a scenario can `expect … fails with`.
import { closest } from './closest.js';
import { commandAliases, commands, globalFlags } from './commands.js';
import type { CommandSpec, FlagSpec, InvocationError, ParseResult } from './types.js';

type Program = 'docker' | 'docker-compose';

interface FlagScan {
  flags: Map<string, string[]>;
  positionals: string[];
  /** argv index of the first word not consumed (when stopping at a positional). */
  next: number;
}

type ScanResult = { ok: true; scan: FlagScan } | { ok: false; error: InvocationError };

function longNames(flags: readonly FlagSpec[]): string[] {
  return flags.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
}

// Every docker command of every scenario is parsed (by the checks, then by the engine):
// flag lookups go through a map per flag table, built once, not a scan per word.
const flagIndexes = new WeakMap<readonly FlagSpec[], Map<string, FlagSpec>>();

function flagIndex(flags: readonly FlagSpec[]): Map<string, FlagSpec> {
  let index = flagIndexes.get(flags);
  if (!index) {
    index = new Map();
    // First spec wins, as find() would: shorts keyed `-x`, longs by name.
    for (const f of flags) {
      for (const n of [f.name, ...(f.aliases ?? [])]) if (!index.has(n)) index.set(n, f);
      if (f.short && !index.has(`-${f.short}`)) index.set(`-${f.short}`, f);
    }
    flagIndexes.set(flags, index);
  }
  return index;
}

function byLong(flags: readonly FlagSpec[], name: string): FlagSpec | undefined {
  return name.startsWith('-') ? flags.find((f) => f.name === name || f.aliases?.includes(name)) : flagIndex(flags).get(name);
}

function byShort(flags: readonly FlagSpec[], letter: string): FlagSpec | undefined {
  return flagIndex(flags).get(`-${letter}`);
}

/** The commands under a path (`docker network …`), and their next words; built once per path. */
const levels = new Map<string, { candidates: readonly CommandSpec[]; names: Set<string> }>();

function level(program: Program, path: readonly string[], key: string): { candidates: readonly CommandSpec[]; names: Set<string> } {
  let found = levels.get(key);
  if (!found) {
    const candidates = commands.filter((c) => c.program === program && path.every((w, k) => c.path[k] === w));
    found = { candidates, names: new Set(candidates.map((c) => c.path[path.length])) };
    levels.set(key, found);
  }
  return found;
}

/**
 * Reads flags from argv[start…]. `stopAt`: 'positional' stops at the first positional
 * (rest unread), 'never' collects positionals and keeps reading flags.
 */
function scanFlags(argv: readonly string[], start: number, specs: readonly FlagSpec[],
  stopAt: 'positional' | 'never', helpHint: string, exitCode: number): ScanResult {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  const add = (spec: FlagSpec, value: string): void => {
    const values = flags.get(spec.name);
    // A non-repeated string flag keeps its last value, as pflag's Set does. A first value
    // starts a one-element array (push on an empty one leaves room for 17; every command
    // is parsed twice, by the checks and by the engine).
    if (values === undefined || (spec.kind === 'string' && !spec.repeated)) flags.set(spec.name, [value]);
    else values.push(value);
  };
  const fail = (kind: InvocationError['kind'], first: string, argIndex: number, suggestion?: string): ScanResult => ({
    ok: false,
    error: { kind, message: `${first}\nSee '${helpHint} --help'.`, argIndex, suggestion, exitCode },
  });

  let i = start;
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      i = argv.length;
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const spec = byLong(specs, name);
      if (!spec) {
        const guess = closest(name, longNames(specs));
        return fail('unknown-flag', `unknown flag: --${name}`, i, guess && `--${guess}`);
      }
      if (spec.kind === 'bool') add(spec, eq < 0 ? 'true' : word.slice(eq + 1));
      else if (eq >= 0) add(spec, word.slice(eq + 1));
      else if (i + 1 < argv.length) add(spec, argv[++i]);
      else return fail('missing-value', `flag needs an argument: --${name}`, i);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // Combined shorthands: bools in a row, a string flag takes the rest of the word.
      for (let j = 1; j < word.length; j++) {
        const letter = word[j];
        const spec = byShort(specs, letter);
        if (!spec) {
          const guess = specs.find((f) => f.short?.toLowerCase() === letter.toLowerCase());
          return fail('unknown-flag', `unknown shorthand flag: '${letter}' in ${word}`, i, guess && `-${guess.short}`);
        }
        if (spec.kind === 'bool') {
          if (word[j + 1] === '=') {
            add(spec, word.slice(j + 2));
            break;
          }
          add(spec, 'true');
          continue;
        }
        const rest = word.slice(j + 1);
        if (rest.length > 0) add(spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) add(spec, argv[++i]);
        else return fail('missing-value', `flag needs an argument: '${letter}' in -${letter}`, i);
        break;
      }
      continue;
    }
    if (stopAt === 'positional') break;
    positionals.push(word);
  }
  return { ok: true, scan: { flags, positionals, next: i } };
}

function argCountMessage(spec: CommandSpec, name: string): string | undefined {
  const { minArgs: min, maxArgs: max } = spec;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (max === 0) return `"${name}" accepts no arguments.`;
  if (max === min) return `"${name}" requires exactly ${plural(min)}.`;
  if (max !== undefined && min > 0) return `"${name}" requires at least ${min} and at most ${plural(max)}.`;
  if (max !== undefined) return `"${name}" requires at most ${plural(max)}.`;
  return `"${name}" requires at least ${plural(min)}.`;
}

/**
 * Results kept for the next parse of the same argv. Every docker command is parsed twice:
 * by the language check (src/language/checks/docker-invocation.ts), then, just before it
 * runs, by the simulator's CLI front. parseInvocation is a pure function of (program, argv)
 * and nobody changes what it returns (Invocation is readonly through and through), so the
 * run takes the check's result. A hit is taken out (the run consumes what the check left);
 * entries nobody takes (a scenario left out by --filter) are dropped all at once when
 * there are too many. The key joins the words with NUL; the words are compared too, so a
 * word holding a NUL cannot meet another argv's result.
 */
const recent = new Map<string, { program: Program; argv: readonly string[]; result: ParseResult }>();
const RECENT_MAX = 20_000;

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Parses `program argv…` (argv without the program name) against the command table. */
export function parseInvocation(program: Program, argv: readonly string[]): ParseResult {
  const key = argv.join('\0');
  const hit = recent.get(key);
  if (hit !== undefined && hit.program === program && sameWords(hit.argv, argv)) {
    recent.delete(key);
    return hit.result;
  }
  const result = parseUncached(program, argv);
  if (recent.size >= RECENT_MAX) recent.clear();
  // A copy: the caller may reuse its array.
  recent.set(key, { program, argv: argv.slice(), result });
  return result;
}

function parseUncached(program: Program, argv: readonly string[]): ParseResult {
  const globalSpecs = globalFlags[program];
  const head = scanFlags(argv, 0, globalSpecs, 'positional', program, program === 'docker' ? 125 : 1);
  if (!head.ok) return head;
  const globals = head.scan.flags;
  let i = head.scan.next;

  // Walk the command tree one word at a time; `docker compose` takes its own globals.
  const path: string[] = [];
  let key: string = program; // `program path…`, grown with the path: level()'s cache key
  let candidates = level(program, path, key).candidates;
  for (;;) {
    if (i >= argv.length) {
      return { ok: false, error: { kind: 'unknown-command', argIndex: i, command: [program, ...path].join(' '),
        message: `"${[program, ...path].join(' ')}" requires a subcommand.\nSee '${[program, ...path].join(' ')} --help'.`, exitCode: 1 } };
    }
    const depth = path.length;
    const raw = argv[i];
    const { names } = level(program, path, key);
    const word = !names.has(raw) && depth > 0 && commandAliases[raw] && names.has(commandAliases[raw]) ? commandAliases[raw] : raw;
    if (!names.has(word)) {
      const where = [program, ...path].join(' ');
      const suggestion = closest(raw, names);
      return { ok: false, error: { kind: 'unknown-command', argIndex: i, suggestion, exitCode: 1, command: where,
        message: `${program === 'docker' && depth === 0 ? 'docker' : where}: '${raw}' is not a ${where} command.\nSee '${where} --help'` } };
    }
    path.push(word);
    key += ` ${word}`;
    i++;
    candidates = level(program, path, key).candidates;
    const exact = candidates.find((c) => c.path.length === path.length);
    if (exact) break;
    if (program === 'docker' && path.join(' ') === 'compose') {
      const compose = scanFlags(argv, i, globalFlags['docker compose'], 'positional', 'docker compose', 1);
      if (!compose.ok) return compose;
      for (const [k, v] of compose.scan.flags) globals.set(k, [...(globals.get(k) ?? []), ...v]);
      i = compose.scan.next;
    }
  }

  const spec = candidates.find((c) => c.path.length === path.length) as CommandSpec;
  const name = [program, ...spec.path].join(' ');
  const verb = (spec.dispatch ?? spec.path)[0];
  const exitCode = program === 'docker' && (verb === 'run' || verb === 'create') ? 125 : 1;
  // A flag error is cobra's, exit 125 for every docker command (real engine); docker-compose says 1.
  const body = scanFlags(argv, i, spec.flags, spec.stopAtFirstPositional ? 'positional' : 'never', name, program === 'docker' ? 125 : 1);
  if (!body.ok) return body;
  // concat sizes the array exactly (a spread grows it): `docker run` keeps part of it as the command.
  const args = spec.stopAtFirstPositional ? body.scan.positionals.concat(argv.slice(body.scan.next)) : body.scan.positionals;
  const countOk = args.length >= spec.minArgs && (spec.maxArgs === undefined || args.length <= spec.maxArgs);
  if (!countOk) {
    const first = argCountMessage(spec, name) as string;
    return { ok: false, error: { kind: 'arg-count', argIndex: Math.min(argv.length, i), exitCode,
      message: `${first}\nSee '${name} --help'.\n\nUsage:  ${spec.usage}` } };
  }
  // A management command (`docker container ls`) runs as its top-level twin (`docker ps`).
  const handled = spec.dispatch ? { ...spec, path: spec.dispatch } : spec;
  return { ok: true, invocation: { spec: handled, flags: body.scan.flags, args, globals } };
}

/** A bool flag's value: pflag accepts `--rm=false`. */
export function flagBool(flags: ReadonlyMap<string, readonly string[]>, name: string): boolean {
  const values = flags.get(name);
  if (!values || values.length === 0) return false;
  // strconv.ParseBool's false spellings (a value it refuses is caught by the command).
  return !['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(values[values.length - 1]!);
}

/** A string flag's last value, or undefined. */
export function flagString(flags: ReadonlyMap<string, readonly string[]>, name: string): string | undefined {
  const values = flags.get(name);
  return values && values.length > 0 ? values[values.length - 1] : undefined;
}

/** Every value a repeated flag was given, in order. */
/** A list flag of KEY=VALUE words (`--label`, `--opt`, `--sysctl`) as a map; a word without `=` maps to ''. */
export function flagKeyValues(flags: ReadonlyMap<string, readonly string[]>, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of flags.get(name) ?? []) {
    const i = v.indexOf('=');
    out[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return out;
}

export function flagList(flags: ReadonlyMap<string, readonly string[]>, name: string): string[] {
  // `docker run` asks for ~20 lists, nearly all absent: no empty array to spread from.
  const values = flags.get(name);
  return values === undefined ? [] : values.slice();
}
