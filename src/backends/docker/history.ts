// Which step outcomes depend on the engine's history rather than on the scenario, for
// `--backend sim,docker` (the runner skips a disagreement on such a step).
//
// On the private engine (the default) nothing the runner compares does: each scenario
// starts on a freshly started daemon, so pools (FACT 19) and random ports (FACT 69)
// start where the simulator's do. On a shared engine they depend on everything that
// daemon allocated before, and on other users' containers holding ports — so steps
// that read an automatically chosen subnet, address or host port, or print one, do.
import type { Expectation, Statement, Value, Word } from '../../language/ast.js';
import type { HistoryDependent } from '../../runner/differential.js';

let sharedEngineInUse = false;

/** Called by the backend when it settles on an engine. */
export function noteEngineMode(mode: 'private' | 'shared'): void {
  if (mode === 'shared') sharedEngineInUse = true;
}

const literal = (v: Value): boolean => v.type === 'Literal';
const ALLOCATING_FLAGS = /^(-p|--publish|-P|--publish-all)(=|$)|^-[a-zA-Z]*[pP]/;

function commandAllocates(words: string[]): boolean {
  return words.includes('network') && words.includes('create')
    || words.some((w) => ALLOCATING_FLAGS.test(w))
    || words.includes('up');
}

function expectationReadsHistory(e: Expectation): boolean {
  switch (e.type) {
    case 'NetworkSubnetExpect':
    case 'NetworkGatewayExpect':
    case 'PortExpect':
    case 'OutputExpect':
      return true;
    case 'IpExpect':
      return e.predicate.type === 'In' || ((e.predicate.type === 'Is' || e.predicate.type === 'IsNot') && literal(e.predicate.value));
    case 'MacExpect':
    case 'ContainerGatewayExpect':
      return literal(e.value);
    case 'DockerExpect':
      return commandAllocates(e.command.args.map(wordText));
    default:
      return false;
  }
}

const wordText = (w: Word): string => w.parts.map((p) => (p.type === 'Text' ? p.value : `$${p.name}`)).join('');

export const historyDependent: HistoryDependent = (statement: Statement) => {
  if (!sharedEngineInUse) return false;
  if (statement.type === 'Expect') return expectationReadsHistory(statement.expectation);
  if (statement.type === 'DockerCommand') return commandAllocates(statement.args.map(wordText));
  return false;
};
