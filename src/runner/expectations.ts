// One expectation, checked once: probe the backend, compare with what the scenario
// expected, say both in words. Semantics: LANGUAGE.md "What the words mean".
import ipaddr from 'ipaddr.js';
import { isFourPartDecimal } from '../ipv4-text.js';
import type { Expectation, Outcome, Value, Word } from '../language/ast.js';
import type { CommandResult, Explanation, ProbeKind, ProbeOf, ProbeOutcome } from '../backends/backend.js';
import { describeEndpoint, describeValue, endpointOf, evalValue, expandWord, type Scope } from './values.js';

export type Verdict =
  | { status: 'passed' | 'failed'; expected: string; observed: string; why: Explanation | null; stderr?: string;
      /** `expect docker …`: what the command printed, for a differential run to compare. */
      result?: CommandResult }
  | { status: 'unsupported'; expected: string; reason: string };

type Answered<K extends ProbeKind> = Extract<ProbeOutcome<K>, { status: 'answered' }>;

function verdict(holds: boolean, expected: string, observed: string, why: Explanation | null): Verdict {
  return { status: holds ? 'passed' : 'failed', expected, observed, why };
}

// Not async: the session's promise is handed on as it is (an async wrapper added a
// promise of its own and a resumption to every probe).
function ask<K extends ProbeKind>(scope: Scope, probe: ProbeOf<K>): Promise<Answered<K> | { status: 'unsupported'; reason: string }> {
  return scope.session.probe(probe);
}

const wants = (outcome: Outcome): boolean => outcome === 'succeeds';

/** Compare a probed fact with a VALUE (itself possibly probed): `is ip of db`. */
async function compareValue(
  scope: Scope,
  subject: string,
  actual: string | null,
  actualWhy: Explanation | null,
  value: Value,
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): Promise<Verdict> {
  const label = describeValue(value, scope.vars);
  const v = await evalValue(value, scope);
  if (v.status === 'unsupported') return { status: 'unsupported', expected: `${subject} is ${label}`, reason: v.reason };
  if (v.status === 'none') return verdict(false, `${subject} is ${label}`, `${label}: ${v.observed}`, v.why ?? actualWhy);
  const expected = value.type === 'Literal' ? `${subject} is ${v.value}` : `${subject} is ${label} (${v.value})`;
  return verdict(actual !== null && same(actual, v.value), expected, `${subject} is ${actual ?? 'none'}`, actualWhy);
}

function inCidr(address: string, cidr: string): boolean {
  try {
    // ipaddr.parse/parseCIDR try IPv6 first (throwing on IPv4): ask the right family.
    const ip = isFourPartDecimal(address) ? ipaddr.IPv4.parse(address) : ipaddr.parse(address);
    const [range, bits] = cidr.includes(':') ? ipaddr.parseCIDR(cidr) : ipaddr.IPv4.parseCIDR(cidr);
    return ip.kind() === range.kind() && ip.match(range, bits);
  } catch {
    return false;
  }
}

// One function per kind, and evaluate only picks one: an async function keeps every
// register of its body in its own object, allocated at each call and copied at each
// await, and one function for all kinds had 118 of them.
export function evaluate(exp: Expectation, scope: Scope): Promise<Verdict> {
  switch (exp.type) {
    case 'PingExpect':
      return evaluatePing(exp, scope);
    case 'TcpExpect':
      return evaluateTcp(exp, scope);
    case 'HttpExpect':
      return evaluateHttp(exp, scope);
    case 'ResolveExpect':
      return evaluateResolve(exp, scope);
    case 'IpExpect':
      return evaluateIp(exp, scope);
    case 'MacExpect':
      return evaluateMac(exp, scope);
    case 'ContainerGatewayExpect':
      return evaluateContainerGateway(exp, scope);
    case 'NetworkSubnetExpect':
    case 'NetworkGatewayExpect':
      return evaluateNetworkAddress(exp, scope);
    case 'NetworkExistsExpect':
      return evaluateNetworkExists(exp, scope);
    case 'ContainerStateExpect':
    case 'ExitCodeExpect':
      return evaluateContainerState(exp, scope);
    case 'PortExpect':
      return evaluatePort(exp, scope);
    case 'OutputExpect':
      return evaluateOutput(exp, scope);
    case 'DockerExpect':
      return evaluateDocker(exp, scope);
    case 'FileExpect':
      return evaluateFile(exp, scope);
  }
  // A rejection, as the async function it replaces gave.
  return Promise.reject(new Error(`unhandled expectation ${(exp as Expectation).type}`));
}

