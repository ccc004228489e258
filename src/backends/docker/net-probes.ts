// Probes that send traffic: ping, tcp, http, and the DNS queries of `resolve`. Each runs
// inside the source's network namespace (nsenter), so the user's images need no tools.
// Every target address passes the safety check (safety.ts) before anything is sent.
import { readFileSync } from 'node:fs';
import type { Answers, Cause, Endpoint, ProbeOf, ProbeOutcome } from '../backend.js';
import { AGENT_SOURCE, type AgentReply, type AgentRequest } from './agent.js';
import type { EngineMode } from './engine.js';
import { findExecutable, resolverAddresses } from './host.js';
import { netnsOf, type Inspector } from './inspect.js';
import type { Spawner } from './proc.js';
import { hostsLookup, isIPv4, isIPv6, nameservers } from './resolve.js';
import { refusal, targetRefusal, type AllowedTargets } from './safety.js';

export interface NetProbeDeps {
  inspector: Inspector;
  spawner: Spawner;
  mode: EngineMode;
  /** "The host" as the scenario sees it (the private engine's namespace), null = ours. */
  hostNetns: string | null;
  allowed(): Promise<AllowedTargets>;
}

interface Source {
  label: string;
  netns: string | null;
  hosts: string;
  nameservers: string[];
}

type SourceResult = { ok: true; source: Source } | { ok: false; steps: string[]; cause: Cause };
type Resolution =
  | { kind: 'resolved'; addresses: string[]; steps: string[] }
  | { kind: 'unresolved'; steps: string[] }
  | { kind: 'unsupported'; reason: string };

const readOr = (path: string | undefined, fallback: string): string => {
  try { return path ? readFileSync(path, 'utf8') : fallback; } catch { return fallback; }
};

export class NetProbes {
  constructor(private readonly deps: NetProbeDeps) {}

  private async source(endpoint: Endpoint): Promise<SourceResult> {
    if (endpoint.kind === 'host') {
      return { ok: true, source: { label: 'the host', netns: this.deps.hostNetns,
        hosts: readOr('/etc/hosts', ''), nameservers: resolverAddresses() } };
    }
    const c = await this.deps.inspector.named(endpoint.name);
    if (!c) return { ok: false, steps: [`no container ${endpoint.name} on the engine`], cause: 'no-such-container' };
    const netns = netnsOf(c);
    if (!netns || c.State.Paused) {
      return { ok: false, steps: [`${endpoint.name} is ${c.State.Status}`], cause: 'container-not-running' };
    }
    return { ok: true, source: { label: endpoint.name, netns,
      hosts: readOr(c.HostsPath, ''), nameservers: nameservers(readOr(c.ResolvConfPath, '')) } };
  }

  /** Runs a command inside a namespace (or here, for null). */
  private inNetns(netns: string | null, command: string, args: string[], timeoutMs: number): ReturnType<Spawner> {
    return netns === null
      ? this.deps.spawner(command, args, { timeoutMs })
      : this.deps.spawner('nsenter', [`--net=${netns}`, '--', command, ...args], { timeoutMs });
  }

  private async agent<R extends AgentReply>(netns: string | null, req: AgentRequest): Promise<R | null> {
    const r = await this.inNetns(netns, process.execPath, ['-e', AGENT_SOURCE, JSON.stringify(req)], 15_000);
    try { return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as R; } catch { return null; }
  }

  /** /etc/hosts, then each nameserver of resolv.conf, as the source's resolver would. */
  private async resolve(src: Source, name: string): Promise<Resolution> {
    if (isIPv4(name) || isIPv6(name)) return { kind: 'resolved', addresses: [name], steps: [] };
    const fromHosts = hostsLookup(src.hosts, name);
    if (fromHosts.length > 0) {
      return { kind: 'resolved', addresses: fromHosts, steps: [`'${name}' is in ${src.label}'s /etc/hosts: ${fromHosts[0]}`] };
    }
    const steps = [`'${name}' is not in ${src.label}'s /etc/hosts`];
    for (const server of src.nameservers) {
      // In the private engine's namespace every resolver is local (embedded DNS or the
      // stub); on a shared engine a non-loopback resolver is outside the scenario, and the
      // embedded DNS forwards a name it does not know to the host's resolver.
      if (this.deps.mode === 'shared' && !server.startsWith('127.')) {
        return { kind: 'unsupported', reason: `simulated only: resolving '${name}' needs the resolver ${server}, outside the scenario's networks` };
      }
      const outside = this.deps.mode === 'shared' ? targetRefusal(name, await this.deps.allowed()) : null;
      if (outside) return { kind: 'unsupported', reason: outside };
      const reply = await this.agent<Extract<AgentReply, { op: 'dns' }>>(src.netns, { op: 'dns', server, name, timeoutMs: 2000 });
      if (!reply || reply.rcode === null) {
        steps.push(`nameserver ${server} did not answer (${reply?.error ?? 'no reply'})`);
        continue;
      }
      const via = server === '127.0.0.11' ? 'the embedded DNS (127.0.0.11)' : `nameserver ${server}`;
      if (reply.addresses.length > 0) {
        steps.push(`resolved '${name}' to ${reply.addresses.join(', ')} via ${via}`);
        return { kind: 'resolved', addresses: reply.addresses, steps };
      }
      steps.push(`${via} answered ${reply.rcode === 3 ? 'NXDOMAIN' : 'no address'} for '${name}'`);
      return { kind: 'unresolved', steps };
    }
    return { kind: 'unresolved', steps };
  }

