// `up [-d] [--no-start] [--scale S=N] [--build] [SERVICE…]`: networks, volumes, images
// (built when missing), then containers batch by batch in dependency order. A running
// container is up-to-date, a stopped one is started, a missing replica is created.
// A failure of one container does not stop the others (FACT 110).
import { posix } from 'node:path';
import type { CommandResult } from '../../backends/backend.js';
import { buildImage } from '../build/build.js';
import type { Container } from '../container.js';
import { shortId } from '../ids.js';
import { removeContainer, startContainer, stopContainer } from '../lifecycle.js';
import { parsePortSpec } from '../ports.js';
import { configHash, prerequisites, projectContainers, serviceImage, startOrder, withDependencies, LABEL, type ComposeContext } from './context.js';
import { createReplica, defaultNetwork } from './create.js';
import { handleOrphans } from './down.js';
import type { ServiceModel } from './model.js';
import { Progress, type BatchItem } from './progress.js';

export interface UpOptions {
  detach: boolean;
  noStart: boolean;
  build: boolean;
  scale: Map<string, number>;
  services: readonly string[];
  /** --no-deps: only the services named, not what they depend on (start_deps=False). */
  noDeps?: boolean;
  /** --remove-orphans: the containers of services the file no longer has go (else a warning). */
  removeOrphans?: boolean;
  /** ConvergenceStrategy: recreate a container whose service changed (config-hash), every one, or none. */
  recreate: 'diverged' | 'always' | 'never';
}

/** docker-py's HostConfig: host networking with published ports. */
const HOST_PORTS = '"host" network_mode is incompatible with port_bindings';

const result = (p: Progress, exitCode: number, stdout = ''): CommandResult => ({ stdout, stderr: p.text, exitCode });

/** Creates the project's networks the services use (or checks the external ones exist). */
export function ensureNetworks(cx: ComposeContext, services: ServiceModel[], p: Progress): string | null {
  const keys = new Set(services.filter((s) => s.networkMode === null).flatMap((s) => s.networks.map((n) => n.key)));
  for (const key of keys) {
    const model = cx.project.networks.get(key) ?? defaultNetwork();
    const name = cx.naming.network(model);
    if (model.external) {
      if (!cx.ctrl.findNetwork(name)) {
        return `Network ${name} declared as external, but could not be found. Please create the network manually using \`docker network create ${name}\` and try again.`;
      }
      continue;
    }
    if (cx.ctrl.findNetwork(name)) continue;
    const created = cx.ctrl.createNetwork({
      name, driver: model.driver ?? 'bridge', subnets: model.ipam.map((c) => c.subnet), gateways: model.ipam.flatMap((c) => (c.gateway ? [c.gateway] : [])),
      ipRanges: model.ipam.flatMap((c) => (c.ipRange ? [c.ipRange] : [])), internal: model.internal, enableIPv6: model.enableIpv6,
      // Compose v1 creates its networks attachable (FACT 106).
      attachable: true, options: model.driverOpts,
      // The network label holds the network's own name: its `name:` when it has one, else
      // its key (compose/network.py; real engine: `name: literally-custom` → that name).
      labels: { ...model.labels, [LABEL.network]: model.name ?? key, [LABEL.project]: cx.naming.project, [LABEL.version]: cx.naming.version },
    });
    if (!created.ok) return created.error.message;
    p.networkCreated(name, model.driver);
  }
  return null;
}

function volumes(cx: ComposeContext, services: ServiceModel[], p: Progress): string | null {
  const keys = new Set(services.flatMap((s) => s.volumes.flatMap((v) => (v.type === 'volume' && v.source !== null ? [v.source] : []))));
  for (const key of keys) {
    const model = cx.project.volumes.get(key)!;
    const name = cx.naming.volume(model);
    if (cx.ctrl.volumes.get(name)) continue;
    if (model.external) {
      return `Volume ${name} declared as external, but could not be found. Please create the volume manually using \`docker volume create --name=${name}\` and try again.`;
    }
    cx.ctrl.volumes.create(name, cx.ctrl.clock.tick(), { ...model.labels, [LABEL.project]: cx.naming.project, [LABEL.version]: cx.naming.version, [LABEL.volume]: key });
    p.volumeCreated(name, model.driver);
  }
  return null;
}

