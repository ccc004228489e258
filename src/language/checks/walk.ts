// What the checks walk: the statements of each scenario in run order (setup first), and
// every Word of a statement. The switches are exhaustive, so a new node type makes the
// compiler point here.
import type { DockerCommand, DnetFile, Expectation, Scenario, Statement, Value, Word } from '../ast.js';

/** Setup then body: the order a scenario runs its statements in. */
export function runOrder(file: DnetFile, scenario: Scenario): Statement[] {
  return [...file.setup, ...scenario.body];
}

// Five checks walk every statement of the file: the list is built once per file.
const statementsOf = new WeakMap<DnetFile, readonly Statement[]>();

/** Every statement of the file once, in source order. */
export function allStatements(file: DnetFile): readonly Statement[] {
  let list = statementsOf.get(file);
  if (!list) {
    const out: Statement[] = file.setup.slice();
    for (const scenario of file.scenarios) for (const s of scenario.body) out.push(s);
    list = out;
    statementsOf.set(file, list);
  }
  return list;
}

function unreachable(x: never): never {
  throw new Error(`unhandled node ${JSON.stringify(x)}`);
}

export function wordsOfValue(v: Value): Word[] {
  switch (v.type) {
    case 'IpOf':
    case 'MacOf': return v.network ? [v.container, v.network] : [v.container];
    case 'GatewayOfNetwork':
    case 'SubnetOfNetwork': return [v.network];
    case 'HostPortOf': return [v.container];
    case 'OutputRef': return [];
    case 'Literal': return [v.word];
    default: return unreachable(v);
  }
}

const sourceWords = (s: Expectation & { source: { type: string } }): Word[] => (s.source.type === 'Word' ? [s.source as Word] : []);
const opt = (w: Word | null): Word[] => (w ? [w] : []);

export function wordsOfExpectation(e: Expectation): Word[] {
  switch (e.type) {
    case 'PingExpect': return [e.target, ...sourceWords(e)];
    case 'TcpExpect': return [e.target, e.port, ...sourceWords(e)];
    case 'HttpExpect': return [e.url, ...sourceWords(e)];
    case 'ResolveExpect':
      return [e.name, ...sourceWords(e), ...(e.check.type === 'Gives' ? e.check.values.flatMap(wordsOfValue) : [])];
    case 'IpExpect': {
      const p = e.predicate;
      const rest = p.type === 'Is' || p.type === 'IsNot' ? wordsOfValue(p.value) : p.type === 'In' ? [p.cidr] : [];
      return [e.container, ...opt(e.network), ...rest];
    }
    case 'MacExpect':
    case 'ContainerGatewayExpect': return [e.container, ...opt(e.network), ...wordsOfValue(e.value)];
    case 'NetworkSubnetExpect':
    case 'NetworkGatewayExpect': return [e.network, ...wordsOfValue(e.value)];
    case 'NetworkExistsExpect': return [e.network];
    case 'ContainerStateExpect':
    case 'ExitCodeExpect': return [e.container];
    case 'PortExpect': return [e.container, ...(e.published ? [e.published.hostPort] : [])];
    case 'OutputExpect': return e.check.type === 'Contains' ? [e.check.text] : [];
    case 'DockerExpect': return [...e.command.args, ...opt(e.withText)];
    case 'FileExpect': return [e.path, e.container, e.text];
    default: return unreachable(e);
  }
}

/** The words a statement expands at run time (a `file` body is not expanded). */
export function wordsOf(s: Statement): Word[] {
  switch (s.type) {
    case 'DockerCommand': return s.args;
    case 'Expect': return wordsOfExpectation(s.expectation);
    case 'Let': return wordsOfValue(s.value);
    case 'FileBlock': return [s.path];
    case 'Skip': return [];
    default: return unreachable(s);
  }
}

/** Docker commands run by a statement: plain ones, and those inside `expect docker`. */
export function commandsOf(s: Statement): Array<{ command: DockerCommand; expectFailure: boolean }> {
  if (s.type === 'DockerCommand') return [{ command: s, expectFailure: false }];
  if (s.type === 'Expect' && s.expectation.type === 'DockerExpect') {
    return [{ command: s.expectation.command, expectFailure: s.expectation.outcome === 'fails' }];
  }
  return [];
}
