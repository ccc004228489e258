// Words and values at run time: `$var` expansion and the `let`/VALUE forms
// (`ip of C`, `gateway of network N`, `output`, …) answered through probes.
import type { Source, Value, Word } from '../language/ast.js';
import type { BackendSession, CommandResult, Endpoint, Explanation } from '../backends/backend.js';

/** What a scenario carries from step to step. */
export interface Scope {
  session: BackendSession;
  vars: Map<string, string>;
  /** The previous command (`output`, `expect output …`, `expect error …` read it). */
  last: CommandResult | null;
  /** Paths of the `file` blocks reached so far (a later block of one rewrites it). */
  filesSeen: Set<string>;
}

/** A step that cannot go on (unknown variable, no previous command): fails the scenario there. */
export class StepError extends Error {
  override readonly name = 'StepError';
}

export function expandWord(word: Word, vars: ReadonlyMap<string, string>): string {
  let text = '';
  // An index loop: every word of every step comes here, mostly in V8's interpreter, where
  // for…of allocates an iterator and a result object per part.
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.type === 'Text') {
      text += part.value;
      continue;
    }
    const value = vars.get(part.name);
    if (value === undefined) throw new StepError(`variable $${part.name} is not defined (bind it with \`let ${part.name} = …\`)`);
    text += value;
  }
  return text;
}

export function endpointOf(source: Source, vars: ReadonlyMap<string, string>): Endpoint {
  return source.type === 'HostSource' ? { kind: 'host' } : { kind: 'container', name: expandWord(source, vars) };
}

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.kind === 'host' ? 'the host' : endpoint.name;
}

export type ValueOutcome =
  | { status: 'ok'; value: string; why: Explanation | null }
  /** The value does not exist (no address, no such network): `observed` says so in words. */
  | { status: 'none'; observed: string; why: Explanation | null }
  | { status: 'unsupported'; reason: string };

/** How a VALUE reads in a message: `ip of web on my-net`, `"x"`. */
export function describeValue(value: Value, vars: ReadonlyMap<string, string>): string {
  const w = (word: Word): string => safeExpand(word, vars);
  const on = (network: Word | null): string => (network ? ` on ${w(network)}` : '');
  switch (value.type) {
    case 'IpOf':
      return `ip of ${w(value.container)}${on(value.network)}`;
    case 'MacOf':
      return `mac of ${w(value.container)}${on(value.network)}`;
    case 'GatewayOfNetwork':
      return `gateway of network ${w(value.network)}`;
    case 'SubnetOfNetwork':
      return `subnet of network ${w(value.network)}`;
    case 'HostPortOf':
      return `host port of ${w(value.container)} ${value.port}/${value.proto}`;
    case 'OutputRef':
      return 'output';
    case 'Literal':
      return w(value.word);
  }
}

function safeExpand(word: Word, vars: ReadonlyMap<string, string>): string {
  try {
    return expandWord(word, vars);
  } catch {
    return word.raw;
  }
}

export async function evalValue(value: Value, scope: Scope): Promise<ValueOutcome> {
  const { session, vars } = scope;
  const w = (word: Word): string => expandWord(word, vars);
  const net = (network: Word | null): string | null => (network ? w(network) : null);
  switch (value.type) {
    case 'Literal':
      return { status: 'ok', value: w(value.word), why: null };
    case 'OutputRef': {
      if (!scope.last) throw new StepError('`output` is used before any command ran');
      // A command's output ends in a newline that nobody means as part of the value.
      return { status: 'ok', value: scope.last.stdout.replace(/\r?\n$/, ''), why: null };
    }
    case 'IpOf': {
      const o = await session.probe({ kind: 'ip', container: w(value.container), network: net(value.network) });
      if (o.status === 'unsupported') return o;
      if (o.answer.address) return { status: 'ok', value: o.answer.address, why: o.why };
      return { status: 'none', observed: o.answer.exists ? `${w(value.container)} has no address` : `no such container: ${w(value.container)}`, why: o.why };
    }
    case 'MacOf': {
      const o = await session.probe({ kind: 'mac', container: w(value.container), network: net(value.network) });
      if (o.status === 'unsupported') return o;
      if (o.answer.mac) return { status: 'ok', value: o.answer.mac, why: o.why };
      return { status: 'none', observed: o.answer.exists ? `${w(value.container)} has no MAC address` : `no such container: ${w(value.container)}`, why: o.why };
    }
    case 'GatewayOfNetwork':
    case 'SubnetOfNetwork': {
      const name = w(value.network);
      const o = await session.probe({ kind: 'network', network: name });
      if (o.status === 'unsupported') return o;
      const field = value.type === 'GatewayOfNetwork' ? o.answer.gateway : o.answer.subnet;
      if (field) return { status: 'ok', value: field, why: o.why };
      const what = value.type === 'GatewayOfNetwork' ? 'gateway' : 'subnet';
      return { status: 'none', observed: o.answer.exists ? `network ${name} has no ${what}` : `no such network: ${name}`, why: o.why };
    }
    case 'HostPortOf': {
      const container = w(value.container);
      const o = await session.probe({ kind: 'port', container, port: value.port, proto: value.proto });
      if (o.status === 'unsupported') return o;
      const first = o.answer.bindings[0];
      if (first) return { status: 'ok', value: String(first.hostPort), why: o.why };
      return { status: 'none', observed: o.answer.exists ? `port ${value.port}/${value.proto} of ${container} is not published` : `no such container: ${container}`, why: o.why };
    }
  }
}
