// `down [-v]`, `stop`, `start`: the project's containers found by their labels, stopped
// and removed in parallel batches (FACT 108), then its networks (FACT 112: a missing one
// is "not found", exit 0; an external one is left, and v1 says so) and, with -v, its
// named volumes.
import { removeImages } from '../build/remove.js';
import type { CommandResult } from '../../backends/backend.js';
import { removeContainer, startContainer, stopContainer } from '../lifecycle.js';
import { isOneOff, newestFirst, orphanContainers, projectContainers, servicesContainers, serviceImage, startOrder, LABEL, type ComposeContext } from './context.js';
import { defaultNetwork } from './create.js';
import { Progress, type BatchItem } from './progress.js';


/**
 * v1's find_orphan_containers, at the start of `up` and `down`: with --remove-orphans each
 * orphan is killed and removed (`Removing orphan container "NAME"`), else a warning names
 * them. A one-off container of a removed service is no orphan: it stays (real 1.29: and
 * keeps `down` from removing the network it is on).
 */
export function handleOrphans(cx: ComposeContext, p: Progress, remove: boolean): void {
  const orphans = orphanContainers(cx);
  if (cx.naming.flavour !== 'v1' || orphans.length === 0) return;
  if (!remove) {
    // (log.warning: no `WARNING:` prefix when stderr is not a terminal, real 1.29.)
    p.plain(`Found orphan containers (${orphans.map((c) => c.name).join(', ')}) for this project. If you removed or renamed this service `
      + 'in your compose file, you can run this command with the --remove-orphans flag to clean it up.');
    return;
  }
  for (const c of orphans) {
    p.plain(`Removing orphan container "${c.name}"`);
    removeContainer(cx.ctrl, c, true, false);
  }
}

/** `--rmi`: which services' images `down` removes (compose ImageType). */
export type RemoveImages = 'none' | 'local' | 'all';

export function composeDown(cx: ComposeContext, removeVolumes: boolean, rmi: RemoveImages = 'none', removeOrphans = false): CommandResult {
  const p = new Progress(cx.naming.flavour);
  // v1 stops and removes the containers of the file's services, one-off ones too; an
  // orphan goes only with --remove-orphans (found between the stop and the removal).
  const containers = servicesContainers(cx, []).sort(newestFirst);
  const running = containers.filter((c) => c.running);
  for (const c of running) stopContainer(cx.ctrl, c);
  p.batch('Stopping', running.map((c) => ({ name: c.name, error: null })));
  handleOrphans(cx, p, removeOrphans);
  for (const c of containers) removeContainer(cx.ctrl, c, true, true);
  p.batch('Removing', containers.map((c) => ({ name: c.name, error: null })));
  // The networks the file's services use (the default one only if some service does).
  const keys = new Set(cx.project.services.filter((s) => s.networkMode === null).flatMap((s) => s.networks.map((n) => n.key)));
  let exitCode = 0;
  for (const key of keys) {
    const model = cx.project.networks.get(key) ?? defaultNetwork();
    const name = cx.naming.network(model);
    if (model.external) {
      p.externalNetworkKept(name);
      continue;
    }
    const network = cx.ctrl.findNetwork(name);
    if (!network) {
      p.networkRemoved(name, false);
      continue;
    }
    const removed = cx.ctrl.removeNetwork(network.id);
    p.networkRemoved(name, true);
    if (!removed.ok) {
      p.plain(removed.error.message);
      exitCode = 1;
    }
  }
  if (removeVolumes) {
    for (const model of cx.project.volumes.values()) {
      const name = cx.naming.volume(model);
      if (model.external) p.externalVolumeKept(name);
      else if (!cx.ctrl.volumes.get(name)) continue;
      else {
        cx.ctrl.volumes.delete(name);
        p.volumeRemoved(name);
      }
    }
  }
  // Last, service by service in file order (project.remove_images): `local` leaves the
  // images a service names with `image:`; a second service of the same image finds it gone.
  for (const service of rmi === 'none' ? [] : cx.project.services) {
    if (rmi === 'local' && service.image !== null) continue;
    const name = serviceImage(cx, service);
    p.plain(`Removing image ${name}`);
    if (!cx.ctrl.images.lookup(name)) {
      p.plain(`Image ${name} not found.`);
      continue;
    }
    const removed = removeImages(cx.ctrl, [name], false);
    if (removed.exitCode !== 0) {
      // docker-py's APIError as text: the status, the URL it asked, the daemon's explanation.
      const explanation = removed.stderr.trim().replace(/^Error response from daemon: /, '');
      const url = `http+docker://localhost/v1.41/images/${encodeURI(name)}?force=False&noprune=False`;
      p.plain(`Failed to remove image for service ${service.name}: 409 Client Error for ${url}: Conflict ("${explanation}")`);
    }
  }
  return { stdout: '', stderr: p.text, exitCode };
}

