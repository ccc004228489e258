// Docker commands Docker itself would refuse: unknown subcommand, unknown flag, a flag
// without its value, wrong number of arguments — reported before anything runs.
// `expect docker … fails` is exempt: such a command may be wrong on purpose.
import { error } from '../../diagnostics/index.js';
import { commands } from '../../docker-cli/commands.js';
import { parseInvocation } from '../../docker-cli/parse.js';
import type { DockerCommand, Location, Word } from '../ast.js';
import type { Check } from './pass.js';
import { allStatements, commandsOf } from './walk.js';

/** Stands for a `$var` so flags still parse; not a word Docker gives meaning to. */
const PLACEHOLDER = 'dnet-var';

// Every docker command of a file goes through these two: index loops, not map/join or
// for…of, which in V8's interpreter allocates an iterator and a result object per element.
function argOf(word: Word): string {
  let text = '';
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    text += p.type === 'Text' ? p.value : PLACEHOLDER;
  }
  return text;
}

function argvOf(words: readonly Word[]): string[] {
  const argv: string[] = [];
  for (let i = 0; i < words.length; i++) argv.push(argOf(words[i]));
  return argv;
}

/** `docker network create`: the longest known command path the positionals start with. */
function commandName(program: DockerCommand['program'], argv: readonly string[]): string {
  const positionals = argv.filter((a) => !a.startsWith('-'));
  let best: string[] = [];
  for (const spec of commands) {
    if (spec.program !== program || spec.path.length <= best.length) continue;
    if (spec.path.every((p, i) => positionals[i] === p)) best = spec.path;
  }
  return [program, ...best].join(' ');
}

/** Just past the command's last word: where a missing word would go. */
function endOf(command: DockerCommand): Location {
  const end = command.loc.end;
  return { source: command.loc.source, start: end, end };
}

function check(command: DockerCommand, report: Parameters<Check['run']>[1]): void {
  const argv = argvOf(command.args);
  const result = parseInvocation(command.program, argv);
  if (result.ok) return;
  const { kind, argIndex, suggestion } = result.error;
  const word = command.args[argIndex];
  const loc = word ? word.loc : endOf(command);
  // (The parser names the command: a global flag's value, `-p proj`, is no part of it.)
  const name = kind === 'unknown-command' && result.error.command !== undefined
    ? result.error.command
    : commandName(command.program, argv.slice(0, argIndex));
  const firstLine = result.error.message.split('\n')[0];
  const label = suggestion ? `did you mean '${suggestion}'?` : undefined;
  switch (kind) {
    case 'unknown-flag': {
      const flag = word ? argOf(word).split('=')[0] : '';
      const shorthand = !flag.startsWith('--');
      const letter = /'(.)'/.exec(firstLine)?.[1] ?? flag;
      const inWord = flag === `-${letter}` ? '' : ` in '${flag}'`;
      report(error(shorthand ? `unknown shorthand flag '-${letter}'${inWord} for '${name}'` : `unknown flag '${flag}' for '${name}'`, loc, { label }));
      return;
    }
    case 'unknown-command':
      report(error(word ? `unknown command '${word.raw}' for '${name}'` : `'${name}' needs a subcommand`, loc, { label }));
      return;
    case 'missing-value':
      report(error(`flag '${word?.raw ?? ''}' of '${name}' needs a value`, loc, { label: 'no value follows it' }));
      return;
    case 'arg-count':
      report(error(`wrong number of arguments for '${name}'`, loc, {
        notes: [{ message: firstLine }],
        hint: result.error.message.match(/Usage:\s+(.*)/)?.[1],
      }));
      return;
  }
}

export const dockerInvocation: Check = {
  name: 'docker-invocation',
  run(file, report) {
    for (const statement of allStatements(file)) {
      for (const { command, expectFailure } of commandsOf(statement)) {
        if (!expectFailure) check(command, report);
      }
    }
  },
};
