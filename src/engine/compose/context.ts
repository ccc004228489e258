// Everything one compose command works with: the engine, the client's folder, the
// checked project and how this Compose generation names things; plus the project's
// containers as Compose finds them (by their com.docker.compose.* labels).
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Workspace } from '../build/workspace.js';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import type { OneShotRunner } from '../lifecycle.js';
import type { ProjectModel, ServiceModel } from './model.js';
import type { Naming } from './naming.js';

export interface ComposeContext {
  ctrl: Controller;
  cwd: Workspace;
  project: ProjectModel;
  naming: Naming;
  runOneShot: OneShotRunner;
  /** The compose file's folder, relative to the working folder ('.' usually): relative paths in the file start there. */
  projectDir: string;
}

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  version: 'com.docker.compose.version',
} as const;

export const isOneOff = (c: Container): boolean => c.config.labels[LABEL.oneoff] === 'True';

/** The project's containers (of one service, if given), by container number. A
 *  service's containers do not include its one-off `run` containers; the project's do
 *  (`down` removes them too). */
export function projectContainers(cx: ComposeContext, service?: string): Container[] {
  return cx.ctrl.containers()
    .filter((c) => c.config.labels[LABEL.project] === cx.naming.project
      && (service === undefined || (c.config.labels[LABEL.service] === service && !isOneOff(c))))
    .sort((a, b) => Number(a.config.labels[LABEL.number]) - Number(b.config.labels[LABEL.number]) || a.seq - b.seq);
}

/** Newest first, as the daemon lists containers (Compose stops and removes in this order). */
export const newestFirst = (a: Container, b: Container): number => b.seq - a.seq;

/** A host path of the compose file (`./src`, `~/x`, `/abs`) as Compose resolves it: absolute, from the file's folder. */
export function hostPath(cx: ComposeContext, path: string): string {
  if (path.startsWith('~')) return posix.normalize(path.replace(/^~/, '/root'));
  return path.startsWith('/') ? posix.normalize(path) : posix.join(cx.cwd.dir, cx.projectDir, path);
}

/**
 * project.containers(service_names) of v1: the project's containers (one-off ones too) of
 * the services named, else of the file's services, so an orphan is left out (real 1.29:
 * `ps`, `stop`, `kill` do not see it). v2's handling of orphans was not recorded: all.
 */
export function servicesContainers(cx: ComposeContext, names: readonly string[]): Container[] {
  const all = projectContainers(cx);
  if (names.length === 0 && cx.naming.flavour !== 'v1') return all;
  const wanted = new Set(names.length > 0 ? names : cx.project.services.map((s) => s.name));
  return all.filter((c) => wanted.has(c.config.labels[LABEL.service] ?? ''));
}

/**
 * find_orphan_containers: the project's containers (not one-off ones) of services the
 * file no longer has (or whose profile is not active), newest first.
 */
export function orphanContainers(cx: ComposeContext): Container[] {
  const services = new Set(cx.project.services.map((s) => s.name));
  return projectContainers(cx).filter((c) => !isOneOff(c) && !services.has(c.config.labels[LABEL.service] ?? '')).sort(newestFirst);
}

/** The image reference a service runs: `image:`, else the one compose builds for it. */
export const serviceImage = (cx: ComposeContext, s: ServiceModel): string => s.image ?? cx.naming.builtImage(s.name);

/**
 * What Compose hashes to tell whether a container is the service's current one
 * (service.config_dict): its definition and the ID of its image, so a rebuilt image
 * makes the next `up` recreate the container, as a changed definition does.
 */
export function configHash(cx: ComposeContext, s: ServiceModel): string {
  const image = cx.ctrl.images.get(serviceImage(cx, s))?.id ?? null;
  return createHash('sha256').update(JSON.stringify({ options: s.raw, image })).digest('hex');
}

export function containerLabels(cx: ComposeContext, s: ServiceModel, n: number): Record<string, string> {
  return {
    ...s.labels,
    'com.docker.compose.config-hash': configHash(cx, s),
    [LABEL.number]: String(n),
    [LABEL.oneoff]: 'False',
    [LABEL.project]: cx.naming.project,
    'com.docker.compose.project.config_files': cx.project.configFile,
    'com.docker.compose.project.working_dir': posix.resolve(cx.cwd.dir, cx.projectDir),
    [LABEL.service]: s.name,
    [LABEL.version]: cx.naming.version,
  };
}

/** Services whose containers must exist first: depends_on, links, network_mode/volumes_from service:. */
export function prerequisites(s: ServiceModel): string[] {
  const out = [...s.dependsOn, ...s.links.map((l) => l.split(':')[0])];
  const mode = s.networkMode?.match(/^service:(.*)$/);
  if (mode) out.push(mode[1]);
  for (const v of s.volumesFrom) if (!v.startsWith('container:')) out.push(v.replace(/^service:/, '').split(':')[0]);
  return out;
}

/** Services in batches Compose runs in parallel: each after everything it depends on. */
export function startOrder(services: ServiceModel[]): ServiceModel[][] | { cycle: string[] } {
  const byName = new Map(services.map((s) => [s.name, s]));
  const level = new Map<string, number>();
  const visiting: string[] = [];
  const visit = (name: string): number | { cycle: string[] } => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (visiting.includes(name)) return { cycle: visiting.slice(visiting.indexOf(name)) };
    visiting.push(name);
    let l = 0;
    for (const dep of prerequisites(byName.get(name)!)) {
      if (!byName.has(dep)) continue;
      const d = visit(dep);
      if (typeof d !== 'number') return d;
      l = Math.max(l, d + 1);
    }
    visiting.pop();
    level.set(name, l);
    return l;
  };
  for (const s of services) {
    const r = visit(s.name);
    if (typeof r !== 'number') return r;
  }
  const batches: ServiceModel[][] = [];
  for (const s of services) (batches[level.get(s.name)!] ??= []).push(s);
  return batches.filter((b) => b !== undefined);
}

/** Services named on the command line plus what they need (`up web` starts web's dependencies too). */
export function withDependencies(project: ProjectModel, names: readonly string[], includeDeps = true): ServiceModel[] | { unknown: string } {
  if (names.length === 0) return project.services;
  const wanted = new Set<string>();
  const add = (name: string): string | null => {
    const s = project.services.find((x) => x.name === name);
    if (!s) return name;
    if (wanted.has(name)) return null;
    wanted.add(name);
    if (includeDeps) for (const d of prerequisites(s)) add(d);
    return null;
  };
  for (const n of names) {
    const unknown = add(n);
    if (unknown !== null) return { unknown };
  }
  return project.services.filter((s) => wanted.has(s.name));
}
