// Probes answered from Docker's own records (`docker inspect`, `docker cp`): no traffic.
import type { Answers, ProbeOf, ProbeOutcome } from '../backend.js';
import type { ContainerJSON, EndpointSettings, Inspector } from './inspect.js';
import { networkGateway, networkSubnet } from './safety.js';

const answered = <K extends keyof Answers>(answer: Answers[K], steps: string[]): ProbeOutcome<K> =>
  ({ status: 'answered', answer, why: { steps } });

/**
 * The endpoint whose address C's namespace has on NETWORK (or its first one): for
 * `--net=container:db` that is db's (LANGUAGE.md "ip of C"); none for host mode, for a
 * container on no network with an address (none mode), and for one that is not running.
 */
async function endpointOf(inspector: Inspector, c: ContainerJSON, network: string | null, steps: string[], depth = 0):
Promise<EndpointSettings | null> {
  const name = c.Name.replace(/^\//, '');
  if (!c.State.Running) {
    steps.push(`${name} is ${c.State.Status}: its namespace has no address`);
    return null;
  }
  const mode = c.HostConfig.NetworkMode ?? '';
  // Not none mode as such: a none-mode container disconnected from none can be connected
  // to a network, and then has its address there (NetworkMode stays "none").
  if (mode === 'host') {
    steps.push(`${name} runs in host network mode: no address of its own`);
    return null;
  }
  // A chain (container:Y with Y on container:X) is one namespace, X's: follow it (bounded).
  if (mode.startsWith('container:') && depth < 8) {
    const owner = await inspector.container(mode.slice('container:'.length));
    if (!owner) return null;
    steps.push(`${name} shares the namespace of ${owner.Name.replace(/^\//, '')}`);
    return endpointOf(inspector, owner, network, steps, depth + 1);
  }
  const nets = c.NetworkSettings.Networks ?? {};
  if (network !== null) {
    const ep = nets[network];
    if (!ep) steps.push(`${name} is not connected to ${network}`);
    return ep?.IPAddress ? ep : null;
  }
  if (c.NetworkSettings.IPAddress) return c.NetworkSettings;
  return Object.values(nets).find((ep) => ep.IPAddress) ?? null;
}

type EndpointKind = 'ip' | 'mac' | 'containerGateway';

export async function endpointProbe(inspector: Inspector, probe: ProbeOf<EndpointKind>): Promise<ProbeOutcome<EndpointKind>> {
  const steps: string[] = [];
  const c = await inspector.named(probe.container);
  const ep = c ? await endpointOf(inspector, c, probe.network, steps) : null;
  if (!c) steps.push(`no container ${probe.container} on the engine`);
  const value = (field: 'IPAddress' | 'MacAddress' | 'Gateway'): string | null => ep?.[field] || null;
  const exists = c !== null;
  switch (probe.kind) {
    case 'ip': return answered<'ip'>({ address: value('IPAddress'), exists }, steps);
    case 'mac': return answered<'mac'>({ mac: value('MacAddress'), exists }, steps);
    default: return answered<'containerGateway'>({ gateway: value('Gateway'), exists }, steps);
  }
}

export async function networkProbe(inspector: Inspector, probe: ProbeOf<'network'>): Promise<ProbeOutcome<'network'>> {
  const n = await inspector.network(probe.network);
  if (!n) return answered<'network'>({ exists: false, subnet: null, gateway: null }, [`no network ${probe.network} on the engine`]);
  return answered<'network'>({ exists: true, subnet: networkSubnet(n), gateway: networkGateway(n) },
    [`docker network inspect ${probe.network}: driver ${n.Driver}, IPAM ${JSON.stringify(n.IPAM.Config ?? [])}`]);
}

const STATES = new Set(['running', 'exited', 'created', 'paused']);

export async function containerProbe(inspector: Inspector, probe: ProbeOf<'container'>): Promise<ProbeOutcome<'container'>> {
  const c = await inspector.named(probe.container);
  if (!c) return answered<'container'>({ state: 'removed', exitCode: null }, [`no container ${probe.container} on the engine`]);
  const raw = c.State.Status;
  // restarting/removing/dead are transitions Docker reports between the four states a scenario names.
  const state = (STATES.has(raw) ? raw : raw === 'restarting' ? 'running' : 'exited') as Answers['container']['state'];
  const exitCode = state === 'exited' ? c.State.ExitCode : null;
  return answered<'container'>({ state, exitCode }, [`docker inspect ${probe.container}: State.Status ${raw}, ExitCode ${c.State.ExitCode}`]);
}

export async function portProbe(inspector: Inspector, probe: ProbeOf<'port'>): Promise<ProbeOutcome<'port'>> {
  const c = await inspector.named(probe.container);
  if (!c) return answered<'port'>({ bindings: [], exists: false }, [`no container ${probe.container} on the engine`]);
  const key = `${probe.port}/${probe.proto}`;
  const bindings = (c.NetworkSettings.Ports?.[key] ?? []).map((b) => ({ hostIp: b.HostIp, hostPort: Number(b.HostPort) }));
  return answered<'port'>({ bindings, exists: true },
    [`docker inspect ${probe.container}: NetworkSettings.Ports["${key}"] = ${JSON.stringify(c.NetworkSettings.Ports?.[key] ?? null)}`]);
}

export async function fileProbe(inspector: Inspector, probe: ProbeOf<'file'>,
  copyOut: (container: string, path: string) => Promise<Buffer | null>): Promise<ProbeOutcome<'file'>> {
  const bytes = await copyOut(probe.container, probe.path);
  const content = bytes ? firstFileOfTar(bytes) : null;
  return answered<'file'>({ content },
    [content === null ? `docker cp ${probe.container}:${probe.path} found no file` : `read ${probe.path} of ${probe.container} with docker cp`]);
}

/** The content of the first regular file of a tar stream (what `docker cp C:PATH -` writes). */
export function firstFileOfTar(tar: Buffer): string | null {
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) return null;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156]);
    const body = at + 512;
    if (type === '0' || type === '\0') return tar.subarray(body, body + size).toString('utf8');
    if (type === '5') return null; // a directory
    at = body + Math.ceil(size / 512) * 512; // pax headers and links: skip
  }
  return null;
}
