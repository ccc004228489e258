// Read-only views (model.ts) of the Controller's live objects, for renderers and probes.
import { volumeMountpoint } from './volumes/store.js';
import type { Container } from './container.js';
import { HOST, type Controller } from './controller.js';
import { toIp } from './ipam.js';
import { toIp6 } from './ipam6.js';
import { imageId, type LocalImage } from './build/images.js';
import type { ContainerView, EndpointView, ImageInspectView, IpamConfigView, NetworkView, Proto, PublishedPortView } from './model.js';
import type { Network } from './network.js';
import { namespaceOwner, sandboxView } from './sandbox.js';

/** One IPAM.Config entry: the keys a value was given for, and only those. */
function ipamEntry(subnet: string, gateway: string | null | undefined, ipRange: string | null | undefined,
  auxAddresses?: Record<string, string>): IpamConfigView {
  return { subnet, ...(gateway ? { gateway } : {}), ...(ipRange ? { ipRange } : {}),
    ...(auxAddresses && Object.keys(auxAddresses).length > 0 ? { auxAddresses } : {}) };
}

export function networkView(ctrl: Controller, n: Network): NetworkView {
  const cfg = n.config;
  const config: IpamConfigView[] = [];
  // A configuration network lists its settings as given: it allocated nothing. Another
  // lists its IPv4 pool, with the gateway IPAM chose on a user network whose subnet it chose.
  if (cfg.configOnly && cfg.userSubnet) config.push(ipamEntry(cfg.userSubnet, cfg.userGateway, cfg.userRange, cfg.userAuxAddresses));
  else if (!cfg.configOnly && n.subnet) {
    const chosenGateway = cfg.userGateway || (!cfg.isDefaultBridge && cfg.userSubnet === null) ? toIp(n.space?.gateway ?? 0) : null;
    config.push(ipamEntry(cfg.userSubnet ?? n.subnet.text, chosenGateway, cfg.userRange, cfg.userAuxAddresses));
  }
  // The IPv6 entry lists what was given: no Gateway key unless --gateway (real 20.10).
  if (cfg.userSubnet6) config.push(ipamEntry(cfg.userSubnet6, cfg.userGateway6, cfg.userRange6));
  const members = [...n.endpoints.values()].flatMap((ep) => {
    const c = ctrl.containerById(ep.containerId);
    if (!c) return [];
    return [{ containerId: c.id, name: c.name, endpointId: ep.id, macAddress: ep.mac,
      ipv4Address: ep.ip ? `${ep.ip}/${n.subnet?.prefix}` : '', ipv6Address: ep.ip6 ? `${ep.ip6}/${n.subnet6?.prefix}` : '' }];
  });
  return {
    id: n.id, name: n.name, driver: n.driver, scope: 'local', created: cfg.created, internal: cfg.internal,
    attachable: cfg.attachable, enableIPv6: cfg.enableIPv6 === true,
    configOnly: cfg.configOnly === true, configFrom: cfg.configFrom ?? '', predefined: cfg.predefined, isDefaultBridge: cfg.isDefaultBridge,
    ipam: { driver: 'default', options: cfg.predefined ? null : cfg.ipamOptions ?? {}, config },
    subnet: n.subnet?.text ?? null, gateway: n.space ? toIp(n.space.gateway) : null,
    bridgeName: n.bridgeName, options: cfg.options, labels: cfg.labels, containers: members,
  };
}

function endpointView(ctrl: Controller, c: Container, a: Container['attachments'][number]): EndpointView {
  const n = ctrl.networkById(a.networkId);
  const ep = a.endpoint;
  const userNet = n?.hasDns ?? false;
  // A network connected while stopped has no NetworkID until the first join (real engine, 20.10).
  const started = (c.status !== 'created' && a.everJoined === true) || ep !== null;
  return {
    networkId: started && n ? n.id : '',
    networkName: n?.name ?? a.networkId,
    endpointId: ep?.id ?? '',
    ipAddress: ep?.ip ?? '',
    ipPrefixLen: ep?.ip && n?.subnet ? n.subnet.prefix : 0,
    gateway: ep?.ip && n?.space ? toIp(n.space.gateway) : '',
    macAddress: ep?.mac ?? '',
    globalIPv6Address: ep?.ip6 ?? '',
    globalIPv6PrefixLen: ep?.ip6 && n?.subnet6 ? n.subnet6.prefix : 0,
    ipv6Gateway: ep?.ip6 && n?.space6 ? toIp6(n.space6.gateway) : '',
    // `network connect` sends its --alias list, empty or not, and the daemon keeps it as
    // sent on a predefined network (real 20.10: `"Aliases":[]` after connecting none).
    // The daemon adds the short ID (and hostname) aliases when it connects the endpoint:
    // at the first start, or at once for `network connect`; before, only the user's.
    aliases: userNet ? (a.everJoined || a.viaConnect || ep !== null ? c.endpointAliases(a) : a.aliases.length > 0 ? [...a.aliases] : null)
      : a.viaConnect ? [] : null,
    ipamConfig: a.requestedIp || a.requestedIp6
      ? { ...(a.requestedIp ? { ipv4Address: a.requestedIp } : {}), ...(a.requestedIp6 ? { ipv6Address: a.requestedIp6 } : {}) }
      : a.viaConnect ? {} : null,
    links: a.links && a.links.length > 0 ? [...a.links] : null,
    driverOpts: a.viaConnect ? {} : null,
  };
}