const on = (network: string | null): string => (network ? ` on ${network}` : '');

type ExpectOf<T extends Expectation['type']> = Extract<Expectation, { type: T }>;

async function evaluatePing(exp: ExpectOf<'PingExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const source = endpointOf(exp.source, scope.vars);
  const target = w(exp.target);
  const expected = `ping ${exp.outcome === 'succeeds' ? 'succeeds' : 'fails'}`;
  const o = await ask(scope, { kind: 'ping', source, target });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const { reached, address } = o.answer;
  const observed = reached
    ? `ping from ${describeEndpoint(source)} reached ${target}${address && address !== target ? ` (${address})` : ''}`
    : address
      ? `ping failed: no reply from ${target}${address !== target ? ` (${address})` : ''}`
      : `ping failed: '${target}' did not resolve`;
  return verdict(reached === wants(exp.outcome), expected, observed, o.why);
}

async function evaluateTcp(exp: ExpectOf<'TcpExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const source = endpointOf(exp.source, scope.vars);
  const target = w(exp.target);
  const port = Number(w(exp.port));
  const expected = `tcp connection to ${target}:${port} ${exp.outcome === 'succeeds' ? 'is accepted' : 'fails'}`;
  const o = await ask(scope, { kind: 'tcp', source, target, port });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const observed = o.answer.connected
    ? `connected to ${o.answer.address ?? target}:${port}`
    : `connection to ${target}:${port} failed`;
  return verdict(o.answer.connected === wants(exp.outcome), expected, observed, o.why);
}

async function evaluateHttp(exp: ExpectOf<'HttpExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const source = endpointOf(exp.source, scope.vars);
  const url = w(exp.url);
  const expected =
    exp.check.type === 'Status' ? `GET ${url} returns ${exp.check.status}` : `GET ${url} ${exp.check.outcome === 'succeeds' ? 'gets an answer' : 'gets no answer'}`;
  const o = await ask(scope, { kind: 'http', source, url });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const { status } = o.answer;
  const observed = status === null ? `no answer from ${url}` : `GET ${url} returned ${status}`;
  const holds = exp.check.type === 'Status' ? status === exp.check.status : (status !== null) === wants(exp.check.outcome);
  return verdict(holds, expected, observed, o.why);
}

async function evaluateResolve(exp: ExpectOf<'ResolveExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const source = endpointOf(exp.source, scope.vars);
  const name = w(exp.name);
  const o = await ask(scope, { kind: 'resolve', source, name });
  const got = o.status === 'answered' ? o.answer.addresses : [];
  const observed = got.length ? `${name} resolves to ${[...got].sort().join(', ')}` : `'${name}' did not resolve`;
  if (exp.check.type === 'Outcome') {
    const expected = `${name} ${exp.check.outcome === 'succeeds' ? 'resolves' : 'does not resolve'} from ${describeEndpoint(source)}`;
    if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
    return verdict((got.length > 0) === wants(exp.check.outcome), expected, observed, o.why);
  }
  const wanted: string[] = [];
  for (const value of exp.check.values) {
    const v = await evalValue(value, scope);
    const label = describeValue(value, scope.vars);
    if (v.status === 'unsupported') return { status: 'unsupported', expected: `${name} resolves to ${label}`, reason: v.reason };
    if (v.status === 'none') return verdict(false, `${name} resolves to ${label}`, `${label}: ${v.observed}`, v.why);
    wanted.push(v.value);
  }
  const expected = `${name} resolves to ${[...new Set(wanted)].sort().join(', ')}`;
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  // `gives` compares sets: order and repeats do not matter.
  const a = new Set(got);
  const b = new Set(wanted);
  const same = a.size === b.size && [...a].every((x) => b.has(x));
  return verdict(same, expected, observed, o.why);
}

