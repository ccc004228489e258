// Builders for hand-made ASTs (so runner tests need no parser) and a scripted fake Backend.
import type {
  DnetFile,
  Expectation,
  Location,
  Scenario,
  Statement,
  Value,
  Word,
  WordPart,
} from '../../src/language/ast.js';
import type {
  Backend,
  BackendSession,
  CommandResult,
  Explanation,
  Probe,
  ProbeKind,
  ProbeOf,
  ProbeOutcome,
  ScenarioContext,
} from '../../src/backends/backend.js';

/** A word; `$x` and `${x}` become variable parts. */
export function w(raw: string): Word {
  const parts: WordPart[] = [];
  const re = /\$\{(\w+)\}|\$(\w+)/g;
  let at = 0;
  const loc = point(1, 1, 1);
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m.index > at) parts.push({ type: 'Text', value: raw.slice(at, m.index), loc });
    parts.push({ type: 'Var', name: m[1] ?? m[2], loc });
    at = m.index + m[0].length;
  }
  if (at < raw.length || parts.length === 0) parts.push({ type: 'Text', value: raw.slice(at), loc });
  return { type: 'Word', parts, raw, quoted: false, loc };
}

export const lit = (raw: string): Value => ({ type: 'Literal', word: w(raw), loc: point(1, 1, 1) });

function point(line: number, column: number, endColumn: number, source = 'test.dnet'): Location {
  return { source, start: { offset: 0, line, column }, end: { offset: 0, line, column: endColumn } };
}

/** Builds a file line by line; every statement's loc points at its own line. */
export class FileBuilder {
  private lines: string[] = [];
  private setup: Statement[] = [];
  private scenarios: Scenario[] = [];
  constructor(readonly path = 'test.dnet') {}

  private loc(text: string, indent: number): Location {
    this.lines.push(' '.repeat(indent) + text);
    const line = this.lines.length;
    return point(line, indent + 1, indent + 1 + text.length, this.path);
  }

  private add(statement: Statement): this {
    const current = this.scenarios.at(-1);
    (current ? current.body : this.setup).push(statement);
    return this;
  }

  scenario(title: string, tags: string[] = []): this {
    const loc = this.loc(`scenario "${title}"${tags.map((t) => ` @${t}`).join('')}`, 0);
    this.scenarios.push({ type: 'Scenario', title, tags: tags.map((name) => ({ type: 'Tag', name, loc })), description: [], body: [], implicit: false, loc });
    return this;
  }

  private indent(): number {
    return this.scenarios.length ? 2 : 0;
  }

  docker(command: string): this {
    const loc = this.loc(`docker ${command}`, this.indent());
    return this.add({ type: 'DockerCommand', program: 'docker', programLoc: loc, args: command.split(' ').map(w), loc });
  }

  expect(text: string, expectation: DistributiveOmit<Expectation, 'loc' | 'within'> & { within?: Expectation['within'] }): this {
    const loc = this.loc(`expect ${text}`, this.indent());
    const full = { within: null, ...expectation, loc } as Expectation;
    return this.add({ type: 'Expect', expectation: full, loc });
  }

  expectDocker(command: string, outcome: 'succeeds' | 'fails'): this {
    const loc = this.loc(`expect docker ${command} ${outcome}`, this.indent());
    const docker = { type: 'DockerCommand' as const, program: 'docker' as const, programLoc: loc, args: command.split(' ').map(w), loc };
    return this.add({ type: 'Expect', expectation: { type: 'DockerExpect', command: docker, outcome, withText: null, within: null, loc }, loc });
  }

  let(name: string, value: Value, text = 'VALUE'): this {
    const loc = this.loc(`let ${name} = ${text}`, this.indent());
    return this.add({ type: 'Let', name, nameLoc: loc, value, loc });
  }

  file(path: string, content: string): this {
    const loc = this.loc(`file ${path} <<EOF`, this.indent());
    this.lines.push(...content.split('\n'), 'EOF');
    return this.add({ type: 'FileBlock', path: w(path), delimiter: 'EOF', content, loc });
  }

  skip(reason: string): this {
    const loc = this.loc(`skip "${reason}"`, this.indent());
    return this.add({ type: 'Skip', reason, loc });
  }

  build(): DnetFile {
    const source = this.lines.join('\n') + '\n';
    return { type: 'DnetFile', path: this.path, source, setup: this.setup, scenarios: this.scenarios, comments: [], loc: point(1, 1, 1, this.path) };
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
export const why = (...steps: string[]): Explanation => ({ steps });

export type ProbeHandler = (probe: Probe, attempt: number) => ProbeOutcome<ProbeKind>;

export interface FakeBackend extends Backend {
  /** Every command run, as `docker a b c`, across sessions. */
  commands: string[];
  contexts: ScenarioContext[];
  closed: number;
  probes: Probe[];
}

/** A scripted backend: commands answered by `onRun` (default: success), probes by `onProbe`. */
export function fakeBackend(options: {
  name?: 'sim' | 'docker';
  realTime?: boolean;
  onRun?: (args: string[]) => CommandResult;
  onProbe?: ProbeHandler;
}): FakeBackend {
  const backend: FakeBackend = {
    name: options.name ?? 'sim',
    realTime: options.realTime ?? false,
    commands: [],
    contexts: [],
    probes: [],
    closed: 0,
    async open(context) {
      backend.contexts.push(context);
      const session: BackendSession = {
        async run(program, args) {
          backend.commands.push([program, ...args].join(' '));
          return options.onRun ? options.onRun(args) : ok();
        },
        async probe<K extends ProbeKind>(probe: ProbeOf<K>): Promise<ProbeOutcome<K>> {
          backend.probes.push(probe);
          if (!options.onProbe) throw new Error(`no answer scripted for probe ${probe.kind}`);
          const attempt = backend.probes.filter((p) => p.kind === probe.kind).length;
          return options.onProbe(probe, attempt) as ProbeOutcome<K>;
        },
        async close() {
          backend.closed++;
        },
      };
      return session;
    },
    async dispose() {},
  };
  return backend;
}

export function answered<K extends ProbeKind>(answer: import('../../src/backends/backend.js').Answers[K], explanation: Explanation = why()): ProbeOutcome<K> {
  return { status: 'answered', answer, why: explanation };
}
