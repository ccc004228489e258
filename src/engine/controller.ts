// The Controller: owns networks, containers and their sandboxes; the engine's entry
// point, as libnetwork's controller is. Lookups go through indexes (by name, by ID,
// by short ID), never through a scan of every container.
import { Container, type Attachment, type ContainerConfig } from './container.js';
import * as E from './errors.js';
import { fail, ok, type Result } from './errors.js';
import { Clock, IdSource, NameSource, shortId } from './ids.js';
import { AddressSpace, contains, isIPv4, parseCidr, PoolAllocator, toInt, toIp, type Cidr } from './ipam.js';
import { AddressSpace6, contains6, isIPv6, parseCidr6, PoolAllocator6, toBig6, type Cidr6 } from './ipam6.js';
import { checkIpamFlags } from './ipam-client.js';
import { checkBridgeOptions, OPT } from './bridge-options.js';
import type { DriverName } from './model.js';
import { ImageStore } from './build/images.js';
import { VolumeStore } from './volumes/store.js';
import { Network, type NetworkConfig } from './network.js';
import { PortAllocator } from './ports.js';

export interface NetworkCreateOptions {
  name: string;
  driver: string;
  subnets: string[];
  gateways: string[];
  ipRanges: string[];
  internal: boolean;
  attachable: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** --aux-address name=IP: addresses IPAM must never hand out. */
  auxAddresses?: Record<string, string>;
  /** --ipv6. */
  enableIPv6?: boolean;
  /** --config-only: a network that only holds configuration for others (no pools, no endpoints). */
  configOnly?: boolean;
  /** --config-from NAME: take the IPAM settings, options and labels of that configuration network. */
  configFrom?: string;
  /** --ipam-driver (libnetwork's built-in one is `default`). */
  ipamDriver?: string;
  /** --ipam-opt KEY=VALUE: kept for the IPAM driver, shown in inspect's IPAM.Options. */
  ipamOptions?: Record<string, string>;
}

/** A --subnet, --gateway or --ip-range of the IPv6 family (the others are IPv4 or invalid). */
const isV6 = (text: string): boolean => text.includes(':');

/** A --ip-range as libnetwork reads it: its first and last host parts inside `subnet`. */
function withinSubnet(range: Cidr, subnet: Cidr): Cidr {
  const hostMask = subnet.prefix === 0 ? 0xffffffff : (~((0xffffffff << (32 - subnet.prefix)) >>> 0)) >>> 0;
  const hostPart = (n: number): number => (subnet.first + ((n & hostMask) >>> 0)) >>> 0;
  return { ...range, first: hostPart(range.first), last: hostPart(range.last) };
}

// Kept once: a RegExp literal is a new object every time it is evaluated, and these are
// asked for every container created and every lookup by a name no container has.
const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const HEX_REF = /^[0-9a-f]+$/;

/** The host the simulated daemon runs on (FACTS header): its name, NIC and resolver. */
export const HOST = { hostname: 'vm', ip: '192.0.2.2', prefixLen: 24, gateway: '192.0.2.1', resolver: '10.255.255.53' } as const;

export class Controller {
  readonly ids = new IdSource();
  readonly names = new NameSource();
  readonly clock = new Clock();
  readonly pools = new PoolAllocator();
  readonly pools6 = new PoolAllocator6();
  readonly ports = new PortAllocator();
  private readonly networksById = new Map<string, Network>();
  private readonly networksByName = new Map<string, Network>();
  private readonly containersById = new Map<string, Container>();
  private readonly containersByShortId = new Map<string, Container>();
  private readonly containersByName = new Map<string, Container>();
  private containerSeq = 0;
  /** Interface numbers grow with every veth and bridge ever created (FACT 5): indexes up
   *  to ifIndex + 1 are taken (the last veth pair is ifIndex and ifIndex + 1). */
  ifIndex = 10;

  /** The local image store: the catalog's images plus those `docker build` made. */
  readonly images = new ImageStore();
  readonly volumes = new VolumeStore();

