// A container's files as its processes see them: the mount with the longest destination
// that holds the path (a volume's data or a host folder), else the container's own
// writable layer over its image's files. /etc/hosts and friends are the sandbox's
// (src/engine/exec), not here.
import type { LocalImage } from '../build/images.js';
import { posix } from 'node:path';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import { findImage } from '../images/catalog.js';
import type { ContainerFiles, PathListing } from '../model.js';
import type { Mount } from './store.js';

export type { ContainerFiles } from '../model.js';

function within(path: string, dir: string): string | null {
  if (path === dir) return '';
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}

/** The mount holding `path`, and the path relative to it. */
function mountFor(mounts: Mount[], path: string): { mount: Mount; rel: string } | null {
  let best: { mount: Mount; rel: string } | null = null;
  for (const mount of mounts) {
    const rel = within(path, mount.destination);
    if (rel !== null && (!best || mount.destination.length > best.mount.destination.length)) best = { mount, rel };
  }
  return best;
}

/** The image a container was made from (by its ID: a tag may have moved since). */
function containerImage(ctrl: Controller, c: Container): LocalImage | undefined {
  return c.config.imageId !== undefined ? ctrl.images.byId(c.config.imageId) : ctrl.images.get(c.config.imageRef);
}

export function containerFiles(ctrl: Controller, c: Container): ContainerFiles {
  const store = ctrl.volumes;
  const abs = (path: string): string => posix.normalize(path.startsWith('/') ? path : posix.join(c.config.workdir || '/', path));
  const imageFiles = containerImage(ctrl, c)?.files ?? new Map<string, string>();
  return {
    read(path) {
      const p = abs(path);
      const hit = mountFor(store.mountsOf(c.id), p);
      if (hit?.mount.type === 'volume') return store.get(hit.mount.name)?.files.get(hit.rel) ?? null;
      if (hit?.mount.type === 'bind') return store.hostFiles.get(posix.join(hit.mount.source, hit.rel)) ?? null;
      return store.layer(c.id).get(p) ?? imageFiles.get(p) ?? null;
    },
    list(path) {
      return listPath(ctrl, c, abs(path), imageFiles);
    },
    write(path, content, append) {
      const p = abs(path);
      const hit = mountFor(store.mountsOf(c.id), p);
      if (hit?.mount.readOnly) return `can't create ${path}: Read-only file system`;
      let files: Map<string, string>;
      let key: string;
      if (hit?.mount.type === 'volume') {
        const v = store.get(hit.mount.name);
        if (!v) return `can't create ${path}: No such file or directory`;
        [files, key] = [v.files, hit.rel];
      } else if (hit?.mount.type === 'bind') {
        [files, key] = [store.hostFiles, posix.join(hit.mount.source, hit.rel)];
      } else if (p.startsWith('/proc/')) {
        // procfs takes no new files: BusyBox reports ENOENT so (real engine).
        return `can't create ${path}: nonexistent directory`;
      } else {
        [files, key] = [store.layer(c.id), p];
        if (!files.has(p) && imageFiles.has(p) && append) files.set(p, imageFiles.get(p)!);
      }
      files.set(key, (append ? (files.get(key) ?? '') : '') + content);
      return null;
    },
  };
}

/**
 * A new, empty named volume mounted over a folder of the image gets a copy of that
 * folder's files (Docker's copy-up), so `-v html:/usr/share/nginx/html` still serves
 * nginx's page.
 */
export function copyUp(ctrl: Controller, c: Container, mount: Mount): void {
  if (mount.type !== 'volume') return;
  const v = ctrl.volumes.get(mount.name);
  if (!v || v.files.size > 0) return;
  for (const [path, content] of containerImage(ctrl, c)?.files ?? []) {
    const rel = within(path, mount.destination);
    if (rel) v.files.set(rel, content);
  }
}

/** Files Docker puts into every container it starts (besides the mounts). */
const DOCKER_FILES = ['/.dockerenv', '/etc/hostname', '/etc/hosts', '/etc/mtab', '/etc/resolv.conf'];
/** Trees the kernel or the image fills in, which the simulator does not list. */
const UNLISTED = ['/bin', '/dev', '/proc', '/sys', '/sbin', '/usr/bin', '/usr/sbin'];

/**
 * What `ls` sees at `p`: the paths that exist are the image's tree (a stand-in's rootfs
 * in the catalog, the files it carries), Docker's own files, the mount points, and what
 * the mounts and the container's layer hold; a folder's entries are the next components
 * of the paths below it. There is no `mkdir`: a folder exists while it holds something.
 */
function listPath(ctrl: Controller, c: Container, p: string, imageFiles: ReadonlyMap<string, string>): PathListing {
  if (UNLISTED.some((d) => within(p, d) !== null)) return { kind: 'unknown', why: `the contents of ${p} are the kernel's or the image's` };
  const store = ctrl.volumes;
  const mounts = store.mountsOf(c.id);
  const paths: string[] = [];
  const hit = mountFor(mounts, p);
  if (hit) {
    // Inside a mount: only its files (and mounts nested in it).
    const m = hit.mount;
    const keys = m.type === 'volume' ? [...(store.get(m.name)?.files.keys() ?? [])]
      : [...store.hostFiles.keys()].flatMap((k) => { const r = within(k, m.source); return r === null || r === '' ? [] : [r]; });
    for (const k of keys) paths.push(posix.join(m.destination, k));
  } else {
    const root = containerImage(ctrl, c)?.root;
    const tree = root === undefined ? undefined : findImage(root)?.rootfs;
    if (!tree) return { kind: 'unknown', why: `the simulator does not know the files of image ${c.config.imageRef}` };
    paths.push('/', ...tree.map((t) => `/${t}`), ...DOCKER_FILES, ...imageFiles.keys(), ...store.layer(c.id).keys());
  }
  // Every mount point is a folder (the one holding `p` too, however empty), and so is the
  // working directory, which the daemon makes at create (SetupWorkingDirectory).
  for (const m of mounts) paths.push(m.destination + '/');
  // (A file there fails the create: run.ts.)
  const wd = posix.normalize(c.config.workdir).replace(/(.)\/$/, '$1');
  if (!hit && wd.startsWith('/') && !paths.includes(wd)) paths.push(`${wd.replace(/\/$/, '')}/`);
  const dir = p === '/' ? '/' : `${p}/`;
  const names = new Set<string>();
  let isDir = p === '/';
  let isFile = false;
  for (const x of paths) {
    if (x === p) isFile = true;
    if (x === dir) isDir = true;
    if (!x.startsWith(dir) || x === dir) continue;
    isDir = true;
    names.add(x.slice(dir.length).split('/')[0]!);
  }
  if (isDir) return { kind: 'dir', names: [...names].filter((n) => n !== '').sort() };
  return isFile ? { kind: 'file' } : { kind: 'missing' };
}