async function evaluateIp(exp: ExpectOf<'IpExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const network = exp.network ? w(exp.network) : null;
  const subject = `ip of ${container}${on(network)}`;
  const o = await ask(scope, { kind: 'ip', container, network });
  const p = exp.predicate;
  if (o.status === 'unsupported') return { status: 'unsupported', expected: subject, reason: o.reason };
  const actual = o.answer.exists ? o.answer.address : null;
  const observed = o.answer.exists ? `${subject} is ${actual ?? 'none'}` : `no such container: ${container}`;
  switch (p.type) {
    case 'IsNone':
      return verdict(o.answer.exists && actual === null, `${subject} is none`, observed, o.why);
    case 'In': {
      const cidr = w(p.cidr);
      return verdict(actual !== null && inCidr(actual, cidr), `${subject} is in ${cidr}`, observed, o.why);
    }
    case 'Is':
      return compareValue(scope, subject, actual, o.why, p.value, sameIp);
    case 'IsNot': {
      const v = await compareValue(scope, subject, actual, o.why, p.value, sameIp);
      if (v.status === 'unsupported') return v;
      const expected = v.expected.replace(`${subject} is `, `${subject} is not `);
      return verdict(v.status === 'failed', expected, observed, o.why);
    }
  }
  throw new Error(`unhandled expectation ${exp.type}`);
}

async function evaluateMac(exp: ExpectOf<'MacExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const network = exp.network ? w(exp.network) : null;
  const o = await ask(scope, { kind: 'mac', container, network });
  const subject = `mac of ${container}${on(network)}`;
  if (o.status === 'unsupported') return { status: 'unsupported', expected: subject, reason: o.reason };
  return compareValue(scope, subject, o.answer.mac, o.why, exp.value, (a, b) => a.toLowerCase() === b.toLowerCase());
}

async function evaluateContainerGateway(exp: ExpectOf<'ContainerGatewayExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const network = exp.network ? w(exp.network) : null;
  const o = await ask(scope, { kind: 'containerGateway', container, network });
  const subject = `gateway of ${container}${on(network)}`;
  if (o.status === 'unsupported') return { status: 'unsupported', expected: subject, reason: o.reason };
  return compareValue(scope, subject, o.answer.gateway, o.why, exp.value, sameIp);
}

async function evaluateNetworkAddress(exp: ExpectOf<'NetworkSubnetExpect' | 'NetworkGatewayExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const network = w(exp.network);
  const what = exp.type === 'NetworkSubnetExpect' ? 'subnet' : 'gateway';
  const subject = `${what} of network ${network}`;
  const o = await ask(scope, { kind: 'network', network });
  if (o.status === 'unsupported') return { status: 'unsupported', expected: subject, reason: o.reason };
  if (!o.answer.exists) return verdict(false, `${subject} is ${describeValue(exp.value, scope.vars)}`, `no such network: ${network}`, o.why);
  const actual = what === 'subnet' ? o.answer.subnet : o.answer.gateway;
  return compareValue(scope, subject, actual, o.why, exp.value, what === 'subnet' ? sameCidr : sameIp);
}

async function evaluateNetworkExists(exp: ExpectOf<'NetworkExistsExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const network = w(exp.network);
  const expected = `network ${network} ${exp.exists ? 'exists' : 'does not exist'}`;
  const o = await ask(scope, { kind: 'network', network });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const observed = `network ${network} ${o.answer.exists ? 'exists' : 'does not exist'}`;
  return verdict(o.answer.exists === exp.exists, expected, observed, o.why);
}

async function evaluateContainerState(exp: ExpectOf<'ContainerStateExpect' | 'ExitCodeExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const expected = exp.type === 'ContainerStateExpect' ? `container ${container} is ${exp.state}` : `container ${container} exited with code ${exp.code}`;
  const o = await ask(scope, { kind: 'container', container });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const { state, exitCode } = o.answer;
  if (exp.type === 'ContainerStateExpect') {
    const observed = state === 'removed' ? `no such container: ${container}` : `container ${container} is ${state}`;
    return verdict(state === exp.state, expected, observed, o.why);
  }
  const observed =
    state === 'exited' ? `container ${container} exited with code ${exitCode ?? 'unknown'}` : state === 'removed' ? `no such container: ${container}` : `container ${container} is ${state}`;
  return verdict(state === 'exited' && exitCode === exp.code, expected, observed, o.why);
}