  readonly defaultBridge: Network;
  readonly hostNetwork: Network;
  readonly noneNetwork: Network;

  constructor() {
    const pool = this.pools.requestDefault();
    if (!pool.ok) throw new Error('no pool for docker0');
    this.defaultBridge = this.addNetwork(this.baseConfig('bridge', 'bridge', {
      isDefaultBridge: true, predefined: true,
      options: {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      },
    }), pool.value, new AddressSpace(pool.value, null, null));
    this.hostNetwork = this.addNetwork(this.baseConfig('host', 'host', { predefined: true }), null, null);
    this.noneNetwork = this.addNetwork(this.baseConfig('none', 'null', { predefined: true }), null, null);
  }

  private baseConfig(name: string, driver: DriverName, extra: Partial<NetworkConfig>): NetworkConfig {
    return {
      id: this.ids.next(), name, driver, created: this.clock.tick(), internal: false, attachable: false,
      options: {}, labels: {}, predefined: false, isDefaultBridge: false, userSubnet: null, userGateway: null,
      userRange: null, ...extra,
    };
  }

  private addNetwork(config: NetworkConfig, subnet: Cidr | null, space: AddressSpace | null,
    v6: { subnet: Cidr6; space: AddressSpace6 } | null = null): Network {
    const network = new Network(config, subnet, space, v6?.subnet ?? null, v6?.space ?? null);
    // The bridge device: docker0 is made at daemon start (ifindex 5, FACT 3); a user
    // network's bridge takes the next ifindex when created, as the veths do.
    // (ifIndex + 1 may be a veth's host end already: see joinNetwork.)
    if (config.driver === 'bridge') network.ifIndex = config.isDefaultBridge ? 5 : ++this.ifIndex + 1;
    this.networksById.set(network.id, network);
    this.networksByName.set(network.name, network);
    return network;
  }

  // ------------------------------------------------------------------ lookups

  /** By name, full ID, or unique ID prefix — as the daemon's network lookup. */
  findNetwork(ref: string): Network | undefined {
    const exact = this.networksByName.get(ref) ?? this.networksById.get(ref);
    if (exact || ref.length === 0) return exact;
    const matches = [...this.networksById.values()].filter((n) => n.id.startsWith(ref));
    return matches.length === 1 ? matches[0] : undefined;
  }

  networkById(id: string): Network | undefined {
    return this.networksById.get(id);
  }

  networks(): Network[] {
    return [...this.networksById.values()];
  }

  /** The networks in creation order, without a copy (for lookups that stop early). */
  networkValues(): IterableIterator<Network> {
    return this.networksById.values();
  }

