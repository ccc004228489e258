// Engine failures are values: a kind (as libnetwork/moby's errdefs classify them) and
// Docker's exact wording, so a scenario can `expect docker … fails with "…"`.
// `daemon`: the text comes from the daemon ("Error response from daemon: " is added by
// the CLI front); otherwise it is the client's own message.

export type ErrorKind = 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'exhausted' | 'unavailable';

export interface EngineError {
  kind: ErrorKind;
  message: string;
  daemon: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: EngineError): Result<T> => ({ ok: false, error });

const daemonError = (kind: ErrorKind, message: string): EngineError => ({ kind, message, daemon: true });
const clientError = (kind: ErrorKind, message: string): EngineError => ({ kind, message, daemon: false });

// libnetwork / ipam
export const ErrAddressInUse = (): EngineError => daemonError('conflict', 'Address already in use');
export const ErrNoAvailablePool = (): EngineError => daemonError('exhausted',
  'could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
// 20.10 has no default IPv6 pools: --ipv6 needs a --subnet of that family.
export const ErrNoIPv6Pool = (): EngineError => daemonError('exhausted',
  'could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network');
// The bridge driver's reading of `-o` (bridge-options.ts) and its conflict check.
export const ErrBridgeOption = (label: string, value: string, why: string): EngineError =>
  daemonError('invalid', `failed to parse ${label} value: ${value} (${why})`);
export const ErrInvalidMtu = (mtu: number): EngineError => daemonError('invalid', `invalid MTU number: ${mtu}`);
export const ErrBridgeNameTooLong = (): EngineError =>
  daemonError('invalid', 'failed to check bridge interface existence: numerical result out of range');
export const ErrSameBridgeName = (id: string, name: string, otherId: string): EngineError =>
  daemonError('forbidden', `cannot create network ${id} (${name}): conflicts with network ${otherId} (${name}): networks have same bridge name`);
/** A subnet (or --ip-range) with no host address left for the gateway (/31, /32). */
export const ErrNoGatewayAddress = (): EngineError => daemonError('exhausted', 'failed to allocate gateway (): No available addresses on this pool');
export const ErrVethMtu = (container: string, network: string, veth: string): EngineError =>
  daemonError('invalid', `failed to create endpoint ${container} on network ${network}: failed to set MTU on host interface ${veth}: invalid argument`);
export const ErrMultipleSubnets = (): EngineError => daemonError('invalid', "bridge driver doesn't support multiple subnets");
export const ErrPoolOverlap = (): EngineError => daemonError('conflict', 'Pool overlaps with other one on this address space');
export const ErrInvalidSubnet = (s: string): EngineError => daemonError('invalid', `Invalid subnet ${s} : invalid CIDR address: ${s}`);
export const ErrNoMatchingSubnetForGateway = (g: string): EngineError => clientError('invalid', `no matching subnet for gateway ${g}`);
export const ErrNoMatchingSubnetForRange = (r: string): EngineError => clientError('invalid', `no matching subnet for range ${r}`);
export const ErrRangeWithoutSubnet = (): EngineError => clientError('invalid', 'every ip-range or gateway must have a corresponding subnet');
export const ErrNoMatchingSubnetForAux = (a: string): EngineError => clientError('invalid', `no matching subnet for aux-address ${a}`);
export const ErrOverlappingSubnetFlags = (): EngineError => clientError('invalid', 'multiple overlapping subnet configuration is not supported');
// libnetwork ipamAllocateVersion reserves each aux address after the gateway.
export const ErrAuxInUse = (key: string, ip: string): EngineError =>
  daemonError('conflict', `failed to allocate secondary ip address (${key}:${ip}): Address already in use`);
export const ErrGatewayInUse = (g: string): EngineError => daemonError('conflict', `failed to allocate gateway (${g}): Address already in use`);
export const ErrIPNotInSubnet = (ip: string): EngineError => daemonError('invalid', `Invalid address ${ip}: It does not belong to any of this network's subnets`);
export const ErrIPOnDefaultBridge = (): EngineError => daemonError('forbidden', 'user specified IP address is supported on user defined networks only');
export const ErrAliasOnPredefinedConnect = (): EngineError => daemonError('forbidden',
  'network-scoped alias is supported only for containers in user defined networks');
export const ErrIPWithoutUserSubnet = (): EngineError => daemonError('forbidden',
  'user specified IP address is supported only when connecting to networks with user configured subnets');
export const ErrInvalidIPv4 = (ip: string): EngineError => daemonError('invalid', `invalid IPv4 address: ${ip}`);
export const ErrInvalidIPv6 = (ip: string): EngineError => daemonError('invalid', `invalid IPv6 address: ${ip}`);
/** buildCreateEndpointOptions' own wording, stray parenthesis included (real 20.10). */
export const ErrEndpointInvalidIPv6 = (ip: string): EngineError => daemonError('invalid', `Invalid IPv6 address: ${ip})`);
export const ErrEndpointInvalidIPv4 = (ip: string): EngineError => daemonError('invalid', `Invalid IPv4 address: ${ip})`);

// networks
export const ErrNoSuchNetwork = (name: string): EngineError => clientError('not-found', `Error: No such network: ${name}`);
export const ErrNetworkNotFound = (name: string): EngineError => daemonError('not-found', `network ${name} not found`);
export const ErrNetworkExists = (name: string): EngineError => daemonError('conflict', `network with name ${name} already exists`);
export const ErrPredefinedCreate = (name: string): EngineError => daemonError('forbidden', `operation is not permitted on predefined ${name} network`);
export const ErrPredefinedRemove = (name: string): EngineError => daemonError('forbidden', `${name} is a pre-defined network and cannot be removed`);
export const ErrActiveEndpoints = (name: string, id: string): EngineError => daemonError('forbidden',
  `error while removing network: network ${name} id ${id} has active endpoints`);
export const ErrSwarmOnly = (): EngineError => daemonError('unavailable',
  'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.');
// macvlan and ipvlan are built in, but their default parent (a dummy link the driver
// makes) is refused by the kernel of the machines recorded here (real 20.10).
export const ErrOperationNotSupported = (): EngineError => daemonError('invalid', 'operation not supported');
// libnetwork's configuration networks (network.go validateConfiguration; real 20.10).
export const ErrConfigOnlyOperatorFields = (): EngineError => daemonError('forbidden', 'configuration network can only contain network specific fields. '
  + 'Network operator fields like [ ingress | internal | attachable | scope ] are not supported.');
export const ErrConfigNetworkMissing = (name: string): EngineError => daemonError('not-found', `configuration network "${name}" does not exist`);
export const ErrConfigFromUserSettings = (): EngineError => daemonError('forbidden',
  'user specified configurations are not supported if the network depends on a configuration network');
export const ErrConfigFromDriverOptions = (): EngineError => daemonError('forbidden',
  'network driver options are not supported if the network depends on a configuration network');
export const ErrConfigNetworkInUse = (name: string): EngineError => daemonError('forbidden', `error while removing network: configuration network "${name}" is in use`);
export const ErrConfigOnlyEndpoint = (): EngineError => daemonError('forbidden', 'cannot create endpoint on configuration-only network');
export const ErrPluginNotFound = (driver: string): EngineError => daemonError('not-found', `plugin "${driver}" not found`);
export const ErrOneInstance = (driver: string): EngineError => daemonError('forbidden', `only one instance of "${driver}" network is allowed`);
export const ErrEndpointExists = (container: string, network: string): EngineError => daemonError('conflict',
  `endpoint with name ${container} already exists in network ${network}`);
export const ErrNotConnected = (id: string, network: string): EngineError => daemonError('not-found',
  `container ${id} is not connected to network ${network}`);
export const ErrSharedNamespaceConnect = (): EngineError => daemonError('forbidden',
  'container sharing network namespace with another container or host cannot be connected to any other network');
export const ErrHostNetworkConnect = (): EngineError => daemonError('forbidden',
  'container cannot be disconnected from host network or connected to host network');
export const ErrPrivateNone = (): EngineError => daemonError('forbidden',
  'container cannot be connected to multiple networks with one of the networks in private (none) mode');

// containers
export const ErrNoSuchContainer = (name: string): EngineError => daemonError('not-found', `No such container: ${name}`);
export const ErrNameInUse = (name: string, id: string): EngineError => daemonError('conflict',
  `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`);
export const ErrInvalidName = (name: string): EngineError => daemonError('invalid',
  `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
export const ErrRenameSameName = (): EngineError => daemonError('invalid', 'Renaming a container with the same name as its current name');
/** errors.Wrap(err, "Error when allocating new name") in ContainerRename. */
export const ErrAllocatingName = (inner: EngineError): EngineError => ({ ...inner, message: `Error when allocating new name: ${inner.message}` });
export const ErrRemoveRunning = (id: string): EngineError => daemonError('conflict',
  `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`);
export const ErrInvalidSignal = (raw: string): EngineError => daemonError('invalid', `Invalid signal: ${raw}`);
export const ErrUnsupportedSignal = (n: string): EngineError => daemonError('invalid', `The linux daemon does not support signal ${n}`);
// daemon translateWorkingDir (verifyContainerSettings) and SetupWorkingDirectory (at create).
export const ErrRelativeWorkdir = (wd: string): EngineError => daemonError('invalid', `the working directory '${wd}' is invalid, it needs to be an absolute path`);
export const ErrWorkdirNotDir = (wd: string): EngineError => daemonError('invalid', `Cannot mkdir: ${wd} is not a directory`);
export const ErrNoCommand = (): EngineError => daemonError('invalid', 'No command specified');
export const ErrNotRunning = (id: string): EngineError => daemonError('conflict', `Container ${id} is not running`);
export const ErrNotPaused = (id: string): EngineError => daemonError('conflict', `Container ${id} is not paused`);
export const ErrAlreadyPaused = (id: string): EngineError => daemonError('conflict', `Container ${id} is already paused`);
export const ErrLinkNotRunning = (target: string, self: string, alias: string): EngineError => daemonError('conflict',
  `Cannot link to a non running container: /${target} AS /${self}/${alias}`);
export const ErrLinkNoContainer = (target: string, could = 'could'): EngineError => daemonError('not-found',
  `${could} not get container for ${target}: No such container: ${target}`);
export const ErrLinkNotDefault = (target: string): EngineError => daemonError('invalid',
  `Cannot link to /${target}, as it does not belong to the default network`);
export const ErrJoinNotRunning = (id: string): EngineError => daemonError('conflict', `cannot join network of a non running container: ${id}`);
export const ErrJoinOwnNetwork = (): EngineError => daemonError('conflict', 'cannot join own network');
export const ErrConflictingOptions = (what: string): EngineError => daemonError('invalid', `conflicting options: ${what}`);
// Several --network flags (docker/cli parseNetworkOpts, then the daemon's verifyNetworkingConfig).
export const ErrNetworkGivenTwice = (name: string): EngineError => clientError('invalid', `network "${name}" is specified multiple times`);
export const ErrMixedNetworkModes = (): EngineError =>
  clientError('invalid', 'conflicting options: cannot attach both user-defined and non-user-defined network-modes');
export const ErrSeveralEndpoints = (names: string[]): EngineError =>
  daemonError('invalid', `Container cannot be connected to network endpoints: ${names.join(', ')}`);
export const ErrInvalidNetworkMode = (): EngineError => daemonError('invalid', 'Invalid network mode: invalid container format container:<name|id>');
export const ErrAliasOnDefault = (): EngineError => clientError('invalid', 'network-scoped aliases are only supported for user-defined networks');
export const ErrLinksOnlyUserDefined = (): EngineError => clientError('invalid', 'links are only supported for user-defined networks');
export const ErrPortAllocated = (endpoint: string, endpointId: string, hostIp: string, port: number): EngineError => daemonError('conflict',
  `driver failed programming external connectivity on endpoint ${endpoint} (${endpointId}): Bind for ${hostIp}:${port} failed: port is already allocated`);
// docker-proxy's listen error: `listen tcp4|udp4 IP:PORT: bind: …`, `listen tcp6 [::]:PORT: …`
// for an IPv6 binding (checked on 20.10).
export const ErrPortBind = (endpoint: string, endpointId: string, proto: string, hostIp: string, port: number, why: string): EngineError =>
  daemonError('conflict',
    `driver failed programming external connectivity on endpoint ${endpoint} (${endpointId}): Error starting userland proxy: listen ${
      hostIp.includes(':') ? `${proto}6 [${hostIp}]` : `${proto}4 ${hostIp}`}:${port}: bind: ${why}`);
// portallocator's ErrAllPortsAllocated: no free port left in a host range (`-p 18100-18102:80`).
export const ErrAllPortsAllocated = (endpoint: string, endpointId: string): EngineError => daemonError('conflict',
  `driver failed programming external connectivity on endpoint ${endpoint} (${endpointId}): all ports are allocated`);
// docker-proxy cannot open an SCTP socket on a kernel without SCTP (the recorded host).
export const ErrProxyProtocol = (endpoint: string, endpointId: string): EngineError => daemonError('conflict',
  `driver failed programming external connectivity on endpoint ${endpoint} (${endpointId}): Error starting userland proxy: protocol not supported`);
/** The pull that follows "Unable to find image locally" fails: no registry is reachable (FACT 100). */
export const ErrRegistryUnreachable = (): EngineError => daemonError('unavailable',
  'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host');
export const ErrInvalidPort = (what: 'hostPort' | 'containerPort' | 'proto' | 'ip address', value: string): EngineError =>
  clientError('invalid', `Invalid ${what}: ${value}`);
