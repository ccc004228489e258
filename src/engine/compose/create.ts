// One service replica → a container on the Controller, as Compose asks the daemon for it:
// the image's defaults overridden by the service, labels, the first network at create
// (aliases: the service name and its own), the others connected after, mounts.
import { posix } from 'node:path';
import { mergeEnv, type Attachment, type Container, type ContainerConfig, type LinkSpec, type NetMode } from '../container.js';
import { fail, ok, type Result } from '../errors.js';
import type { PortRequestView, Proto } from '../model.js';
import { parseExpose, parsePortSpec } from '../ports.js';
import { mountInto, type MountRequest } from '../volumes/mounts.js';
import { containerLabels, hostPath, projectContainers, serviceImage, LABEL, type ComposeContext } from './context.js';
import type { ServiceModel, ServiceNetwork } from './model.js';



/**
 * A service's networks in the order Compose attaches them; the first is the primary one,
 * given at create (HostConfig.NetworkMode). v1 (project.get_networks): by `priority`,
 * highest first, when any is set, else by Docker name "to pick a consistent primary
 * network"; v2 (NetworksByPriority): by priority, then by key. Not the file's order
 * (real 1.29: `networks: [front, back]` makes proj_back the primary).
 */
export function networksInOrder(cx: ComposeContext, s: ServiceModel): ServiceNetwork[] {
  const dockerName = (sn: ServiceNetwork): string => cx.naming.network(cx.project.networks.get(sn.key) ?? defaultNetwork());
  const byName = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  if (cx.naming.flavour === 'v2') return [...s.networks].sort((x, y) => y.priority - x.priority || byName(x.key, y.key));
  if (s.networks.some((sn) => sn.priority !== 0)) return [...s.networks].sort((x, y) => y.priority - x.priority);
  return [...s.networks].sort((x, y) => byName(dockerName(x), dockerName(y)));
}

function networkMode(cx: ComposeContext, s: ServiceModel): Result<NetMode> {
  const mode = s.networkMode;
  const firstNet = networksInOrder(cx, s)[0];
  if (mode === null) return ok({ kind: 'network', name: cx.naming.network(cx.project.networks.get(firstNet.key) ?? defaultNetwork()) });
  if (mode === 'host') return ok({ kind: 'host' });
  if (mode === 'none') return ok({ kind: 'none' });
  if (mode === 'bridge') return ok({ kind: 'bridge', explicit: true });
  const service = /^service:(.*)$/.exec(mode);
  const container = /^container:(.*)$/.exec(mode);
  const target = service ? projectContainers(cx, service[1])[0] : container ? cx.ctrl.findContainer(container[1]) : undefined;
  if (service || container) {
    if (!target) return fail({ kind: 'not-found', daemon: false, message: `Service '${s.name}' uses the network stack of ${service ? 'service' : 'container'} '${(service ?? container)![1]}' which does not exist.` });
    return ok({ kind: 'container', targetId: target.id });
  }
  return ok({ kind: 'network', name: mode });
}

/**
 * `links:` as Compose v1 sends them in each network's endpoint settings
 * (service.py `_get_links`, docker-py `normalize_links`): for every container of a
 * linked service, the link alias, the container name and the name without the project
 * (`db_1`), as `container:alias` strings sorted by container then alias.
 */
function endpointLinks(cx: ComposeContext, s: ServiceModel): string[] {
  const links = new Map<string, string>(); // alias → container name
  for (const l of s.links) {
    const [service, alias] = l.split(':');
    for (const c of projectContainers(cx, service)) {
      const n = c.config.labels[LABEL.number] ?? '1';
      links.set(alias || service, c.name);
      links.set(c.name, c.name);
      links.set([service, n].join(cx.naming.separator), c.name);
    }
  }
  return [...links].map(([alias, name]) => [name, alias] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, alias]) => `${name}:${alias}`);
}

export const defaultNetwork = () => ({ key: 'default', name: null, driver: null, driverOpts: {}, ipam: [], internal: false,
  enableIpv6: false, external: false, attachable: false, labels: {} });

function mounts(cx: ComposeContext, s: ServiceModel): MountRequest[] {
  const out: MountRequest[] = [];
  for (const from of s.volumesFrom) {
    const [ref, mode] = from.replace(/^service:/, '').split(':');
    const source = ref.startsWith('container:') ? cx.ctrl.findContainer(ref.slice(10)) : projectContainers(cx, ref)[0];
    for (const m of source ? cx.ctrl.volumes.mountsOf(source.id) : []) out.push({ ...m, readOnly: mode === 'ro' || m.readOnly });
  }
  for (const v of s.volumes) {
    if (v.type === 'volume') {
      const decl = v.source === null ? undefined : cx.project.volumes.get(v.source);
      out.push({ type: 'volume', name: decl ? cx.naming.volume(decl) : null, destination: v.target, readOnly: v.readOnly });
      continue;
    }
    const source = hostPath(cx, v.source ?? '.');
    // The host folder holds what the scenario's folder holds there (the docker backend copies it too).
    for (const f of cx.cwd.filesUnder(source)) {
      const file = posix.join(source, f);
      if (!cx.ctrl.volumes.hostFiles.has(file)) cx.ctrl.volumes.hostFiles.set(file, cx.cwd.read(file) ?? '');
    }
    const single = cx.cwd.read(source);
    if (single !== null && !cx.ctrl.volumes.hostFiles.has(source)) cx.ctrl.volumes.hostFiles.set(source, single);
    out.push({ type: 'bind', source, destination: v.target, readOnly: v.readOnly });
  }
  return out;
}