  /** By name (with or without '/'), full ID, short ID, or unique ID prefix. */
  findContainer(ref: string): Container | undefined {
    const name = ref.startsWith('/') ? ref.slice(1) : ref;
    const exact = this.containersByName.get(name) ?? this.containersById.get(ref) ?? this.containersByShortId.get(ref);
    if (exact || ref.length === 0 || !HEX_REF.test(ref)) return exact;
    if (ref.length > 12) return this.containersById.get(ref);
    // A prefix shorter than the short ID: the one place that has to look at every ID.
    const matches = [...this.containersById.values()].filter((c) => c.id.startsWith(ref));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /**
   * The container an expectation names: its name, or an ID of at least the short ID's 12
   * digits. Not a shorter prefix, as commands take one: `expect container e5 is removed`
   * must not find whichever container's random ID begins with e5 (the docker backend
   * looks the same way).
   */
  namedContainer(ref: string): Container | undefined {
    const c = this.findContainer(ref);
    return c && (c.name === ref.replace(/^\//, '') || (ref.length >= 12 && c.id.startsWith(ref))) ? c : undefined;
  }

  containerById(id: string): Container | undefined {
    return this.containersById.get(id);
  }

  containers(): Container[] {
    return [...this.containersById.values()];
  }

  nameTaken(name: string): boolean {
    return this.containersByName.has(name);
  }

  // ------------------------------------------------------------------ networks

  /**
   * `network create`, with libnetwork's configuration networks (validateConfiguration):
   * a --config-only one keeps its settings and allocates nothing (its type is `null`); one
   * made --config-from it takes them, and may add none of its own.
   */
  createNetwork(o: NetworkCreateOptions): Result<Network> {
    if (o.configOnly) {
      if (o.internal || o.attachable) return fail(E.ErrConfigOnlyOperatorFields());
      const flags = checkIpamFlags({ subnets: o.subnets, gateways: o.gateways, ipRanges: o.ipRanges, auxAddresses: o.auxAddresses ?? {} });
      if (!flags.ok) return flags;
      if (this.networksByName.get(o.name)?.config.predefined) return fail(E.ErrPredefinedCreate(o.name));
      if (this.networksByName.has(o.name)) return fail(E.ErrNetworkExists(o.name));
      const first = (list: string[], v6: boolean): string | null => list.find((t) => isV6(t) === v6) ?? null;
      return ok(this.addNetwork(this.baseConfig(o.name, 'null', {
        configOnly: true, options: o.options, labels: o.labels, enableIPv6: o.enableIPv6 === true,
        userSubnet: first(o.subnets, false), userGateway: first(o.gateways, false), userRange: first(o.ipRanges, false),
        userAuxAddresses: o.auxAddresses ?? {},
        userSubnet6: first(o.subnets, true), userGateway6: first(o.gateways, true), userRange6: first(o.ipRanges, true),
      }), null, null));
    }
    if (o.configFrom !== undefined) {
      const from = this.networksByName.get(o.configFrom);
      if (!from?.config.configOnly) return fail(E.ErrConfigNetworkMissing(o.configFrom));
      if (o.subnets.length > 0 || o.gateways.length > 0 || o.ipRanges.length > 0 || Object.keys(o.auxAddresses ?? {}).length > 0
        || Object.keys(o.labels).length > 0 || o.enableIPv6) return fail(E.ErrConfigFromUserSettings());
      if (Object.keys(o.options).length > 0) return fail(E.ErrConfigFromDriverOptions());
      const c = from.config;
      const texts = (...xs: Array<string | null | undefined>): string[] => xs.filter((x): x is string => typeof x === 'string');
      const made = this.createBridgeNetwork({
        ...o, configFrom: undefined, subnets: texts(c.userSubnet, c.userSubnet6), gateways: texts(c.userGateway, c.userGateway6),
        ipRanges: texts(c.userRange, c.userRange6), auxAddresses: c.userAuxAddresses ?? {}, options: c.options, labels: c.labels,
        enableIPv6: c.enableIPv6 === true,
      });
      if (made.ok) made.value.config.configFrom = from.name;
      return made;
    }
    return this.createBridgeNetwork(o);
  }

  /** The bridge driver's CreateNetwork, which runs after IPAM: its options, one subnet of
   *  each family, then no other bridge network of the same device name (docker0 aside:
   *  libnetwork takes a clash with it for a stale default network and deletes that). */
  private bridgeDriverRefusal(o: NetworkCreateOptions, subnetsV4: number): E.EngineError | null {
    const options = checkBridgeOptions(o.options);
    if (!options.ok) return options.error;
    if (subnetsV4 > 1 || o.subnets.filter(isV6).length > 1) return E.ErrMultipleSubnets();
    const name = o.options[OPT.bridgeName];
    if (name === undefined) return null;
    for (const other of this.networksById.values()) {
      if (other.driver === 'bridge' && !other.config.isDefaultBridge && other.bridgeName === name) {
        return E.ErrSameBridgeName(this.ids.next(), name, other.id);
      }
    }
    return null;
  }

  private createBridgeNetwork(o: NetworkCreateOptions): Result<Network> {
    if (o.driver === 'overlay') return fail(E.ErrSwarmOnly());
    if (o.driver === 'macvlan' || o.driver === 'ipvlan') {
      // With a parent of the host's the engine makes the network, and its containers
      // sit on the host's own LAN: nothing the simulator models, nor the docker backend
      // may touch. Said so, not answered with an invented error.
      if (o.options.parent !== undefined) return fail({ kind: 'invalid', daemon: false, message: `dnet-test: a ${o.driver} network on a parent interface (-o parent=${o.options.parent}) is not simulated` });
      return fail(E.ErrOperationNotSupported());
    }
    if (o.driver === 'host' || o.driver === 'null') {
      const own = o.driver === 'host' ? 'host' : 'none';
      if (o.name === own) return fail(E.ErrPredefinedCreate(o.name));
      return fail(E.ErrOneInstance(o.driver));
    }
    if (o.driver !== 'bridge') return fail(E.ErrPluginNotFound(o.driver));
    const predefined = this.networksByName.get(o.name);
    if (predefined?.config.predefined) return fail(E.ErrPredefinedCreate(predefined.name));
    // Client-side checks of the docker CLI come first (FACT 39).
    const auxAddresses = o.auxAddresses ?? {};
    const flags = checkIpamFlags({ subnets: o.subnets, gateways: o.gateways, ipRanges: o.ipRanges, auxAddresses });
    if (!flags.ok) return flags;
    // The IPv6 --subnet, --gateway and --ip-range go to a second IPAM config (the client
    // matches each gateway and range to the subnet holding it).
    const v6 = this.ipv6Config(o);
    if (!v6.ok) return v6;
    const subnets: Cidr[] = [];
    for (const s of o.subnets.filter((t) => !isV6(t))) {
      const c = parseCidr(s);
      if (!c) return fail(E.ErrInvalidSubnet(s));
      subnets.push(c);
    }
    const ipRanges = o.ipRanges.filter((t) => !isV6(t));
    const gateways = o.gateways.filter((t) => !isV6(t));
    if (subnets.length === 0 && (gateways.length > 0 || ipRanges.length > 0)) return fail(E.ErrRangeWithoutSubnet());
    const subnet = subnets[0] ?? null;
    const written = ipRanges[0] ? parseCidr(ipRanges[0]) : null;
    // The client only asks whether the range's address as written lies in the subnet
    // (subnetMatches); libnetwork (getAddressRange) then keeps the host parts of the
    // range's first and last address under the subnet mask, so a range wider than the
    // subnet covers all of it (real engine: 10.41.0.0/16 with --ip-range 10.41.5.0/8
    // hands out 10.41.0.2).
    if (ipRanges[0] && (!written || !subnet || !contains(subnet, written.base))) {
      return fail(E.ErrNoMatchingSubnetForRange(ipRanges[0]));
    }
    const range = written && subnet ? withinSubnet(written, subnet) : null;
    const gatewayText = gateways[0] ?? null;
    if (gatewayText !== null && subnet && (!/^\d+\.\d+\.\d+\.\d+$/.test(gatewayText) || toInt(gatewayText) < subnet.first || toInt(gatewayText) > subnet.last)) {
      return fail(E.ErrNoMatchingSubnetForGateway(gatewayText));
    }
    if (this.networksByName.has(o.name)) return fail(E.ErrNetworkExists(o.name));
    // ipamAllocate looks the IPAM driver up first: any but the built-in is a plugin.
    if (o.ipamDriver !== undefined && o.ipamDriver !== '' && o.ipamDriver !== 'default') return fail(E.ErrPluginNotFound(o.ipamDriver));

    const pool = subnet ? this.pools.requestSubnet(subnet) : this.pools.requestDefault();
    if (!pool.ok) return pool;
    // IPAM asks for every subnet's pool before the driver sees the network.
    for (const extra of subnets.slice(1)) {
      const got = this.pools.requestSubnet(extra);
      if (!got.ok) {
        this.pools.release(pool.value);
        return got;
      }
      this.pools.release(extra);
    }
    if (gatewayText !== null) {
      const g = toInt(gatewayText);
      if (g === pool.value.first || g === pool.value.last) {
        this.pools.release(pool.value);
        return fail(E.ErrGatewayInUse(gatewayText));
      }
    }
    // libnetwork asks for the IPv4 pool first, then the IPv6 one, and gives the first back
    // when the second fails (the "next pool" search has moved on all the same).
    let pool6: { subnet: Cidr6; space: AddressSpace6 } | null = null;
    if (v6.value !== null) {
      const got = this.pools6.requestSubnet(v6.value.subnet);
      if (!got.ok) {
        this.pools.release(pool.value);
        return got;
      }
      pool6 = { subnet: got.value, space: new AddressSpace6(got.value, v6.value.range, v6.value.gateway) };
    } else if (o.enableIPv6) {
      this.pools.release(pool.value);
      return fail(E.ErrNoIPv6Pool());
    }
    const space = new AddressSpace(pool.value, range, gatewayText === null ? null : toInt(gatewayText));
    const releasePools = (): void => {
      this.pools.release(pool.value);
      if (pool6) this.pools6.release(pool6.subnet);
    };
    // A /31 or /32 (or a range of only its network and broadcast addresses) has no
    // address left for the gateway once IPAM has reserved those two.
    if (space.gateway < 0) {
      releasePools();
      return fail(E.ErrNoGatewayAddress());
    }
    // Aux addresses are reserved after the gateway, in the whole subnet (also outside
    // --ip-range); one already taken (the gateway, the network or broadcast address, an
    // earlier aux) fails the create and gives the pool back.
    for (const [key, ip] of Object.entries(auxAddresses)) {
      if (!subnet || !isIPv4(ip) || !contains(subnet, toInt(ip))) continue;
      if (!space.request(ip).ok) {
        releasePools();
        return fail(E.ErrAuxInUse(key, ip));
      }
    }
    const refused = this.bridgeDriverRefusal(o, subnets.length);
    if (refused) {
      releasePools();
      return fail(refused);
    }
    const network = this.addNetwork(this.baseConfig(o.name, 'bridge', {
      internal: o.internal, attachable: o.attachable, options: o.options, labels: o.labels,
      userSubnet: subnet ? subnet.text : null, userGateway: gatewayText, userRange: range ? range.text : null,
      userAuxAddresses: auxAddresses, enableIPv6: o.enableIPv6 === true, ipamOptions: o.ipamOptions ?? {},
      userSubnet6: v6.value?.subnet.text ?? null, userGateway6: v6.value?.gatewayText ?? null, userRange6: v6.value?.range?.text ?? null,
    }), pool.value, space, pool6);
    return ok(network);
  }

  /** The IPv6 part of `network create`: its subnet (the first given), gateway and range, checked. */
  private ipv6Config(o: NetworkCreateOptions): Result<{ subnet: Cidr6; range: Cidr6 | null; gateway: bigint | null; gatewayText: string | null } | null> {
    const subnetText = o.subnets.find(isV6);
    const gatewayText = o.gateways.find(isV6) ?? null;
    const rangeText = o.ipRanges.find(isV6) ?? null;
    if (subnetText === undefined) {
      if (gatewayText !== null) return fail(E.ErrNoMatchingSubnetForGateway(gatewayText));
      if (rangeText !== null) return fail(E.ErrNoMatchingSubnetForRange(rangeText));
      return ok(null);
    }
    const subnet = parseCidr6(subnetText);
    if (!subnet) return fail(E.ErrInvalidSubnet(subnetText));
    const range = rangeText === null ? null : parseCidr6(rangeText);
    if (rangeText !== null && (!range || !contains6(subnet, range.first))) return fail(E.ErrNoMatchingSubnetForRange(rangeText));
    if (gatewayText !== null && (!isIPv6(gatewayText) || !contains6(subnet, toBig6(gatewayText)))) return fail(E.ErrNoMatchingSubnetForGateway(gatewayText));
    return ok({ subnet, range, gateway: gatewayText === null ? null : toBig6(gatewayText), gatewayText });
  }

  removeNetwork(ref: string): Result<Network> {
    const network = this.findNetwork(ref);
    if (!network) return fail(E.ErrNoSuchNetwork(ref));
    if (network.config.predefined) return fail(E.ErrPredefinedRemove(network.name));
    if (network.endpoints.size > 0) return fail(E.ErrActiveEndpoints(network.name, network.id));
    if (network.config.configOnly) {
      for (const n of this.networkValues()) if (n.config.configFrom === network.name) return fail(E.ErrConfigNetworkInUse(network.name));
    }
    this.networksById.delete(network.id);
    this.networksByName.delete(network.name);
    if (network.subnet) this.pools.release(network.subnet);
    if (network.subnet6) this.pools6.release(network.subnet6);
    return ok(network);
  }

  /**
   * Whether the host owns an IPv4 address a published port can bind: the wildcard,
   * loopback, its NIC, and each bridge's gateway (set on the bridge at network create).
   * IPv6: the wildcard and ::1 (the recorded host has no global IPv6 address, and the
   * bridges have none: `-p [2001:db8::1]:P:80` fails with "cannot assign requested address").
   */
  isHostAddress(ip: string): boolean {
    if (ip.includes(':')) return ip === '::' || ip === '::1';
    if (ip === '0.0.0.0' || ip.startsWith('127.') || ip === HOST.ip) return true;
    return this.networks().some((n) => n.space !== null && n.space.gateway >= 0 && toIp(n.space.gateway) === ip);
  }

  // ------------------------------------------------------------------ containers

  private readonly removedLinkTargets = new Map<string, string>();

  /** The name of a link's target, removed or not (see forgetContainer). */
  linkTargetName(id: string): string {
    return this.containersById.get(id)?.name ?? this.removedLinkTargets.get(id) ?? id;
  }

  /** Registers a new container (state Created); name checks as the daemon does them. */
  createContainer(name: string | null, config: ContainerConfig, attachments: Attachment[] = []): Result<Container> {
    // The daemon takes `/name` for `name`.
    const given = name !== null && name.startsWith('/') ? name.slice(1) : name;
    if (name !== null && given !== null) {
      if (!VALID_NAME.test(name)) return fail(E.ErrInvalidName(name));
      const holder = this.containersByName.get(given);
      if (holder) return fail(E.ErrNameInUse(given, holder.id));
    }
    const id = this.ids.next();
    const finalName = given ?? this.names.next((n) => this.containersByName.has(n));
    const container = new Container(id, finalName, config, this.clock.tick(), ++this.containerSeq, attachments);
    this.containersById.set(id, container);
    this.containersByShortId.set(shortId(id), container);
    this.containersByName.set(finalName, container);
    for (const link of config.links) this.containersById.get(link.targetId)?.addLinkedBy(id, link.alias);
    return ok(container);
  }

  /** Drops a container from the indexes (its endpoints must already be gone). */
  forgetContainer(container: Container): void {
    // The daemon's link index keeps a removed target's container object: the links of
    // its parents still name it (`/tgt:/lnk/web`) and fail as links to a non running one.
    if (container.linkedBy.size > 0) this.removedLinkTargets.set(container.id, container.name);
    for (const link of container.config.links) this.containersById.get(link.targetId)?.removeLinkedBy(container.id);
    this.containersById.delete(container.id);
    this.containersByShortId.delete(shortId(container.id));
    this.containersByName.delete(container.name);
  }

  /**
   * moby ContainerRename: the new name gets a '/' first; the same name is refused before
   * anything else; reserveName's errors (checked on the '/' form) are wrapped in "Error
   * when allocating new name".
   */
  renameContainer(container: Container, given: string): Result<void> {
    const slashed = given.startsWith('/') ? given : `/${given}`;
    const newName = slashed.slice(1);
    if (newName === container.name) return fail(E.ErrRenameSameName());
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(newName)) return fail(E.ErrAllocatingName(E.ErrInvalidName(slashed)));
    const holder = this.containersByName.get(newName);
    if (holder) return fail(E.ErrAllocatingName(E.ErrNameInUse(newName, holder.id)));
    this.containersByName.delete(container.name);
    const old = container.name;
    container.name = newName;
    this.containersByName.set(newName, container);
    for (const ep of container.endpoints()) ep.network.rename(ep, old, newName);
    return ok(undefined);
  }
}
