// A Network and its Endpoints, as libnetwork models them. The driver decides what an
// endpoint gets: 'bridge' an address from the network's IPAM space and a MAC; 'host'
// and 'null' nothing (the container uses the host's stack or only loopback).
// Each network keeps its own indexes (by IP, by DNS name) so that no query scans every
// container of the engine.
import type { AddressSpace, Cidr } from './ipam.js';
import type { AddressSpace6, Cidr6 } from './ipam6.js';
import type { DriverName } from './model.js';
import { bridgeSwitch, OPT } from './bridge-options.js';

export interface Endpoint {
  id: string;
  network: Network;
  containerId: string;
  /** null for host/none endpoints. */
  ip: string | null;
  /** The global IPv6 address, on a network with IPv6 enabled (null otherwise). */
  ip6: string | null;
  mac: string;
  /** Names this endpoint answers to on the network's DNS (name, id12, aliases). */
  dnsNames: string[];
  /** ifindex of the container side (eth0@if<ifIndex+1>). */
  ifIndex: number;
  /** The interface name in the sandbox: eth<N>, N counting joins since the sandbox was
   *  made (libnetwork's nextIfIndex), so a disconnect leaves a gap (real engine). */
  ifName?: string;
}

export interface NetworkConfig {
  id: string;
  name: string;
  driver: DriverName;
  created: string;
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  predefined: boolean;
  isDefaultBridge: boolean;
  /** What the user asked IPAM for (shown in inspect's IPAM.Config). */
  userSubnet: string | null;
  userGateway: string | null;
  userRange: string | null;
  /** --aux-address name=IP as given (inspect's IPAM.Config.AuxiliaryAddresses). */
  userAuxAddresses?: Record<string, string>;
  /** --config-only: settings for other networks; no pools, no endpoints (driver `null`). */
  configOnly?: boolean;
  /** --config-from: the configuration network this one took its settings from. */
  configFrom?: string;
  /** --ipv6: endpoints get addresses from the IPv6 subnet too. */
  enableIPv6?: boolean;
  /** The IPv6 --subnet, --gateway and --ip-range as given (a second IPAM.Config entry). */
  userSubnet6?: string | null;
  userGateway6?: string | null;
  userRange6?: string | null;
  /** --ipam-opt as given (IPAM.Options). */
  ipamOptions?: Record<string, string>;
}

export class Network {
  readonly endpoints = new Map<string, Endpoint>(); // by container ID
  private readonly byIp = new Map<string, Endpoint>();
  /** The embedded DNS table of this network: lower-cased name → endpoints, in join order.
   *  Arrays, not Sets: nearly every name has one holder, and 10,000 containers make
   *  ~20,000 names (a Set costs several times a one-element array). */
  private readonly dns = new Map<string, Endpoint[]>();
  /** The bridge device's ifindex on the host (0: no device), from the same counter as veths. */
  ifIndex = 0;
  /** A port has joined the bridge since it was made: the kernel gave it an IPv6
   *  link-local address when it first got a carrier, and it keeps it (FACT 3). */
  everJoined = false;

  constructor(
    readonly config: NetworkConfig,
    readonly subnet: Cidr | null,
    readonly space: AddressSpace | null,
    /** The IPv6 subnet, when one was given (listed even when IPv6 is not enabled). */
    readonly subnet6: Cidr6 | null = null,
    readonly space6: AddressSpace6 | null = null,
  ) {}

  /** Endpoints get IPv6 addresses: --ipv6 and a subnet to take them from. */
  get ipv6(): boolean {
    return this.config.enableIPv6 === true && this.space6 !== null;
  }

  get id(): string {
    return this.config.id;
  }
  get name(): string {
    return this.config.name;
  }
  get driver(): DriverName {
    return this.config.driver;
  }
  /** User-defined bridges get the embedded DNS; docker0, host and none do not. */
  get hasDns(): boolean {
    return this.driver === 'bridge' && !this.config.isDefaultBridge;
  }
  /** enable_icc, read as strconv.ParseBool reads it (`0`, `f`, `False` turn it off too). */
  get iccEnabled(): boolean {
    return bridgeSwitch(this.config.options, OPT.icc, true);
  }
  get bridgeName(): string | null {
    if (this.driver !== 'bridge') return null;
    return this.config.options[OPT.bridgeName] ?? (this.config.isDefaultBridge ? 'docker0' : `br-${this.id.slice(0, 12)}`);
  }

  /** com.docker.network.driver.mtu: the bridge's, and each veth's at both ends (0 or
   *  none: the kernel's 1500). */
  get mtu(): number {
    return Number(this.config.options[OPT.mtu] ?? 0) || 1500;
  }

  /** com.docker.network.container_iface_prefix: the sandbox names this network's
   *  interface PREFIX<N> instead of eth<N>, N counted per prefix (osl's nextIfIndex). */
  get ifPrefix(): string {
    return this.config.options[OPT.ifPrefix] || 'eth';
  }

  /** inhibit_ipv4: the bridge device gets no IPv4 address, so the gateway the
   *  containers route through answers nobody (and no host address is reached). */
  get inhibitIPv4(): boolean {
    return bridgeSwitch(this.config.options, OPT.inhibitIPv4, false);
  }

  /** Join: register the endpoint in the network's indexes. */
  join(endpoint: Endpoint): void {
    this.endpoints.set(endpoint.containerId, endpoint);
    if (endpoint.ip) {
      this.byIp.set(endpoint.ip, endpoint);
      this.everJoined = true;
    }
    if (endpoint.ip6) this.byIp.set(endpoint.ip6, endpoint);
    if (this.hasDns) for (const name of endpoint.dnsNames) this.addName(name, endpoint);
  }

  /** Leave: the inverse of join. */
  leave(endpoint: Endpoint): void {
    this.endpoints.delete(endpoint.containerId);
    if (endpoint.ip && this.byIp.get(endpoint.ip) === endpoint) this.byIp.delete(endpoint.ip);
    if (endpoint.ip6 && this.byIp.get(endpoint.ip6) === endpoint) this.byIp.delete(endpoint.ip6);
    if (this.hasDns) for (const name of endpoint.dnsNames) this.removeName(name, endpoint);
  }

  /** A container was renamed: its DNS record follows. */
  rename(endpoint: Endpoint, oldName: string, newName: string): void {
    endpoint.dnsNames = endpoint.dnsNames.map((n) => (n === oldName ? newName : n));
    if (!this.hasDns) return;
    this.removeName(oldName, endpoint);
    this.addName(newName, endpoint);
  }

  private addName(name: string, endpoint: Endpoint): void {
    const key = name.toLowerCase();
    const holders = this.dns.get(key);
    if (holders === undefined) this.dns.set(key, [endpoint]);
    else if (!holders.includes(endpoint)) holders.push(endpoint);
  }

  private removeName(name: string, endpoint: Endpoint): void {
    const key = name.toLowerCase();
    const holders = this.dns.get(key);
    const i = holders === undefined ? -1 : holders.indexOf(endpoint);
    if (holders === undefined || i < 0) return;
    if (holders.length === 1) this.dns.delete(key);
    else holders.splice(i, 1);
  }

  /** The embedded DNS's answer on this network: every endpoint holding the name. */
  lookup(name: string): Endpoint[] {
    return this.dns.get(name.toLowerCase())?.slice() ?? [];
  }

  endpointByIp(ip: string): Endpoint | undefined {
    return this.byIp.get(ip);
  }
}
