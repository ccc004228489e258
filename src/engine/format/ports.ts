// Published ports as `docker ps` (PORTS column, docker/cli DisplayablePorts) and
// `docker port` print them (FACTS 66–72).

import type { CommandResult } from '../../backends/backend.js';
import type { ContainerView, Proto } from '../model.js';
import { goParsePortRange } from '../ports.js';

/** types.Port: one per binding, or one without IP for an exposed, unpublished port. */
export interface ApiPort {
  ip: string;
  privatePort: number;
  publicPort: number;
  type: Proto;
}

export function portsOf(c: ContainerView): ApiPort[] {
  return c.ports.flatMap((p) =>
    p.bindings.length === 0
      ? [{ ip: '', privatePort: p.containerPort, publicPort: 0, type: p.proto }]
      : p.bindings.map((b) => ({ ip: b.hostIp, privatePort: p.containerPort, publicPort: b.hostPort, type: p.proto })),
  );
}

function comparePorts(a: ApiPort, b: ApiPort): number {
  if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (a.publicPort !== b.publicPort) return a.publicPort - b.publicPort;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/**
 * DisplayablePorts of docker/cli 20.10: ports sorted; unpublished ports and ports
 * published on the same number are grouped into ranges per IP/proto; other mappings
 * follow, one by one.
 */
export function displayablePorts(ports: readonly ApiPort[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const mappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.privatePort;
    let key: string = port.type;
    if (port.ip !== '') {
      if (port.publicPort !== current) {
        mappings.push(`${port.ip}:${port.publicPort}->${port.privatePort}/${port.type}`);
        continue;
      }
      key = `${port.ip}/${port.type}`;
    }
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { first: current, last: current });
    } else if (current === group.last + 1) {
      group.last = current;
    } else {
      result.push(formGroup(key, group));
      // Go re-inserts the key: it keeps its original place in the order of keys.
      groups.set(key, { first: current, last: current });
    }
  }
  for (const [key, group] of groups) result.push(formGroup(key, group));
  return [...result, ...mappings].join(', ');
}

function formGroup(key: string, { first, last }: { first: number; last: number }): string {
  const slash = key.lastIndexOf('/');
  const ip = slash === -1 ? '' : key.slice(0, slash);
  const type = slash === -1 ? key : key.slice(slash + 1);
  let group = first === last ? String(first) : `${first}-${last}`;
  if (ip !== '') group = `${ip}:${group}->${group}`;
  return `${group}/${type}`;
}

/**
 * `docker port C [PORT[/PROTO]]`. Bindings print in the engine's order (the view's);
 * ports in number order. A stopped container has no bindings (prints nothing).
 */
export function portCommand(c: ContainerView, containerName: string, spec: string | null): CommandResult {
  const live = c.state.running ? c.ports.filter((p) => p.bindings.length > 0) : [];
  if (spec === null) {
    const lines = [...live]
      .sort((a, b) => a.containerPort - b.containerPort || (a.proto < b.proto ? -1 : 1))
      .flatMap((p) => p.bindings.map((b) => `${p.containerPort}/${p.proto} -> ${b.hostIp}:${b.hostPort}\n`));
    return { stdout: lines.join(''), stderr: '', exitCode: 0 };
  }
  // The client splits at the first '/', an empty protocol meaning tcp, and checks the
  // number with nat.NewPort: its strconv error is printed as is; the "No public port"
  // message quotes the port as typed ("080/tcp"), the lookup uses the number.
  const slash = spec.indexOf('/');
  const split = slash >= 0 && slash < spec.length - 1;
  const number = split ? spec.slice(0, slash) : spec;
  const proto = split ? spec.slice(slash + 1) : 'tcp';
  // nat.ParsePortRangeToInt: '' is port 0.
  const parsed = number === '' ? [0, 0] : goParsePortRange(number);
  if (typeof parsed === 'string') return { stdout: '', stderr: `${parsed}\n`, exitCode: 1 };
  const match = parsed[0] === parsed[1] ? live.find((p) => p.containerPort === parsed[0] && p.proto === proto) : undefined;
  if (!match) return { stdout: '', stderr: `Error: No public port '${number}/${proto}' published for ${containerName}\n`, exitCode: 1 };
  return { stdout: match.bindings.map((b) => `${b.hostIp}:${b.hostPort}\n`).join(''), stderr: '', exitCode: 0 };
}
