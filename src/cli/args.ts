// argv → what to do. Hand-written (no dependency): the flags are few, and an unknown
// one must be named with a did-you-mean, never ignored.
import { closest } from '../docker-cli/closest.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type BackendChoice = 'sim' | 'docker';

export interface ReporterSpec {
  name: string;
  /** null: stdout. */
  path: string | null;
}

export interface RunArgs {
  command: 'run';
  paths: string[];
  filters: string[];
  tags: string[];
  bail: boolean;
  reporters: ReporterSpec[];
  /** false: `--no-color`; null: decide from NO_COLOR and the terminal. */
  color: boolean | null;
  backends: BackendChoice[];
  shard: { index: number; total: number } | null;
  /** Threads, this one included (simulator only); null: chosen from the suite's size (`defaultJobs`). */
  jobs: number | null;
  /** Run again whenever a .dnet file under PATH changes. */
  watch: boolean;
  /** Exit 0 when the selection (`-t`, `--tag`, `--shard`) leaves no scenario (default: 1). */
  passWithNoScenarios: boolean;
  /** `--compare-output`: a differential run compares what commands print, not only outcomes. */
  compareOutput: boolean;
}

export type Args =
  | RunArgs
  | { command: 'check'; paths: string[]; color: boolean | null }
  | { command: 'fmt'; paths: string[]; check: boolean; color: boolean | null }
  | { command: 'docs'; paths: string[]; out: string | null; color: boolean | null }
  | { command: 'help' }
  | { command: 'version' };

const valued = ['--filter', '-t', '--tag', '--reporter', '--backend', '--shard', '--jobs', '-j', '--out'] as const;
const switches = ['--bail', '--no-color', '--color', '--watch', '-w', '--help', '-h', '--version', '-v', '--check', '--pass-with-no-scenarios', '--compare-output'] as const;
const known: string[] = [...valued, ...switches];
const subcommands = ['run', 'check', 'fmt', 'docs'] as const;
type Subcommand = (typeof subcommands)[number];
// Options that belong to one subcommand only: elsewhere they are an error, not ignored.
const onlyFor: Record<string, Subcommand> = { '--check': 'fmt', '--out': 'docs' };

export const defaultPaths = ['scenarios/'];

export function parseArgs(argv: string[]): Args {
  const words = [...argv];
  let command: Subcommand = 'run';
  if ((subcommands as readonly string[]).includes(words[0])) command = words.shift() as Subcommand;
  const run: RunArgs = { command: 'run', paths: [], filters: [], tags: [], bail: false, reporters: [], color: null, backends: ['sim'], shard: null, jobs: null, watch: false, passWithNoScenarios: false, compareOutput: false };
  let fmtCheck = false;
  let out: string | null = null;
  let onlyPaths = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (onlyPaths || !word.startsWith('-') || word === '-') {
      run.paths.push(word);
      continue;
    }
    if (word === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const flag = eq > 0 ? word.slice(0, eq) : word;
    let inline: string | null = eq > 0 ? word.slice(eq + 1) : null;
    // `-tfoo` as `-t foo`, `-j4` as `-j 4`, as getopt does.
    if (!word.startsWith('--') && word.length > 2 && /^-[tj]/.test(word)) inline = word.slice(2);
    const name = inline !== null && !word.startsWith('--') ? word.slice(0, 2) : flag;
    if (onlyFor[name] && onlyFor[name] !== command) throw new UsageError(`option '${name}' belongs to 'dnet-test ${onlyFor[name]}'`);
    if ((switches as readonly string[]).includes(name)) {
      if (inline !== null) throw new UsageError(`option '${name}' takes no value`);
      if (name === '--help' || name === '-h') return { command: 'help' };
      if (name === '--version' || name === '-v') return { command: 'version' };
      if (name === '--bail') run.bail = true;
      if (name === '--watch' || name === '-w') run.watch = true;
      if (name === '--no-color') run.color = false;
      if (name === '--color') run.color = true;
      if (name === '--check') fmtCheck = true;
      if (name === '--pass-with-no-scenarios') run.passWithNoScenarios = true;
      if (name === '--compare-output') run.compareOutput = true;
      continue;
    }
    if (!(valued as readonly string[]).includes(name)) {
      const guess = closest(name, known);
      throw new UsageError(`unknown option '${name}'${guess ? `\n  did you mean '${guess}'?` : ''}`);
    }
    const value = inline ?? words[++i];
    if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    if (name === '--out') out = value;
    else applyValued(run, name, value);
  }
  if (run.paths.length === 0) run.paths = [...defaultPaths];
  if (run.compareOutput && run.backends.length < 2) throw new UsageError(`--compare-output compares two backends: use it with --backend sim,docker`);
  if (command === 'check') return { command: 'check', paths: run.paths, color: run.color };
  if (command === 'fmt') return { command: 'fmt', paths: run.paths, check: fmtCheck, color: run.color };
  if (command === 'docs') return { command: 'docs', paths: run.paths, out, color: run.color };
  return run;
}

