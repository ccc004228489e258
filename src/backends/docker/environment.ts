// Which step outcomes depend on the engine's environment rather than on the scenario,
// for `--backend sim,docker` (the runner skips a disagreement on such a step).
//
// Its machine: a host-mode container lists the host's own interfaces and routes (`ip
// addr`, `ifconfig`, `route`…). The simulator shows the oracle's machine (FACT 59: eth0
// 192.0.2.2); the private engine's host is a network namespace with no NIC, and a shared
// engine's is whatever machine it runs on. Bridge and veth MACs are random besides.
//
// Its history. On the private engine (the default) nothing the runner compares depends
// on it: each scenario starts on a freshly started daemon, so pools (FACT 19) and random
// ports (FACT 69) start where the simulator's do. On a shared engine they depend on
// everything that daemon allocated before, and on other users' containers holding ports
// — so steps that read an automatically chosen subnet, address or host port, or print
// one, do.
import type { Expectation, Statement, Value, Word } from '../../language/ast.js';
import type { EnvironmentDependent } from '../../runner/differential.js';
import { flagList, flagString, parseInvocation } from '../../docker-cli/parse.js';

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

const HOST_VIEW_TOOLS = new Set(['ip', 'ifconfig', 'route', 'netstat']);

/** `docker exec [-opts] C TOOL …` where C was run with --net host earlier in the scenario. */
function readsTheMachine(statement: Statement, earlier: readonly Statement[]): boolean {
  if (statement.type !== 'DockerCommand' || statement.program !== 'docker') return false;
  const exec = parseInvocation('docker', statement.args.map(wordText));
  if (!exec.ok || exec.invocation.spec.path.join(' ') !== 'exec') return false;
  const [target, tool] = exec.invocation.args;
  if (target === undefined || tool === undefined || !HOST_VIEW_TOOLS.has(tool)) return false;
  return earlier.some((s) => {
    if (s.type !== 'DockerCommand' || s.program !== 'docker') return false;
    const run = parseInvocation('docker', s.args.map(wordText));
    if (!run.ok || !['run', 'create'].includes(run.invocation.spec.path.join(' '))) return false;
    return flagString(run.invocation.flags, 'name') === target && flagList(run.invocation.flags, 'network').includes('host');
  });
}

export const environmentDependent: EnvironmentDependent = (statement, _a, _b, earlier) => {
  if (readsTheMachine(statement, earlier)) return true;
  if (!sharedEngineInUse) return false;
  if (statement.type === 'Expect') return expectationReadsHistory(statement.expectation);
  if (statement.type === 'DockerCommand') return commandAllocates(statement.args.map(wordText));
  return false;
};
