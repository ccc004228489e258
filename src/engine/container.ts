// A container as the daemon keeps it: its configuration (what `docker create` was told),
// its network attachments (which survive stop; the Endpoint exists only while running,
// FACT 15), and its state.
import type { ImageSpec } from './images/catalog.js';
import type { ContainerStatus, HealthConfig, LogLine, PortRequestView, Proto, PortBindingView } from './model.js';
import type { Endpoint } from './network.js';

export type NetMode =
  | { kind: 'bridge'; explicit: boolean } // the default bridge; explicit: `--net bridge`
  | { kind: 'network'; name: string }
  | { kind: 'host' }
  | { kind: 'none' }
  | { kind: 'container'; targetId: string };

/** A container's membership of a network (NetworkSettings.Networks entry). */
export interface Attachment {
  networkId: string;
  /** User aliases (--network-alias / connect --alias), in the order given. */
  aliases: string[];
  /** --ip / connect --ip: the address this container asks for. */
  requestedIp: string | null;
  /** --ip6 / connect --ip6 (used only on a network with IPv6 enabled; inspect shows it anyway). */
  requestedIp6?: string | null;
  /** Joined through `docker network connect`: inspect shows IPAMConfig/DriverOpts as {} (FACT 85). */
  viaConnect: boolean;
  /** The live endpoint while the container runs. */
  endpoint: Endpoint | null;
  /** Links held by this endpoint of a user network (`EndpointSettings.Links`, as given:
   *  `db` or `db:alias`): the alias names the target for this container only, looked up
   *  by name when asked (libnetwork CreateOptionAlias), so a missing or stopped target
   *  is accepted. Legacy links (the default bridge) are ContainerConfig.links. */
  links?: string[];
  /** Has had an endpoint at least once: inspect keeps NetworkID after stop, not before the first start (FACT 15). */
  everJoined?: boolean;
}

const envKey = (e: string): string => e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('='));

/** `.Config.Env` as the daemon builds it (runconfig.Merge): the user's variables, then the
 *  image's that the user did not set. */
export function mergeEnv(image: readonly string[], user: readonly string[]): string[] {
  // slice and concat size the array exactly (a spread grows it, keeping room for 17):
  // every container keeps its environment.
  if (user.length === 0) return image.slice();
  const keys = new Set(user.map(envKey));
  return user.concat(image.filter((e) => !keys.has(envKey(e))));
}