function applyValued(run: RunArgs, name: string, value: string): void {
  switch (name) {
    case '--filter':
    case '-t':
      run.filters.push(value);
      return;
    case '--tag':
      run.tags.push(value.replace(/^@/, ''));
      return;
    case '--reporter': {
      const eq = value.indexOf('=');
      run.reporters.push(eq > 0 ? { name: value.slice(0, eq), path: value.slice(eq + 1) } : { name: value, path: null });
      return;
    }
    case '--backend': {
      const parts = value.split(',').map((s) => s.trim());
      for (const part of parts) {
        if (part !== 'sim' && part !== 'docker') {
          const guess = closest(part, ['sim', 'docker']);
          throw new UsageError(`unknown backend '${part}' (use sim, docker or sim,docker)${guess ? `\n  did you mean '${guess}'?` : ''}`);
        }
      }
      const unique = [...new Set(parts)] as BackendChoice[];
      if (unique.length !== parts.length) throw new UsageError(`backend named twice in '${value}'`);
      run.backends = unique;
      return;
    }
    case '--jobs':
    case '-j': {
      const jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs wants a whole number of at least 1, got '${value}'`);
      run.jobs = jobs;
      return;
    }
    case '--shard': {
      const m = /^(\d+)\/(\d+)$/.exec(value);
      const index = Number(m?.[1]);
      const total = Number(m?.[2]);
      if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`--shard wants I/N with 1 <= I <= N, got '${value}'`);
      run.shard = { index, total };
      return;
    }
  }
}

/** `-t` patterns: `/regex/flags` or a plain substring. */
export function titleMatcher(patterns: string[]): (title: string) => boolean {
  if (patterns.length === 0) return () => true;
  const tests = patterns.map((p) => {
    const m = /^\/(.*)\/([a-z]*)$/.exec(p);
    if (!m) return (t: string) => t.includes(p);
    let re: RegExp;
    try {
      re = new RegExp(m[1], m[2]);
    } catch (e) {
      throw new UsageError(`invalid --filter regex ${p}: ${(e as Error).message}`);
    }
    return (t: string) => re.test(t);
  });
  return (title) => tests.some((t) => t(title));
}

export const helpText = `dnet-test: declarative scenario tests for Docker container networking

usage:
  dnet-test [options] [PATH...]     run the scenarios in PATH (files, or folders
                                    searched for *.dnet; default: scenarios/)
  dnet-test check PATH...           parse and check files, run nothing
  dnet-test fmt [--check] PATH...   rewrite files in the canonical layout (comments
                                    kept); --check: change nothing, list the files
                                    that would change, exit 1 if any
  dnet-test docs [--out FILE] PATH...
                                    Markdown documentation of the scenarios (title,
                                    tags, description, statements) to FILE or stdout

options:
  -t, --filter PATTERN   only scenarios whose title contains PATTERN (or matches /REGEX/)
  --tag TAG              only scenarios tagged @TAG (repeatable: any of them)
  --pass-with-no-scenarios
                         exit 0 when -t/--tag/--shard leave no scenario to run (by
                         default that is a warning and exit 1: a typo must not pass CI)
  --bail                 stop at the first failure
  --reporter NAME[=PATH] pretty (default), dot, tap, junit, json, html, or a module
                         (./my-reporter.js: its default export is a reporter object,
                         a factory of {chalk, live, columns}, or a class; see
                         docs/cli.md); to PATH instead of stdout; repeatable
  --backend B            sim (default), docker, or sim,docker (compare both)
  --compare-output       with --backend sim,docker: commands must also print the same
                         (IDs, clocks, ping times masked), not only succeed on both
  --shard I/N            run only the I-th of N deterministic slices of the files
  -j, --jobs N           run files on N threads (this one and N-1 workers). Default:
                         1 for a small suite (a worker takes ~0.1-0.3 s to load the
                         parser and engine, in which one thread runs hundreds of
                         scenarios), one more per ~300 KB of .dnet files, up to the
                         cores. Output order is the same for every N. The docker
                         backend always runs one scenario at a time.
  -w, --watch            run again when a .dnet file changes (Ctrl-C ends)
  --no-color             plain output (also: NO_COLOR=1)
  -h, --help             this text
  -v, --version          the version

exit status: 0 all passed (skips allowed), 1 a scenario failed or none was selected
(fmt --check: a file would change), 2 invalid command line or file, 3 internal error
`;