/** Builds the images of services with `build:` that are missing (or all of them with --build). */
function images(cx: ComposeContext, services: ServiceModel[], p: Progress, force: boolean): { stdout: string; error: string | null; exitCode: number } {
  let stdout = '';
  for (const s of services) {
    const ref = serviceImage(cx, s);
    if (cx.ctrl.images.find(ref) && !(force && s.build)) continue;
    if (!s.build) {
      p.plain(`Pulling ${s.name} (${ref.includes(':') ? ref : `${ref}:`})...`);
      return { stdout, error: 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', exitCode: 1 };
    }
    p.plain(`Building ${s.name}`);
    const context = posix.join(cx.projectDir, s.build.context);
    const dockerfile = s.build.dockerfile === null ? null : `${context.replace(/\/$/, '')}/${s.build.dockerfile}`;
    const built = buildImage(cx.ctrl, cx.cwd, { context, dockerfile, tags: [ref] });
    stdout += built.stdout;
    if (built.exitCode !== 0) return { stdout, error: `Service '${s.name}' failed to build : ${built.stderr.trim()}`, exitCode: 1 };
    if (!force) p.plain(`Image for service ${s.name} was built because it did not already exist. To rebuild this image you must use \`docker-compose build\` or \`docker-compose up --build\`.`);
  }
  return { stdout, error: null, exitCode: 0 };
}

/** service.py specifies_host_port: some `ports:` entry names a host port (a range's first counts). */
function specifiesHostPort(s: ServiceModel): boolean {
  return s.ports.some((spec) => {
    const parsed = parsePortSpec(spec);
    return parsed.ok && parsed.value.some((r) => r.hostPort !== '');
  });
}

export function composeUp(cx: ComposeContext, o: UpOptions): CommandResult {
  const p = new Progress(cx.naming.flavour);
  if (o.detach && o.noStart) return { stdout: '', stderr: '--no-start and --detach cannot be combined.\n', exitCode: 1 };
  const selected = withDependencies(cx.project, o.services, !o.noDeps);
  if ('unknown' in selected) return { stdout: '', stderr: `No such service: ${selected.unknown}\n`, exitCode: 1 };
  for (const [name] of o.scale) if (!cx.project.services.some((s) => s.name === name)) return { stdout: '', stderr: `No such service: ${name}\n`, exitCode: 1 };
  const order = startOrder(selected);
  if ('cycle' in order) return { stdout: '', stderr: `Circular dependency between ${order.cycle.join(' and ')}\n`, exitCode: 1 };
  const netError = ensureNetworks(cx, selected, p) ?? volumes(cx, selected, p);
  if (netError) {
    p.plain(netError);
    return result(p, 1);
  }
  // project.up: initialize() (networks, volumes), then find_orphan_containers.
  handleOrphans(cx, p, o.removeOrphans ?? false);
  const built = images(cx, selected, p, o.build);
  if (built.error) {
    p.plain(built.error);
    return result(p, built.exitCode, built.stdout);
  }
  let failed = false;
  let crashed = false;
  // Services whose containers this run created or recreated: their dependents may follow.
  const updated = new Set<string>();
  for (const batch of order) {
    const creating: BatchItem[] = [];
    const starting: BatchItem[] = [];
    const toStart: Container[] = [];
    const surplus: BatchItem[] = [];
    const recreating: BatchItem[] = [];
    for (const s of batch) {
      const wanted = o.scale.get(s.name) ?? s.scale;
      const existing = projectContainers(cx, s.name);
      // service.py show_scale_warnings, at every convergence of a service scaled above 1.
      if (wanted > 1 && s.containerName !== null) {
        p.plain(`The "${s.name}" service is using the custom container name "${s.containerName}". Docker requires each container to have a unique name. Remove the custom name to scale the service.`);
      }
      if (wanted > 1 && specifiesHostPort(s)) {
        p.plain(`The "${s.name}" service specifies a port on the host. If multiple containers for this service are created on a single host, the port will clash.`);
      }
      // A container whose service changed since it was made (its config-hash label), or
      // every one with --force-recreate, is made anew under the same name (service.py
      // recreate_container: stop, rename the old one `<id12>_<name>`, create and start the
      // new one, remove the old; the new one takes the addresses the old one released).
      const hash = configHash(cx, s);
      // project._get_convergence_plans: below a service made anew, a dependent is recreated
      // too when one of its containers is stopped, or when its links are not where the
      // service puts them (on the project's networks they are endpoint settings, not
      // HostConfig.Links: a service with links is recreated; real 1.29).
      const upstream = o.recreate !== 'never' && prerequisites(s).some((d) => updated.has(d))
        && (existing.some((c) => !c.running) || (s.links.length > 0) !== existing.some((c) => c.config.links.length > 0));
      const stale = (c: Container): boolean => upstream || o.recreate === 'always'
        || (o.recreate === 'diverged' && c.config.labels['com.docker.compose.config-hash'] !== hash);
      // The containers dealt with here (the new one, or the old one whose replacement failed):
      // the steps below leave them alone.
      const remade = new Set<Container>();
      for (const [i, old] of existing.slice(0, wanted).entries()) {
        if (!stale(old)) continue;
        const name = old.name;
        const number = Number(old.config.labels[LABEL.number]);
        stopContainer(cx.ctrl, old);
        cx.ctrl.renameContainer(old, `${shortId(old.id)}_${name}`);
        const made = createReplica(cx, s, number, name);
        if (!made.ok) {
          remade.add(old);
          recreating.push({ name, service: s.name, error: `Cannot create container for service ${s.name}: ${made.error.message}` });
          continue;
        }
        const started = o.noStart ? { ok: true as const } : startContainer(cx.ctrl, made.value, cx.runOneShot);
        removeContainer(cx.ctrl, old, true);
        existing[i] = made.value;
        remade.add(made.value);
        recreating.push({ name, service: s.name, error: started.ok ? null : `Cannot start service ${s.name}: ${started.error.message}` });
      }
      // "is up-to-date" only for the `noop` plan at the same scale: all running and as many
      // as wanted; otherwise (some stopped, or another scale) the running ones are kept
      // silently, as with --no-recreate, whose plan is `start` (real 1.29).
      const noop = o.recreate !== 'never' && existing.length === wanted && existing.every((c) => c.running) && remade.size === 0;
      // Scaling down: the highest-numbered replicas go.
      for (const c of existing.slice(wanted).reverse()) {
        removeContainer(cx.ctrl, c, true);
        surplus.push({ name: c.name, service: s.name, error: null });
      }
      for (const c of existing.slice(0, wanted)) {
        if (remade.has(c)) continue;
        if (c.running) {
          if (noop) p.upToDate(c.name);
        }
        else if (!o.noStart) {
          const r = startContainer(cx.ctrl, c, cx.runOneShot);
          starting.push({ name: c.name, service: s.name, error: r.ok ? null : `Cannot start service ${s.name}: ${r.error.message}` });
        }
      }
      if (remade.size > 0) updated.add(s.name);
      const taken = new Set(existing.map((c) => Number(c.config.labels[LABEL.number])));
      for (let n = 1, made = existing.length; made < wanted; n++) {
        if (taken.has(n)) continue;
        made++;
        const name = s.containerName ?? cx.naming.container(s.name, n);
        if (cx.naming.flavour === 'v1' && s.networkMode === 'host' && s.ports.length > 0) {
          // docker-py refuses the host config before any request: the batch ends, then
          // Compose 1.29 dies of the exception (real engine: a traceback, exit 1).
          creating.push({ name, service: s.name, error: HOST_PORTS, raised: true });
          crashed = true;
          continue;
        }
        const r = createReplica(cx, s, n, name);
        if (!r.ok) {
          creating.push({ name, service: s.name, error: `Cannot create container for service ${s.name}: ${r.error.message}` });
          continue;
        }
        creating.push({ name, service: s.name, error: null });
        updated.add(s.name);
        if (!o.noStart) toStart.push(r.value);
      }
    }
    // A container that cannot start is reported on its creation line, as Compose does.
    for (const c of toStart) {
      const r = startContainer(cx.ctrl, c, cx.runOneShot);
      const item = creating.find((i) => i.name === c.name)!;
      if (!r.ok) item.error = `Cannot start service ${c.config.labels[LABEL.service]}: ${r.error.message}`;
    }
    p.batch('Stopping and removing', surplus);
    p.batch('Recreating', recreating);
    p.batch('Starting', starting);
    p.batch('Creating', creating);
    if (crashed) {
      // The frames name the machine's Python files (--compare-output masks them).
      p.plain(`Traceback (most recent call last):\n  (compose's frames)\ndocker.errors.InvalidArgument: ${HOST_PORTS}`);
      return result(p, 1, built.stdout);
    }
    // v2 reports the start of a new container as its own step; v1's "Creating … done" includes it.
    if (cx.naming.flavour === 'v2') p.batch('Starting', creating.filter((i) => i.error === null && toStart.some((c) => c.name === i.name)));
    failed ||= [...creating, ...starting, ...recreating].some((i) => i.error !== null);
  }
  if (failed) {
    if (cx.naming.flavour === 'v1') p.plain('Encountered errors while bringing up the project.');
    return result(p, 1, built.stdout);
  }
  return result(p, 0, built.stdout);
}