/** Docker's ReplaceOrAppendEnvValues: a variable already there keeps its place. */
export function replaceOrAppendEnv(base: readonly string[], more: readonly string[]): string[] {
  const out = [...base];
  for (const e of more) {
    const at = out.findIndex((x) => envKey(x) === envKey(e));
    // A name without `=` asks for the variable to be unset: it is removed, never added.
    if (!e.includes('=')) {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = e;
    else out.push(e);
  }
  return out;
}

/** A legacy link (`--link` on the default bridge): /etc/hosts, environment, ps names. */
export interface LinkSpec {
  targetId: string;
  alias: string;
}

export interface ContainerConfig {
  imageRef: string;
  image: ImageSpec | null;
  /** The image's ID (64 hex) when the container was made: a tag moved later does not change it. */
  imageId?: string;
  cmd: string[];
  entrypoint: string[];
  env: string[];
  labels: Record<string, string>;
  workdir: string;
  user: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  /** -P: every exposed port published on a random host port. */
  publishAll?: boolean;
  restart: string;
  hostname: string | null;
  domainname: string;
  extraHosts: string[];
  dns: string[];
  /** --dns-search and --dns-option (`.HostConfig.DnsSearch`, `DnsOptions`). */
  dnsSearch: string[];
  dnsOptions: string[];
  mode: NetMode;
  portRequests: PortRequestView[];
  exposed: Array<{ port: number; proto: Proto }>;
  links: LinkSpec[];
  macAddress: string | null;
  /** --sysctl KEY=VALUE, as given (`.HostConfig.Sysctls`). */
  sysctls?: Record<string, string>;
  /** --stop-signal as given (`.Config.StopSignal`), checked by the daemon at create. */
  stopSignal?: string;
  /** --stop-timeout (`.Config.StopTimeout`, a *int: unset is nil). */
  stopTimeout?: number;
  /** --init given (`.HostConfig.Init`, a *bool: nil unless the flag was given). */
  init?: boolean;
  /** -m in bytes and --cpus in 10^-9 CPUs (`.HostConfig.Memory`, `NanoCpus`). */
  memory?: number;
  nanoCpus?: number;
  /** --memory-swap (-1 unlimited; undefined: twice -m, or 0), -c, --pids-limit (undefined: nil), --oom-kill-disable. */
  memorySwap?: number;
  cpuShares?: number;
  pidsLimit?: number;
  oomKillDisable?: boolean;
  /** `.Config.Healthcheck` as the client built it (undefined: nil). */
  healthcheck?: HealthConfig;
}


// What a container has none of, shared: most containers publish no port, link to
// nothing and host no --net=container: joiner, and an empty Map or Set per container
// (three of them) was ~0.5 KB that every scavenge copied (10,000 containers: ~5 MB).
// Typed read-only, so nobody can add to the shared ones.
export const NO_BINDINGS: ReadonlyMap<string, readonly PortBindingView[]> = new Map();
const NO_LINKS: ReadonlyMap<string, readonly string[]> = new Map();
const NO_SHARERS: ReadonlySet<string> = new Set();

export class Container {
  name: string;
  status: ContainerStatus = 'created';
  exitCode = 0;
  error = '';
  startedAt = '0001-01-01T00:00:00Z';
  finishedAt = '0001-01-01T00:00:00Z';
  pid = 0;
  /** Active host bindings, per `port/proto` (FACT 66: IPv4 then IPv6). Replaced whole
   *  at start and at exit (a new Map only when the container publishes something). */
  bindings: ReadonlyMap<string, readonly PortBindingView[]> = NO_BINDINGS;
  /** The endpoint whose driver programmed the sandbox's port mapping (the bridge driver's
   *  ProgramExternalConnectivity), or null: none programmed, `.NetworkSettings.Ports` is {}. */
  portsEndpointId: string | null = null;
  readonly logs: LogLine[] = [];
  /** /etc/resolv.conf points at 127.0.0.11 once the container joined a user network (FACT 86: it stays). */
  usesEmbeddedDns = false;
  /** /etc/hosts lines written at start for links (FACT 50). */
  linkHosts: Array<{ ip: string; names: string[] }> = [];
  linkEnv: string[] = [];
  private sharerIds: Set<string> | null = null;
  private linkAliases: Map<string, string[]> | null = null;

  constructor(
    readonly id: string,
    name: string,
    readonly config: ContainerConfig,
    readonly created: string,
    readonly seq: number,
    /** Network memberships, in the order given (`docker run` passes its one at creation). */
    readonly attachments: Attachment[] = [],
  ) {
    this.name = name;
  }

  /** Containers running in this one's namespace (--net=container:THIS). */
  get sharers(): ReadonlySet<string> {
    return this.sharerIds ?? NO_SHARERS;
  }

  addSharer(id: string): void {
    (this.sharerIds ??= new Set()).add(id);
  }

  removeSharer(id: string): void {
    this.sharerIds?.delete(id);
  }

  clearSharers(): void {
    this.sharerIds = null;
  }

  /** Containers linking to this one: their ID → link aliases (for `docker ps` names, FACT
   *  52); one container may link here twice (`--link t2 --link t2:other`). */
  get linkedBy(): ReadonlyMap<string, readonly string[]> {
    return this.linkAliases ?? NO_LINKS;
  }

  addLinkedBy(id: string, alias: string): void {
    const map = (this.linkAliases ??= new Map());
    map.set(id, [...(map.get(id) ?? []), alias]);
  }

  removeLinkedBy(id: string): void {
    this.linkAliases?.delete(id);
  }

  get running(): boolean {
    return this.status === 'running' || this.status === 'paused';
  }

  /** The hostname inside: --hostname, else the short ID (FACT 5). */
  get hostname(): string {
    return this.config.hostname ?? this.inheritedHostname ?? this.id.slice(0, 12);
  }

  /** --net=container:X: the daemon copies X's Config.Hostname into this container's at
   *  start (initializeNetworking), so a chain (container:Y, Y on container:X) shows X's. */
  inheritedHostname: string | null = null;

  /** --net=container:X: whose namespace the process joined at start. moby joins
   *  /proc/<X's pid>/ns/net, so for an X that itself joined Z this is Z (real 20.10:
   *  a chain shares one namespace). Null until started. */
  nsOwnerId: string | null = null;

  /** The names of the container's own /etc/hosts line: the FQDN (hostname plus
   *  --domainname) and, when it has a dot, its first label too (libnetwork
   *  sandbox.updateHostsFile: `h1.example.org h1`). */
  get hostsNames(): string {
    const fqdn = this.config.domainname ? `${this.hostname}.${this.config.domainname}` : this.hostname;
    const dot = fqdn.indexOf('.');
    return dot < 0 ? fqdn : `${fqdn} ${fqdn.slice(0, dot)}`;
  }

  /** The namespace it joined (--net=container:X) was torn down when X stopped: only `lo` is left (real engine, 20.10). */
  orphaned = false;
  /** The owner's /etc/resolv.conf when this container was orphaned: its bind mount stays. */
  orphanResolvConf: string | null = null;

  /** The aliases Docker gives this container's endpoint on a user network, in Docker's
   *  order: user aliases, the short ID, then the hostname (daemon updateNetworkConfig),
   *  without repeats — so a --hostname is a DNS name on user networks. */
  endpointAliases(a: Attachment): string[] {
    const out = [...a.aliases];
    for (const name of [this.id.slice(0, 12), this.hostname]) if (!out.includes(name)) out.push(name);
    return out;
  }

  /** libnetwork's sandbox.getGatewayEndpoint: the first endpoint in sandbox order (the
   *  bridge driver gives every endpoint a gateway, --internal ones too). External
   *  connectivity (the port mapping) moves with it: lifecycle.ts joinNetwork/leaveNetwork. */
  gatewayEndpoint(): Endpoint | undefined {
    return this.routingOrder()[0];
  }

  /** Endpoints whose `IP\thostname` line is in /etc/hosts. A disconnect deletes the
   *  lines by hostname, so every own line goes (libnetwork etchosts.Delete; real engine). */
  hostsEndpoints: string[] = [];

  /** Joins since the sandbox was made: the next interface is eth<nextIfIndex>. */
  nextIfIndex = 0;
  /** The same count for a network's own container_iface_prefix (osl counts per prefix);
   *  null until one is used, as nearly always. */
  private prefixIfIndexes: Map<string, number> | null = null;

  /** The sandbox's name for the next interface of that prefix: eth0, eth1, foo0 … */
  takeIfName(prefix: string): string {
    if (prefix === 'eth') return `eth${this.nextIfIndex++}`;
    this.prefixIfIndexes ??= new Map();
    const n = this.prefixIfIndexes.get(prefix) ?? 0;
    this.prefixIfIndexes.set(prefix, n + 1);
    return `${prefix}${n}`;
  }

  /** A new sandbox: interface names count from 0 again. */
  resetIfNames(): void {
    this.nextIfIndex = 0;
    this.prefixIfIndexes = null;
  }

  /** Endpoints with an address in libnetwork's sandbox order: sb.addEndpoint inserts
   *  each joined endpoint where endpoint.Less puts it — not --internal first, then those
   *  with both an IPv4 and an IPv6 gateway (a network with IPv6 enabled), then by network
   *  name; an --internal one is never Less, so those stay in join order at the end. The
   *  first gives the default route, the embedded DNS answers from the networks in this
   *  order, and a sandbox made at start names its interfaces in it (real engine). */
  routingOrder(): Endpoint[] {
    // Array.prototype.sort is stable: equal keys keep the attachments' (join) order.
    return this.endpoints().filter((ep) => ep.ip !== null).sort((x, y) => {
      const internal = Number(x.network.config.internal) - Number(y.network.config.internal);
      if (internal !== 0 || x.network.config.internal) return internal;
      const dual = Number(y.ip6 !== null) - Number(x.ip6 !== null);
      if (dual !== 0) return dual;
      return x.network.name < y.network.name ? -1 : x.network.name > y.network.name ? 1 : 0;
    });
  }

  endpoints(): Endpoint[] {
    // A loop, not flatMap: called for every probe and lookup, it was the engine's top self time.
    const out: Endpoint[] = [];
    // An index loop too: for…of allocates an iterator result per attachment in V8's interpreter.
    const attachments = this.attachments;
    for (let i = 0; i < attachments.length; i++) {
      const endpoint = attachments[i].endpoint;
      if (endpoint) out.push(endpoint);
    }
    return out;
  }

  log(stream: 'stdout' | 'stderr', text: string): void {
    if (text !== '') this.logs.push({ stream, text });
  }

  /** Everything the process wrote to one stream (`docker logs`, an attached run). */
  /** The log line by line, in the order written, for `logs --tail`. */
  logLines(): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
    return this.logs.flatMap((l) => (l.text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((text) => ({ stream: l.stream, text })));
  }

  output(stream: 'stdout' | 'stderr'): string {
    return this.logs.filter((l) => l.stream === stream).map((l) => l.text).join('');
  }
}