export function composeStop(cx: ComposeContext, services: readonly string[], oneOffs = cx.naming.flavour !== 'v1'): CommandResult {
  const p = new Progress(cx.naming.flavour);
  // v1's project.stop leaves one-off (`run`) containers alone unless told (rm -s, down).
  const running = servicesContainers(cx, services).filter((c) => c.running && (oneOffs || !isOneOff(c))).sort(newestFirst);
  for (const c of running) stopContainer(cx.ctrl, c);
  p.batch('Stopping', running.map((c) => ({ name: c.name, error: null })));
  return { stdout: '', stderr: p.text, exitCode: 0 };
}

/** `start`: v1 reports per service ("Starting db ... done"), v2 per container. */
export function composeStart(cx: ComposeContext, services: readonly string[]): CommandResult {
  const p = new Progress(cx.naming.flavour);
  const items: BatchItem[] = [];
  let exitCode = 0;
  let started = 0;
  // One batch, in dependency order (Compose's parallel_execute waits for dependencies).
  const order = startOrder(cx.project.services);
  for (const s of 'cycle' in order ? cx.project.services : order.flat()) {
    if (services.length > 0 && !services.includes(s.name)) continue;
    const containers = projectContainers(cx, s.name).filter((c) => !isOneOff(c));
    const errors: string[] = [];
    for (const c of containers.filter((x) => !x.running)) {
      const r = startContainer(cx.ctrl, c, cx.runOneShot);
      if (!r.ok) errors.push(r.error.message);
      if (cx.naming.flavour === 'v2') items.push({ name: c.name, error: r.ok ? null : r.error.message });
    }
    // v1 (project.start): one line per service of the project, containers or not; a start
    // that raises is `error` ("Cannot start service …"), a service left with no running
    // container `failed` (fail_check). The services that raised add no containers.
    if (cx.naming.flavour === 'v1') {
      items.push({ name: s.name, error: errors[0] === undefined ? null : `Cannot start service ${s.name}: ${errors[0]}`,
        failed: !containers.some((c) => c.running) });
    }
    if (errors.length === 0) started += containers.length;
    else if (cx.naming.flavour === 'v2') exitCode = 1;
  }
  p.batch('Starting', items);
  // exit_if(not containers, 'No containers to start', 1); a failed service alone does not
  // change the exit status when another one started (real 1.29; the `1` is printed too).
  if (cx.naming.flavour === 'v1') {
    return started === 0 ? { stdout: '', stderr: `${p.text}No containers to start\n1\n`, exitCode: 1 } : { stdout: '', stderr: p.text, exitCode };
  }
  if (items.length === 0 && projectContainers(cx).length === 0) {
    return { stdout: '', stderr: 'No containers to start\n', exitCode: 1 };
  }
  return { stdout: '', stderr: p.text, exitCode };
}

/** `restart`: every container of the project (or of the services named), running or not. */
export function composeRestart(cx: ComposeContext, services: readonly string[]): CommandResult {
  const p = new Progress(cx.naming.flavour);
  const items = servicesContainers(cx, services).filter((c) => !isOneOff(c)).map((c) => {
    stopContainer(cx.ctrl, c);
    const r = startContainer(cx.ctrl, c, cx.runOneShot);
    // docker-py restarts by ID: the daemon's "Cannot restart container ID: …" (real 1.29).
    return { name: c.name, error: r.ok ? null : `Cannot restart container ${c.id}: ${r.error.message}` };
  });
  p.batch('Restarting', items);
  // v1: project.restart returns every container it tried, so a failed restart leaves the
  // exit status 0 (real 1.29).
  const failedV2 = cx.naming.flavour === 'v2' && items.some((i) => i.error !== null);
  return { stdout: '', stderr: p.text, exitCode: failedV2 ? 1 : 0 };
}
