import { describe, expect, it } from 'vitest';
import type { Answers, BackendSession, CommandResult, Probe, ProbeKind } from '../../src/backends/backend.js';
import type { Expectation, Value } from '../../src/language/ast.js';
import { evaluate } from '../../src/runner/expectations.js';
import type { Scope } from '../../src/runner/values.js';
import { lit, ok, w } from './helpers.js';

const L = w('').loc;
const ipOf = (c: string, n: string | null = null): Value => ({ type: 'IpOf', container: w(c), network: n ? w(n) : null, loc: L });

/** A world of facts, answered as a backend would. */
const world = {
  ips: new Map<string, string | null>([['web', '172.18.0.3'], ['db', '172.18.0.2'], ['hostmode', null]]),
  names: new Map<string, string[]>([['web', ['172.18.0.3']], ['svc', ['172.18.0.4', '172.18.0.5']]]),
};

function answer(p: Probe): Answers[ProbeKind] {
  switch (p.kind) {
    case 'ip':
      return { address: world.ips.get(p.container) ?? null, exists: world.ips.has(p.container) };
    case 'resolve':
      return { addresses: world.names.get(p.name) ?? [] };
    case 'mac':
      return { mac: '02:42:AC:12:00:03', exists: true };
    case 'network':
      return p.network === 'net' ? { exists: true, subnet: '172.18.0.0/16', gateway: '172.18.0.1' } : { exists: false, subnet: null, gateway: null };
    case 'container':
      return p.container === 'job' ? { state: 'exited', exitCode: 3 } : { state: 'removed', exitCode: null };
    case 'port':
      return { bindings: p.port === 80 ? [{ hostIp: '0.0.0.0', hostPort: 8080 }] : [], exists: true };
    case 'http':
      return { status: 404 };
    case 'file':
      return { content: '127.0.0.1 localhost\n172.18.0.2 db\n' };
    default:
      throw new Error(p.kind);
  }
}

function scope(last: CommandResult | null = null, run: (args: string[]) => CommandResult = () => ok()): Scope {
  const session: BackendSession = {
    run: async (_program, args) => run(args),
    probe: async (p) => ({ status: 'answered', answer: answer(p), why: { steps: [] } }) as never,
    close: async () => {},
  };
  return { session, vars: new Map([['dbip', '172.18.0.2']]), last, filesSeen: new Set() };
}

const e = (x: Omit<Expectation, 'loc' | 'within'>): Expectation => ({ within: null, loc: L, ...x }) as Expectation;
const ip = (container: string, predicate: Extract<Expectation, { type: 'IpExpect' }>['predicate']) => e({ type: 'IpExpect', container: w(container), network: null, predicate } as never);

