// Network safety, a hard rule: a probe sends traffic only to loopback, to an address of
// a container the scenario created, or to the gateway of a network the scenario created
// or uses (docker0's 172.17.0.1 included) — and, where the whole bridge belongs to the
// scenario, to addresses inside its subnet (an unused address there reaches no one).
// Everything else is answered "simulated only" and nothing is sent.
import ipaddr from 'ipaddr.js';
import type { ContainerJSON, NetworkJSON } from './inspect.js';

export interface AllowedTargets {
  addresses: Set<string>;
  /** CIDRs wholly owned by the scenario. */
  subnets: string[];
  /** Names that can only mean the scenario's containers (lower case): their names,
   *  hostnames, network aliases, link aliases, compose services. */
  names: Set<string>;
}

export const emptyAllowed = (): AllowedTargets => ({ addresses: new Set(), subnets: [], names: new Set() });

/**
 * null: a container may send to `target` (an address, or a name it looks up); otherwise
 * why not. A name outside the scenario is refused before it is looked up: on a shared
 * engine the lookup itself leaves (the embedded DNS forwards it to the host's resolver).
 */
export function targetRefusal(target: string, allowed: AllowedTargets): string | null {
  if (ipaddr.isValid(target)) return refusal(target, allowed);
  const name = target.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || allowed.names.has(name)) return null;
  return `simulated only: ${target} is no container of the scenario (looking it up would leave the scenario's networks)`;
}

/** null: allowed; otherwise the refusal reason the probe reports. */
export function refusal(address: string, allowed: AllowedTargets): string | null {
  const outside = `simulated only: ${address} is outside the scenario's networks`;
  if (!ipaddr.isValid(address)) return outside;
  const addr = ipaddr.process(address);
  if (addr.range() === 'loopback') return null;
  if (allowed.addresses.has(addr.toString())) return null;
  for (const cidr of allowed.subnets) {
    try {
      const [net, bits] = ipaddr.parseCIDR(cidr);
      if (net.kind() === addr.kind() && addr.match([net, bits])) return null;
    } catch {
      // a malformed subnet string allows nothing
    }
  }
  return outside;
}

/** The address a bridge holds: the configured gateway, else the subnet's first host (docker0 has no Gateway key, FACT 2). */
export function networkGateway(n: NetworkJSON): string | null {
  const cfg = n.IPAM.Config?.find((c) => c.Subnet && ipaddr.IPv4.isValid(c.Subnet.split('/')[0]));
  if (!cfg?.Subnet) return null;
  if (cfg.Gateway) return cfg.Gateway;
  if (n.Driver !== 'bridge') return null;
  try {
    const [net, bits] = ipaddr.parseCIDR(cfg.Subnet);
    const first = ipaddr.IPv4.networkAddressFromCIDR(`${net.toString()}/${bits}`).toByteArray();
    first[3] += 1;
    return ipaddr.fromByteArray(first).toString();
  } catch {
    return null;
  }
}

export function networkSubnet(n: NetworkJSON): string | null {
  return n.IPAM.Config?.find((c) => c.Subnet)?.Subnet ?? null;
}

/**
 * What a scenario may reach, from its containers and the networks it created (`owned`)
 * or merely uses (`used`: their gateways only — other people's containers may sit in
 * their subnets).
 */
export function allowedTargets(containers: ContainerJSON[], owned: NetworkJSON[], used: NetworkJSON[]): AllowedTargets {
  const allowed = emptyAllowed();
  const add = (a: string | null | undefined): void => {
    if (a && ipaddr.isValid(a)) allowed.addresses.add(ipaddr.process(a).toString());
  };
  const name = (n: string | null | undefined): void => {
    if (n) allowed.names.add(n.replace(/^\//, '').toLowerCase());
  };
  for (const c of containers) {
    add(c.NetworkSettings.IPAddress);
    name(c.Name);
    name(c.Config.Hostname);
    name(c.Config.Labels?.['com.docker.compose.service']);
    // `/target:/source/alias`: the alias is in the source's /etc/hosts.
    for (const link of c.HostConfig.Links ?? []) name(link.slice(link.lastIndexOf('/') + 1));
    for (const ep of Object.values(c.NetworkSettings.Networks ?? {})) {
      add(ep.IPAddress);
      add(ep.Gateway);
      add(ep.GlobalIPv6Address);
      add(ep.IPv6Gateway);
      for (const alias of ep.Aliases ?? []) name(alias);
    }
  }
  for (const n of [...owned, ...used]) add(networkGateway(n));
  for (const n of owned) {
    const s = networkSubnet(n);
    if (s) allowed.subnets.push(s);
    // An IPv6 subnet of a network the scenario made is its own too.
    for (const c of n.IPAM.Config ?? []) if (c.Subnet?.includes(':')) allowed.subnets.push(c.Subnet);
  }
  return allowed;
}