/** Creates replica `n` of a service (state Created); the error is the daemon's message. */
/** `oneOff`: a `run` container (label oneoff True; no service alias unless `serviceAlias`). */
export interface ReplicaOptions {
  oneOff?: boolean;
  serviceAlias?: boolean;
  autoRemove?: boolean;
}

export function createReplica(cx: ComposeContext, s: ServiceModel, n: number, name: string, opts: ReplicaOptions = {}): Result<Container> {
  const ctrl = cx.ctrl;
  const imageRef = serviceImage(cx, s);
  const local = ctrl.images.lookup(imageRef);
  const image = local?.spec;
  if (!image) return fail({ kind: 'not-found', daemon: true, message: `No such image: ${imageRef}` });
  const mode = networkMode(cx, s);
  if (!mode.ok) return mode;
  const ports: PortRequestView[] = [];
  for (const p of s.ports) {
    const r = parsePortSpec(p);
    if (!r.ok) return r;
    ports.push(...r.value);
  }
  const exposed: Array<{ port: number; proto: Proto }> = [];
  const expose = (port: number, proto: Proto): void => {
    if (!exposed.some((e) => e.port === port && e.proto === proto)) exposed.push({ port, proto });
  };
  for (const e of image.expose) expose(Number(e.split('/')[0]), (e.split('/')[1] ?? 'tcp') as Proto);
  for (const e of s.expose) {
    const x = parseExpose(e);
    if (x.ok) for (const y of x.value) expose(y.port, y.proto);
  }
  for (const p of ports) expose(p.containerPort, p.proto);
  // Legacy links only where the container is on the default bridge; on the project's
  // networks the links are endpoint settings (endpointLinks).
  const links: LinkSpec[] = [];
  for (const l of mode.value.kind === 'bridge' ? s.links : []) {
    const [service, alias = service] = l.split(':');
    const target = projectContainers(cx, service)[0] ?? ctrl.findContainer(service);
    if (target) links.push({ targetId: target.id, alias });
  }
  const config: ContainerConfig = {
    imageRef, image, imageId: local.id,
    cmd: s.command ?? (s.entrypoint ? [] : image.cmd), entrypoint: s.entrypoint ?? image.entrypoint,
    env: mergeEnv(image.env, s.environment), labels: { ...image.labels, ...containerLabels(cx, s, n), ...(opts.oneOff ? { [LABEL.oneoff]: 'True' } : {}) },
    workdir: s.workingDir ?? image.workdir, user: s.user || (image.user ?? ''), tty: s.tty, openStdin: s.stdinOpen, autoRemove: opts.autoRemove ?? false, restart: s.restart,
    hostname: s.hostname, domainname: s.domainname, extraHosts: s.extraHosts, dns: s.dns, dnsSearch: s.dnsSearch, dnsOptions: s.dnsOptions,
    mode: mode.value,
    portRequests: mode.value.kind === 'host' || mode.value.kind === 'container' ? [] : ports, exposed, links, macAddress: s.macAddress,
  };
  const created = ctrl.createContainer(name, config);
  if (!created.ok) return created;
  const c = created.value;
  const attachments: Attachment[] = [];
  const epLinks = mode.value.kind === 'network' ? endpointLinks(cx, s) : [];
  const attach = (networkId: string, aliases: string[], ip: string | null, viaConnect: boolean, ip6: string | null = null): void => {
    attachments.push({ networkId, aliases, requestedIp: ip, ...(ip6 !== null ? { requestedIp6: ip6 } : {}), viaConnect, endpoint: null,
      ...(epLinks.length > 0 ? { links: epLinks } : {}) });
  };
  if (mode.value.kind === 'bridge') attach(ctrl.defaultBridge.id, [], null, false);
  else if (mode.value.kind === 'host') attach(ctrl.hostNetwork.id, [], null, false);
  else if (mode.value.kind === 'none') attach(ctrl.noneNetwork.id, [], null, false);
  else if (mode.value.kind === 'network') {
    networksInOrder(cx, s).forEach((sn, i) => {
      const model = cx.project.networks.get(sn.key) ?? defaultNetwork();
      const network = ctrl.findNetwork(cx.naming.network(model));
      const aliases = opts.oneOff && !opts.serviceAlias ? [] : [s.name, ...sn.aliases];
      if (network) attach(network.id, aliases, sn.ipv4, i > 0, sn.ipv6);
    });
    if (s.networkMode !== null && attachments.length === 0) {
      const network = ctrl.findNetwork(s.networkMode);
      if (network) attach(network.id, [s.name], null, false);
    }
  }
  c.attachments.push(...attachments);
  mountInto(ctrl, c, mounts(cx, s), (volume) => ({ 'com.docker.compose.project': cx.naming.project, 'com.docker.compose.volume': volume }));
  return ok(c);
}