  /** Source, resolution and the safety check every traffic probe starts with. */
  private async prelude(endpoint: Endpoint, target: string):
  Promise<{ done: 'unsupported'; reason: string } | { done: 'failed'; steps: string[]; cause: Cause }
    | { done: false; src: Source; address: string; steps: string[] }> {
    const s = await this.source(endpoint);
    if (!s.ok) return { done: 'failed', steps: s.steps, cause: s.cause };
    const r = await this.resolve(s.source, target);
    if (r.kind === 'unsupported') return { done: 'unsupported', reason: r.reason };
    if (r.kind === 'unresolved') return { done: 'failed', steps: r.steps, cause: 'name-not-resolvable' };
    const address = r.addresses[0];
    const refused = refusal(address, await this.deps.allowed());
    if (refused) return { done: 'unsupported', reason: refused };
    return { done: false, src: s.source, address, steps: r.steps };
  }

  async ping(probe: ProbeOf<'ping'>): Promise<ProbeOutcome<'ping'>> {
    const p = await this.prelude(probe.source, probe.target);
    if (p.done === 'unsupported') return { status: 'unsupported', reason: p.reason };
    if (p.done === 'failed') return answer<'ping'>({ reached: false, address: null }, p.steps, p.cause);
    const bin = findExecutable('ping') ?? 'ping';
    const r = await this.inNetns(p.src.netns, bin, ['-c', '1', '-W', '1', p.address], 5000);
    const reached = r.exitCode === 0;
    p.steps.push(reached ? `an echo reply came back from ${p.address}` : `no echo reply from ${p.address} within 1 s${r.stderr.trim() ? ` (${r.stderr.trim()})` : ''}`);
    return answer<'ping'>({ reached, address: p.address }, p.steps);
  }

  async tcp(probe: ProbeOf<'tcp'>): Promise<ProbeOutcome<'tcp'>> {
    const p = await this.prelude(probe.source, probe.target);
    if (p.done === 'unsupported') return { status: 'unsupported', reason: p.reason };
    if (p.done === 'failed') return answer<'tcp'>({ connected: false, address: null }, p.steps, p.cause);
    const reply = await this.agent<Extract<AgentReply, { op: 'tcp' }>>(p.src.netns, { op: 'tcp', address: p.address, port: probe.port, timeoutMs: 1500 });
    const result = reply?.result ?? 'error';
    const words = { connected: 'accepted', refused: 'refused (nothing listening)', timeout: 'dropped: no answer within 1.5 s',
      unreachable: 'network unreachable', error: `failed (${reply?.message ?? 'no reply'})` }[result];
    p.steps.push(`TCP connection to ${p.address}:${probe.port} ${words}`);
    return answer<'tcp'>({ connected: result === 'connected', address: p.address }, p.steps,
      result === 'refused' ? 'nothing-listening' : undefined);
  }

  async http(probe: ProbeOf<'http'>): Promise<ProbeOutcome<'http'>> {
    let url: URL;
    try { url = new URL(probe.url); } catch { return answer<'http'>({ status: null }, [`'${probe.url}' is not a URL`]); }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const p = await this.prelude(probe.source, host);
    if (p.done === 'unsupported') return { status: 'unsupported', reason: p.reason };
    if (p.done === 'failed') return answer<'http'>({ status: null }, p.steps, p.cause);
    const port = Number(url.port || 80);
    const reply = await this.agent<Extract<AgentReply, { op: 'http' }>>(p.src.netns,
      { op: 'http', address: p.address, port, path: `${url.pathname}${url.search}`, host: url.host, timeoutMs: 3000 });
    const status = reply?.status ?? null;
    p.steps.push(status === null ? `no HTTP answer from ${p.address}:${port} (${reply?.error ?? 'no reply'})` : `GET ${url.pathname} → HTTP ${status}`);
    return answer<'http'>({ status }, p.steps, status !== null && status >= 400 ? 'http-error' : undefined);
  }

  async resolveProbe(probe: ProbeOf<'resolve'>): Promise<ProbeOutcome<'resolve'>> {
    const s = await this.source(probe.source);
    if (!s.ok) return answer<'resolve'>({ addresses: [] }, s.steps, s.cause);
    const r = await this.resolve(s.source, probe.name);
    if (r.kind === 'unsupported') return { status: 'unsupported', reason: r.reason };
    if (r.kind === 'unresolved') return answer<'resolve'>({ addresses: [] }, r.steps, 'name-not-resolvable');
    return answer<'resolve'>({ addresses: [...new Set(r.addresses)] }, r.steps);
  }
}

function answer<K extends keyof Answers>(value: Answers[K], steps: string[], cause?: Cause): ProbeOutcome<K> {
  return { status: 'answered', answer: value, why: cause ? { steps, cause } : { steps } };
}