describe('expectations', () => {
  const cases: Array<[string, Expectation, 'passed' | 'failed', (CommandResult | null)?]> = [
    ['resolve gives the same set, any order', e({ type: 'ResolveExpect', name: w('svc'), source: w('web'), check: { type: 'Gives', values: [lit('172.18.0.5'), lit('172.18.0.4')] } } as never), 'passed'],
    ['resolve gives a subset fails', e({ type: 'ResolveExpect', name: w('svc'), source: w('web'), check: { type: 'Gives', values: [lit('172.18.0.4')] } } as never), 'failed'],
    ['resolve gives ip of C', e({ type: 'ResolveExpect', name: w('web'), source: w('db'), check: { type: 'Gives', values: [ipOf('web')] } } as never), 'passed'],
    ['resolve fails for an unknown name', e({ type: 'ResolveExpect', name: w('nope'), source: w('web'), check: { type: 'Outcome', outcome: 'fails' } } as never), 'passed'],
    ['ip is a literal', ip('web', { type: 'Is', value: lit('172.18.0.3') }), 'passed'],
    ['ip is a variable', ip('db', { type: 'Is', value: lit('$dbip') }), 'passed'],
    ['ip is ip of another', ip('web', { type: 'Is', value: ipOf('db') }), 'failed'],
    ['ip is not ip of another', ip('web', { type: 'IsNot', value: ipOf('db') }), 'passed'],
    ['ip is none (host mode)', ip('hostmode', { type: 'IsNone' }), 'passed'],
    ['ip is none fails with an address', ip('web', { type: 'IsNone' }), 'failed'],
    ['ip is none fails for no such container', ip('ghost', { type: 'IsNone' }), 'failed'],
    ['ip in CIDR', ip('web', { type: 'In', cidr: w('172.18.0.0/16') }), 'passed'],
    ['ip not in CIDR', ip('web', { type: 'In', cidr: w('172.19.0.0/16') }), 'failed'],
    ['mac compares without case', e({ type: 'MacExpect', container: w('web'), network: null, value: lit('02:42:ac:12:00:03') } as never), 'passed'],
    ['subnet of network', e({ type: 'NetworkSubnetExpect', network: w('net'), value: lit('172.18.0.0/16') } as never), 'passed'],
    ['gateway of a missing network', e({ type: 'NetworkGatewayExpect', network: w('nope'), value: lit('172.18.0.1') } as never), 'failed'],
    ['network does not exist', e({ type: 'NetworkExistsExpect', network: w('nope'), exists: false } as never), 'passed'],
    ['container exited with code', e({ type: 'ExitCodeExpect', container: w('job'), code: 3 } as never), 'passed'],
    ['container removed', e({ type: 'ContainerStateExpect', container: w('ghost'), state: 'removed' } as never), 'passed'],
    ['port published on host port', e({ type: 'PortExpect', container: w('web'), port: 80, proto: 'tcp', published: { hostIp: null, hostPort: w('8080') } } as never), 'passed'],
    ['port published on a given host ip', e({ type: 'PortExpect', container: w('web'), port: 80, proto: 'tcp', published: { hostIp: '127.0.0.1', hostPort: w('8080') } } as never), 'failed'],
    ['port not published', e({ type: 'PortExpect', container: w('web'), port: 443, proto: 'tcp', published: null } as never), 'passed'],
    ['http returns status', e({ type: 'HttpExpect', url: w('http://web/'), source: w('db'), check: { type: 'Status', status: 200 } } as never), 'failed'],
    ['http gets an answer', e({ type: 'HttpExpect', url: w('http://web/'), source: { type: 'HostSource', loc: L }, check: { type: 'Outcome', outcome: 'succeeds' } } as never), 'passed'],
    ['file contains', e({ type: 'FileExpect', path: w('/etc/hosts'), container: w('web'), negated: false, text: w('db') } as never), 'passed'],
    ['file does not contain', e({ type: 'FileExpect', path: w('/etc/hosts'), container: w('web'), negated: true, text: w('db') } as never), 'failed'],
    ['output contains', e({ type: 'OutputExpect', stream: 'stdout', check: { type: 'Contains', negated: false, text: w('bridge') } } as never), 'passed', ok('NETWORK ID  NAME\nabc  bridge\n')],
    ['output matches', e({ type: 'OutputExpect', stream: 'stdout', check: { type: 'Matches', pattern: '^abc\\s+bridge$', flags: 'm' } } as never), 'passed', ok('NETWORK ID  NAME\nabc  bridge\n')],
    ['error contains', e({ type: 'OutputExpect', stream: 'stderr', check: { type: 'Contains', negated: false, text: w('conflict') } } as never), 'failed', ok('conflict')],
    ['output with no command before', e({ type: 'OutputExpect', stream: 'stdout', check: { type: 'Contains', negated: true, text: w('x') } } as never), 'failed', null],
  ];
  it.each(cases)('%s', async (_name, exp, status, last) => {
    const v = await evaluate(exp, scope(last ?? null));
    expect(v.status).toBe(status);
  });

  it('says what it expected and observed in words', async () => {
    const v = await evaluate(ip('web', { type: 'Is', value: ipOf('db') }), scope());
    expect(v).toMatchObject({ expected: 'ip of web is ip of db (172.18.0.2)', observed: 'ip of web is 172.18.0.3' });
  });

  describe('expect docker', () => {
    const failing = (args: string[]): CommandResult =>
      args[0] === 'network' ? { stdout: '', stderr: 'Error response from daemon: network with name n already exists\n', exitCode: 1 } : ok('id\n');
    const docker = (args: string, outcome: 'succeeds' | 'fails', withText: string | null = null) =>
      e({ type: 'DockerExpect', command: { type: 'DockerCommand', program: 'docker', programLoc: L, args: args.split(' ').map(w), loc: L }, outcome, withText: withText === null ? null : w(withText) } as never);
    it.each([
      ['network create n', 'fails', 'already exists', 'passed'],
      ['network create n', 'fails', 'no such thing', 'failed'],
      ['network create n', 'succeeds', null, 'failed'],
      ['run -d busybox', 'succeeds', null, 'passed'],
      ['run -d busybox', 'fails', null, 'failed'],
    ] as const)('docker %s %s with %s → %s', async (args, outcome, text, status) => {
      const s = scope(null, failing);
      const v = await evaluate(docker(args, outcome, text), s);
      expect(v.status).toBe(status);
      // The command's output is the next `expect output`'s input.
      expect(s.last).not.toBeNull();
    });
  });
});