function portsView(c: Container): PublishedPortView[] {
  const keys = new Map<string, PublishedPortView>();
  const add = (port: number, proto: Proto): PublishedPortView => {
    const key = `${port}/${proto}`;
    const v = keys.get(key) ?? { containerPort: port, proto, bindings: [] };
    keys.set(key, v);
    return v;
  };
  // No endpoint of its own, nothing exposed or published (real engine: none mode too).
  if (c.config.mode.kind === 'host' || c.config.mode.kind === 'container' || c.config.mode.kind === 'none') return [];
  // Running with no endpoint holding the port mapping (only --internal networks joined,
  // or every network disconnected): Ports is {} (real engine).
  if (c.running && c.portsEndpointId === null) return [];
  for (const e of c.config.exposed) add(e.port, e.proto);
  for (const [key, bindings] of c.bindings) {
    const [port, proto] = key.split('/');
    add(Number(port), proto as Proto).bindings.push(...bindings);
  }
  return [...keys.values()];
}

export function containerView(ctrl: Controller, c: Container): ContainerView {
  const cfg = c.config;
  const mode = cfg.mode;
  const networkMode = mode.kind === 'bridge' ? (mode.explicit ? 'bridge' : 'default')
    : mode.kind === 'network' ? mode.name : mode.kind === 'container' ? `container:${mode.targetId}` : mode.kind;
  const linkNames = cfg.links.map((l) => `/${ctrl.linkTargetName(l.targetId)}:/${c.name}/${l.alias}`);
  const allNames = [c.name];
  for (const [id, aliases] of c.linkedBy) {
    const other = ctrl.containerById(id);
    if (other) for (const alias of aliases) allNames.push(`${other.name}/${alias}`);
  }
  // The daemon lists every name of the container sorted (real 20.10: `l2/other,l2/t2,t2`).
  if (allNames.length > 1) allNames.sort();
  const image = cfg.imageId ?? imageId(`image:${cfg.imageRef}`);
  return {
    id: c.id, name: c.name, image: cfg.imageRef, imageId: image,
    // Only ps reads it: a getter, so probes and execs don't pay for an image lookup.
    get listImage() { return ctrl.images.lookup(cfg.imageRef)?.id === image ? cfg.imageRef : `sha256:${image}`; },
    macAddress: cfg.macAddress ?? '', entrypoint: cfg.entrypoint, cmd: cfg.cmd, created: c.created, createdSeq: c.seq,
    state: { status: c.status, running: c.running, paused: c.status === 'paused', exitCode: c.exitCode, error: c.error,
      startedAt: c.startedAt, finishedAt: c.finishedAt, pid: c.pid },
    hostname: mode.kind === 'host' ? (cfg.hostname ?? HOST.hostname) : namespaceOwner(ctrl, c).hostname,
    domainname: cfg.domainname, env: cfg.env, labels: cfg.labels, workingDir: cfg.workdir, user: cfg.user,
    tty: cfg.tty, openStdin: cfg.openStdin, autoRemove: cfg.autoRemove, publishAllPorts: cfg.publishAll ?? false, restartPolicy: cfg.restart, networkMode,
    stopSignal: cfg.stopSignal ?? '', ...(cfg.stopTimeout !== undefined ? { stopTimeout: cfg.stopTimeout } : {}),
    ...(cfg.init !== undefined ? { init: cfg.init } : {}), memory: cfg.memory ?? 0, nanoCpus: cfg.nanoCpus ?? 0,
    ...(cfg.memorySwap !== undefined ? { memorySwap: cfg.memorySwap } : {}), ...(cfg.cpuShares !== undefined ? { cpuShares: cfg.cpuShares } : {}),
    ...(cfg.pidsLimit !== undefined ? { pidsLimit: cfg.pidsLimit } : {}), ...(cfg.oomKillDisable ? { oomKillDisable: true } : {}),
    ...(cfg.healthcheck ? { healthcheck: cfg.healthcheck } : {}),
    networks: mode.kind === 'container' ? [] : c.attachments.map((a) => endpointView(ctrl, c, a)),
    ports: portsView(c), portRequests: cfg.portRequests, exposedPorts: cfg.exposed,
    links: linkNames.length > 0 ? linkNames : null, allNames, sandbox: sandboxView(ctrl, c), extraHosts: cfg.extraHosts,
    ...(cfg.sysctls ? { sysctls: cfg.sysctls } : {}),
    dns: cfg.dns, dnsSearch: cfg.dnsSearch, dnsOptions: cfg.dnsOptions, logs: [...c.logs],
    mounts: ctrl.volumes.mountsOf(c.id).map((m) => m.type === 'volume'
      ? { type: 'volume', name: m.name, source: volumeMountpoint(m.name), destination: m.destination, readOnly: m.readOnly }
      : { type: 'bind', name: '', source: m.source, destination: m.destination, readOnly: m.readOnly }),
  };
}

export { namespaceOwner, sandboxView };

export function imageInspectView(ctrl: Controller, image: LocalImage): ImageInspectView {
  const spec = image.spec;
  const labels = spec.labels && Object.keys(spec.labels).length > 0 ? spec.labels : null;
  return {
    id: image.id, repoTags: ctrl.images.tagsOf(image.id), parent: image.parent === '' ? '' : `sha256:${image.parent}`,
    // `docker import -` writes this comment; the builder's commits have none.
    comment: image.step === null && !image.built ? 'Imported from -' : '',
    created: image.created, container: image.step?.container ?? '', stepCmd: image.step?.cmd ?? null,
    cmd: spec.cmd, entrypoint: spec.entrypoint, env: spec.env, workingDir: spec.workdir, user: spec.user ?? '',
    exposed: [...spec.expose], labels, size: spec.size, layers: image.layers, lastTagTime: image.lastTagTime,
  };
}
