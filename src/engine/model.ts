// The engine's read-only model: plain data the renderers (src/engine/format, src/engine/exec)
// and the probes read. The Controller builds these views from its live objects; nothing
// here mutates the engine. Field names follow Docker's inspect JSON where one exists.

export type Proto = 'tcp' | 'udp' | 'sctp';
export type ContainerStatus = 'created' | 'running' | 'paused' | 'exited' | 'removing' | 'dead';
export type DriverName = 'bridge' | 'host' | 'null';

export interface IpamConfigView {
  subnet: string;
  /** Present only when the user gave --gateway (user networks) — absent on docker0 (FACT 2, 29). */
  gateway?: string;
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

export interface NetworkView {
  id: string;
  name: string;
  driver: DriverName;
  scope: 'local';
  /** Creation time, ISO 8601. */
  created: string;
  internal: boolean;
  attachable: boolean;
  enableIPv6: boolean;
  /** --config-only, and the configuration network a --config-from one took its settings from ('' none). */
  configOnly: boolean;
  configFrom: string;
  /** docker0, host, none. */
  predefined: boolean;
  isDefaultBridge: boolean;
  ipam: { driver: 'default'; options: Record<string, string> | null; config: IpamConfigView[] };
  /** Effective subnet/gateway (null for host/none). */
  subnet: string | null;
  gateway: string | null;
  /** Linux bridge name: docker0, br-<id12>, or com.docker.network.bridge.name. */
  bridgeName: string | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  /** Endpoints of running (or host/none-mode) containers, in join order. */
  containers: NetworkMemberView[];
}

export interface NetworkMemberView {
  containerId: string;
  name: string;
  endpointId: string;
  /** '' in host/none mode. */
  macAddress: string;
  /** 'a.b.c.d/len', '' in host/none mode. */
  ipv4Address: string;
  /** 'fd00::2/64' on a network with IPv6 enabled, else ''. */
  ipv6Address: string;
}

/** One entry of `.NetworkSettings.Networks` (a container's endpoint, or its stopped remains). */
export interface EndpointView {
  networkId: string;
  networkName: string;
  /** '' when the container is not running (FACT 15). */
  endpointId: string;
  ipAddress: string;
  ipPrefixLen: number;
  gateway: string;
  macAddress: string;
  /** The global IPv6 address, its prefix length and the network's IPv6 gateway ('' / 0 without). */
  globalIPv6Address: string;
  globalIPv6PrefixLen: number;
  ipv6Gateway: string;
  /** null on the default bridge / host / none; [...user aliases, id12] on user networks. */
  aliases: string[] | null;
  /** null unless --ip given or connected with `network connect` ({} then). */
  ipamConfig: { ipv4Address?: string; ipv6Address?: string } | null;
  /** Links (`/nginx:/nginx1/nginx`) — null unless given on that network. */
  links: string[] | null;
  driverOpts: Record<string, string> | null;
}

export interface PortBindingView {
  /** '0.0.0.0', '::', '127.0.0.1'. */
  hostIp: string;
  hostPort: number;
}

export interface PublishedPortView {
  containerPort: number;
  proto: Proto;
  /** Empty: exposed, not published. */
  bindings: PortBindingView[];
}

/** `.HostConfig.PortBindings` entry as the user asked ("" = any IP, "" = random port). */
export interface PortRequestView {
  containerPort: number;
  proto: Proto;
  hostIp: string;
  hostPort: string;
}

export interface InterfaceView {
  /** 'lo', 'eth0', 'eth1', … (host mode: the host's interfaces). */
  name: string;
  /** ifindex and the peer's (eth0@if941). */
  index: number;
  peerIndex: number | null;
  mac: string;
  ip: string;
  prefixLen: number;
  broadcast: string | null;
  mtu: number;
  networkName: string | null;
  /** The flags `ip` prints between < and > (default: a container's veth end). */
  flags?: string;
  /** The bridge a host-side veth is a port of (`master docker0`). */
  master?: string;
  /** IPv6 addresses: the host's interfaces have them, a container's do not (FACT 5). */
  inet6?: readonly Inet6[];
}

export interface Inet6 {
  address: string;
  prefixLen: number;
  scope: 'host' | 'link' | 'global';
  /** What `ip` prints after the scope: `flags 02` (IFA_F_NODAD) on the addresses Docker sets. */
  flags?: string;
}

export interface RouteView {
  destination: 'default' | string;
  via: string | null;
  device: string;
  source: string | null;
}

/** A container's network namespace as seen from inside. */
export interface SandboxView {
  /** 'default' for host mode; otherwise the namespace's 12-hex key (/var/run/docker/netns/<key>). */
  key: string;
  hostname: string;
  hostsFile: string;
  resolvConf: string;
  interfaces: InterfaceView[];
  routes: RouteView[];
  /** `ip -6 route`, as BusyBox prints it (empty without IPv6). */
  routes6: Route6View[];
  /** The namespace's --sysctl settings (KEY=VALUE of its owner); absent: none. */
  sysctls?: Record<string, string>;
}

export interface Route6View {
  /** 'default' or a prefix. */
  destination: string;
  via: string | null;
  device: string;
  metric: number;
  multicast?: boolean;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ContainerStateView {
  status: ContainerStatus;
  running: boolean;
  paused: boolean;
  exitCode: number;
  /** State.Error: the start failure text (FACT 65, 71). */
  error: string;
  startedAt: string;
  finishedAt: string;
  pid: number;
}

export interface ContainerView {
  id: string;
  /** Without the leading '/'. */
  name: string;
  image: string;
  /** 64 hex: the image it was created from. */
  imageId: string;
  /** The image as the daemon's list gives it: the reference as given while it still names
   *  that image, else `sha256:<imageId>` (a tag moved by a rebuild). */
  listImage: string;
  /** Config.MacAddress: `--mac-address` as given ('' when not). */
  macAddress: string;
  entrypoint: string[];
  cmd: string[];
  /** Creation time, ISO 8601; `createdSeq` orders containers (ps: newest first). */
  created: string;
  createdSeq: number;
  state: ContainerStateView;
  /** The configured hostname (short ID unless --hostname; the host's in host mode). */
  hostname: string;
  domainname: string;
  env: string[];
  labels: Record<string, string>;
  workingDir: string;
  user: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  publishAllPorts: boolean;
  restartPolicy: string;
  /** `.Config.StopSignal` ('' unset) and `.Config.StopTimeout` (undefined: nil). */
  stopSignal?: string;
  stopTimeout?: number;
  /** `.HostConfig.Init` (undefined: nil), `Memory`, `NanoCpus`. */
  init?: boolean;
  memory?: number;
  nanoCpus?: number;
  /** `.HostConfig.MemorySwap` as given (-1, a size; undefined: the daemon's default), `CpuShares`, `PidsLimit` (undefined: nil), `OomKillDisable`. */
  memorySwap?: number;
  cpuShares?: number;
  pidsLimit?: number;
  oomKillDisable?: boolean;
  /** `.Config.Healthcheck` (undefined: nil). */
  healthcheck?: HealthConfig;
  /** `.HostConfig.NetworkMode`: 'default', 'bridge', 'host', 'none', 'container:<id64>', a network name. */
  networkMode: string;
  /** `.NetworkSettings.Networks`, in attach order. Empty for container: mode. */
  networks: EndpointView[];
  /** Exposed + published ports with current bindings (bindings only while running). */
  ports: PublishedPortView[];
  portRequests: PortRequestView[];
  exposedPorts: Array<{ port: number; proto: Proto }>;
  /** `.HostConfig.Links`: ['/nginx:/nginx1/nginx'] or null. */
  links: string[] | null;
  /** Names as `docker ps --no-trunc` shows them: primary first, then 'other/alias' link names. */
  allNames: string[];
  /** The namespace (null while not running, except host mode which always is the host's). */
  sandbox: SandboxView | null;
  extraHosts: string[];
  /** `.HostConfig.Sysctls` (--sysctl), absent when none. */
  sysctls?: Record<string, string>;
  dns: string[];
  dnsSearch: string[];
  dnsOptions: string[];
  logs: LogLine[];
  /** `.Mounts` (volumes and bind mounts, in the order asked); absent = none. */
  mounts?: MountView[];
}

/** types.MountPoint of `docker inspect`. */
export interface MountView {
  type: 'volume' | 'bind';
  /** Volume name ('' for a bind mount). */
  name: string;
  /** Host path: /var/lib/docker/volumes/NAME/_data for a volume. */
  source: string;
  destination: string;
  readOnly: boolean;
}

/** A container's files as its processes see them (mounts, its own layer, its image). */
export interface ContainerFiles {
  /** Content of a file, or null when there is none. */
  read(path: string): string | null;
  /** Writes (or appends to) a file; returns the shell's error text (`can't create f: …`), or null. */
  write(path: string, content: string, append: boolean): string | null;
  /** What is at a path, for `ls`: a file, a folder and its entries, nothing, or a tree the simulator does not know. */
  list?(path: string): PathListing;
}

export type PathListing = { kind: 'file' } | { kind: 'dir'; names: string[] } | { kind: 'missing' } | { kind: 'unknown'; why: string };

/** What `docker exec` renderers need from the engine: the world as one container sees it. */
export interface ExecEnvironment {
  container: ContainerView;
  /** Tools the image ships (`ping`, `wget`, …); null = every BusyBox applet. */
  tools: ReadonlySet<string> | null;
  /** The process environment as the daemon builds it: PATH, HOSTNAME, link variables, `.Config.Env`, exec -e (runc adds HOME). */
  env: string[];
  /** The process's working directory: exec -w, else the image's WorkingDir, else `/`. */
  cwd?: string;
  /** The process's uid and gid (exec -u, else the container's user; 0 = root). */
  uid?: number;
  gid?: number;
  /** Resolve as the container's libc/BusyBox does: /etc/hosts, then its DNS server. */
  resolve(name: string): ResolveOutcome;
  /** Ask only the DNS server of resolv.conf, as nslookup does (no /etc/hosts). */
  queryDns?(name: string): ResolveOutcome;
  /** A PTR query to the resolv.conf server: `NAME.NETWORK` from the embedded DNS, or null. */
  reverseDns?(ip: string): string | null;
  /** One DNS query of any type to the resolv.conf server, answered as its server would. */
  askDns?(type: DnsType, name: string): DnsReply;
  /** Whether a DNS server can be asked from here: 'unreachable' without a route to it,
   *  'refused' on loopback where nothing answers (the sandbox and its resolver are gone). */
  dnsServer?(server: string): 'ok' | 'unreachable' | 'refused';
  /** Send a packet (ping: port null) to an address from this container; a TCP connection
   *  carries `payload` (what the client sends, e.g. nc's stdin) to the server. */
  reach(address: string, port: number | null, proto: Proto, payload?: string): ReachOutcome;
  /** The container's files (`cat`, `sh -c 'echo x > f'`); absent: only Docker's /etc files exist. */
  files?: ContainerFiles;
  /** HTTP GET: the body served (nginx page) or the failure. */
  httpGet(address: string, port: number, path: string): HttpOutcome;
  /** The namespace's listening sockets (`netstat -l`); null in host mode (the host's are not simulated). */
  sockets?(): ListeningSocket[] | null;
}

/** A listening socket: `tcp` on `:::80`, `udp` on `127.0.0.11:40151`. */
export interface ListeningSocket {
  proto: Proto;
  local: string;
}

/** The query types BusyBox nslookup can send (its qtypes table, in that order). */
export const DNS_TYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'PTR', 'SRV', 'ANY'] as const;
export type DnsType = (typeof DNS_TYPES)[number];

/**
 * A DNS server's reply to one query: NOERROR with its answer records (addresses, or the
 * names of a PTR; none is an empty answer), NXDOMAIN, or no reply at all.
 */
export type DnsReply = { rcode: 'NOERROR'; answers: string[] } | { rcode: 'NXDOMAIN' } | { rcode: 'none' };

export interface ResolveOutcome {
  /** Addresses in answer order (empty: not found). */
  addresses: string[];
  /** The IPv6 answer (AAAA), when the name has one: getaddrinfo puts it first. */
  addresses6?: string[];
  /** Which resolver answered / was asked. */
  via: 'hosts' | 'embedded-dns' | 'host-dns' | 'none';
  /** The DNS server asked ('127.0.0.11', '10.255.255.53'), null when /etc/hosts answered. */
  server: string | null;
  steps: string[];
}

interface ReachDetail {
  /** The reply's TTL when not 64 (63: routed through the host). */
  ttl?: number;
  /** The send's error when not "Network is unreachable" (no IPv6 source address). */
  errno?: string;
}

export type ReachOutcome =
  | ({ result: 'ok'; steps: string[]; /** What the server wrote back on a TCP connection. */ reply?: string } & ReachDetail)
  | ({ result: 'refused'; steps: string[] } & ReachDetail)
  | ({ result: 'dropped'; steps: string[] } & ReachDetail)
  | ({ result: 'unreachable'; steps: string[] } & ReachDetail);

export type HttpOutcome =
  | { result: 'ok'; status: number; body: string; steps: string[];
      /** The response's header lines (`Date: …`), when the simulator knows the server. */
      headers?: string[] }
  | { result: 'refused' | 'dropped' | 'unreachable'; steps: string[];
      /** A dropped connection's error when the kernel reports one ("No route to host"). */
      errno?: string };

/** An image as `docker image inspect` shows it (types.ImageInspect). */
export interface ImageInspectView {
  /** 64 hex. */
  id: string;
  /** Sorted, as the reference store lists them. */
  repoTags: string[];
  /** `sha256:…` of the image a build step ran on, or ''. */
  parent: string;
  comment: string;
  created: string;
  /** The build step's intermediate container (64 hex), or ''. */
  container: string;
  /** The build step's command (ContainerConfig.Cmd); null for an imported image. */
  stepCmd: string[] | null;
  cmd: string[];
  entrypoint: string[];
  env: string[];
  workingDir: string;
  user: string;
  exposed: string[];
  labels: Record<string, string> | null;
  size: number;
  /** Diff IDs, bottom first (64 hex). */
  layers: readonly string[];
  lastTagTime: string | null;
}

/** container.HealthConfig: durations in nanoseconds, zero values left out of JSON. */
export interface HealthConfig {
  test?: string[];
  interval: number;
  timeout: number;
  startPeriod: number;
  retries: number;
}