async function evaluatePort(exp: ExpectOf<'PortExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const subject = `port ${exp.port}/${exp.proto} of ${container}`;
  const pub = exp.published;
  const target = pub ? `${pub.hostIp ? `${pub.hostIp}:` : ''}${w(pub.hostPort)}` : null;
  const expected = target ? `${subject} is published on ${target}` : `${subject} is not published`;
  const o = await ask(scope, { kind: 'port', container, port: exp.port, proto: exp.proto });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const { bindings, exists } = o.answer;
  const observed = !exists
    ? `no such container: ${container}`
    : bindings.length
      ? `${subject} is published on ${bindings.map((b) => `${b.hostIp}:${b.hostPort}`).join(', ')}`
      : `${subject} is not published`;
  if (!pub) return verdict(exists && bindings.length === 0, expected, observed, o.why);
  const hostPort = Number(w(pub.hostPort));
  const holds = bindings.some((b) => b.hostPort === hostPort && (pub.hostIp === null || sameIp(b.hostIp, pub.hostIp)));
  return verdict(holds, expected, observed, o.why);
}

async function evaluateOutput(exp: ExpectOf<'OutputExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const label = exp.stream === 'stdout' ? 'output' : 'error output';
  const last = scope.last;
  const text = last ? (exp.stream === 'stdout' ? last.stdout : last.stderr) : '';
  const observed = last ? `${label} was ${quote(text)}` : 'no command ran before';
  if (exp.check.type === 'Matches') {
    const re = new RegExp(exp.check.pattern, exp.check.flags);
    return verdict(last !== null && re.test(text), `${label} matches /${exp.check.pattern}/${exp.check.flags}`, observed, null);
  }
  const needle = w(exp.check.text);
  const expected = `${label} ${exp.check.negated ? 'does not contain' : 'contains'} ${quote(needle)}`;
  return verdict(last !== null && text.includes(needle) !== exp.check.negated, expected, observed, null);
}

async function evaluateDocker(exp: ExpectOf<'DockerExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const args = exp.command.args.map(w);
  const line = [exp.command.program, ...args].join(' ');
  const withText = exp.withText ? w(exp.withText) : null;
  const expected = `\`${line}\` ${exp.outcome}${withText !== null ? ` with ${quote(withText)}` : ''}`;
  const result = await scope.session.run(exp.command.program, args);
  scope.last = result;
  const ok = result.exitCode === 0;
  const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0] ?? '';
  const observed = ok ? `it succeeded${said ? `: ${said}` : ''}` : `it failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`;
  const textOk = withText === null || result.stdout.includes(withText) || result.stderr.includes(withText);
  // Docker's whole stderr goes with the verdict: `observed` holds only its first line.
  return { status: ok === wants(exp.outcome) && textOk ? 'passed' : 'failed', expected, observed, why: null, stderr: result.stderr, result };
}

async function evaluateFile(exp: ExpectOf<'FileExpect'>, scope: Scope): Promise<Verdict> {
  const w = (word: Word): string => expandWord(word, scope.vars);
  const container = w(exp.container);
  const path = w(exp.path);
  const needle = w(exp.text);
  const expected = `file ${path} of ${container} ${exp.negated ? 'does not contain' : 'contains'} ${quote(needle)}`;
  const o = await ask(scope, { kind: 'file', container, path });
  if (o.status === 'unsupported') return { status: 'unsupported', expected, reason: o.reason };
  const { content } = o.answer;
  const observed = content === null ? `no file ${path} in ${container}` : `file ${path} of ${container} is ${quote(content)}`;
  return verdict(content !== null && content.includes(needle) !== exp.negated, expected, observed, o.why);
}

function sameIp(a: string, b: string): boolean {
  // The common case needs no parsing (ipaddr.parse tries IPv6 first, and is slow at it).
  if (a === b) return true;
  try {
    return ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();
  } catch {
    return a === b;
  }
}

function sameCidr(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const [x, xb] = ipaddr.parseCIDR(a);
    const [y, yb] = ipaddr.parseCIDR(b);
    return xb === yb && x.toNormalizedString() === y.toNormalizedString();
  } catch {
    return a === b;
  }
}

/** A value in a message: quoted, one line, not endless. */
function quote(text: string): string {
  const flat = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return JSON.stringify(flat);
}
