// `docker rmi` and `docker image prune`, as moby's ImageDelete and ImagesPrune decide:
// a name is untagged, and the image deleted once no tag names it, unless something keeps
// it (a child image, a container); then its parents that nothing else keeps. A deleted
// image's layers go when no image or container stands on them ("Deleted: <chain ID>").
// Texts recorded from the 20.10 engine.
import { createHash } from 'node:crypto';
import type { CommandResult } from '../../backends/backend.js';
import { flagBool } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { humanSize } from '../format/units.js';
import { normaliseRef } from '../images/catalog.js';
import type { LocalImage } from './images.js';

const short = (id: string): string => id.slice(0, 12);

/** What one removal printed: `Untagged: nginx:latest`, `Deleted: sha256:…`. */
type Removal = { untagged: string } | { deleted: string };

/** layer.ChainID: the first diff ID, then sha256 of "parent-chain diff" for each layer on it. */
function chainIds(layers: readonly string[]): string[] {
  const chains: string[] = [];
  for (const [i, diff] of layers.entries()) {
    chains.push(i === 0 ? diff : createHash('sha256').update(`sha256:${chains[i - 1]} sha256:${diff}`).digest('hex'));
  }
  return chains;
}

/** The familiar form the daemon reports a tag in: `nginx:latest`, `localhost:5000/web:latest`. */
const familiar = (ref: string): string => normaliseRef(ref);

/**
 * What keeps images and layers, counted once per command and kept up to date as it
 * deletes (so `image prune -a` stays linear): the chains each present image and each
 * container stands on, the present children of each image, each image's containers.
 */
class Holds {
  private readonly chains = new Map<string, number>();
  private readonly children = new Map<string, number>();
  private readonly containers = new Map<string, { running: string | null; stopped: string | null }>();

  constructor(private readonly ctrl: Controller) {
    for (const image of ctrl.images.all()) this.hold(image, 1);
    for (const c of ctrl.containers()) {
      const id = c.config.imageId;
      if (!id) continue;
      // A container keeps its layers whatever became of its image.
      const image = ctrl.images.byId(id);
      if (image) for (const chain of chainIds(image.layers)) this.chains.set(chain, (this.chains.get(chain) ?? 0) + 1);
      const users = this.containers.get(id) ?? { running: null, stopped: null };
      if (c.running) users.running ??= c.id;
      else users.stopped ??= c.id;
      this.containers.set(id, users);
    }
  }

  private hold(image: LocalImage, by: 1 | -1): void {
    for (const chain of chainIds(image.layers)) this.chains.set(chain, (this.chains.get(chain) ?? 0) + by);
    if (image.parent !== '') this.children.set(image.parent, (this.children.get(image.parent) ?? 0) + by);
  }

  hasChildren(image: LocalImage): boolean {
    return (this.children.get(image.id) ?? 0) > 0;
  }

  users(image: LocalImage): { running: string | null; stopped: string | null } {
    return this.containers.get(image.id) ?? { running: null, stopped: null };
  }

  /** The image is gone: the chains nothing else stands on now, top first. */
  release(image: LocalImage): string[] {
    this.hold(image, -1);
    return chainIds(image.layers).reverse().filter((chain) => this.chains.get(chain) === 0);
  }
}

class Remover {
  readonly records: Removal[] = [];
  constructor(private readonly ctrl: Controller, private readonly holds: Holds) {}

  private get images() {
    return this.ctrl.images;
  }

  /** imageDeleteHelper: deletes the image (its tags first), then quietly its parents. */
  delete(image: LocalImage, force: boolean, quiet: boolean): string | null {
    const conflict = this.conflict(image, force ? HARD : HARD | SOFT);
    if (conflict) {
      const dangling = this.images.tagsOf(image.id).length === 0 && !this.holds.hasChildren(image);
      // Quietly (after an untag, or a parent): the user hears of it only for a dangling image no container uses.
      return quiet && (!dangling || conflict.used) ? null : conflict.message;
    }
    this.untagAll(image);
    this.images.remove(image.id);
    this.records.push({ deleted: image.id });
    for (const chain of this.holds.release(image)) this.records.push({ deleted: chain });
    const parent = image.parent === '' ? undefined : this.images.byId(image.parent);
    if (parent) this.delete(parent, false, true);
    return null;
  }

  private untagAll(image: LocalImage): void {
    for (const tag of this.images.tagsOf(image.id)) {
      this.images.untag(tag);
      this.records.push({ untagged: tag });
    }
  }

  /** checkImageDeleteConflict, in moby's order (its texts: "multiple repositories" even for one tag). */
  private conflict(image: LocalImage, mask: number): { message: string; used: boolean } | null {
    const text = (hard: boolean, why: string): string => `conflict: unable to delete ${short(image.id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${why}`;
    if (mask & CHILD && this.holds.hasChildren(image)) return { message: text(true, 'image has dependent child images'), used: false };
    const { running, stopped } = this.holds.users(image);
    if (mask & RUNNING && running) return { message: text(true, `image is being used by running container ${short(running)}`), used: true };
    if (mask & REFERENCE && this.images.tagsOf(image.id).length > 0) return { message: text(false, 'image is referenced in multiple repositories'), used: false };
    if (mask & STOPPED && stopped) return { message: text(false, `image is being used by stopped container ${short(stopped)}`), used: true };
    return null;
  }

  /** ImageDelete(ref): a name untags (and deletes the image once no tag is left); an ID deletes. */
  remove(ref: string, force: boolean): string | null {
    const image = this.images.lookup(ref);
    if (!image) return null;
    const tags = this.images.tagsOf(image.id);
    const hex = ref.replace(/^sha256:/, '');
    if (!(/^[0-9a-f]+$/.test(hex) && image.id.startsWith(hex))) {
      // A name: while it is the image's only one, a container of the image keeps it.
      if (!force && tags.length === 1) {
        const { running, stopped } = this.holds.users(image);
        const user = running ?? stopped;
        if (user) return `conflict: unable to remove repository reference "${ref}" (must force) - container ${short(user)} is using its referenced image ${short(image.id)}`;
      }
      this.images.untag(ref);
      this.records.push({ untagged: familiar(ref) });
      if (this.images.tagsOf(image.id).length > 0) return null;
      return this.delete(image, force, true);
    }
    // An ID: its one tag goes first, unless something would keep the image anyway.
    if (tags.length === 1) {
      const conflict = this.conflict(image, force ? HARD : HARD | STOPPED);
      if (conflict) return conflict.message;
      this.untagAll(image);
    }
    return this.delete(image, force, false);
  }
}

const CHILD = 1;
const RUNNING = 2;
const REFERENCE = 4;
const STOPPED = 8;
const HARD = CHILD | RUNNING;
const SOFT = REFERENCE | STOPPED;

/** `docker rmi [-f] IMAGE…` (`docker image rm`). */
export function rmiCommand(ctrl: Controller, inv: Invocation): CommandResult {
  return removeImages(ctrl, inv.args, flagBool(inv.flags, 'force'));
}

/** What `docker rmi` prints for these images (also compose's `down --rmi`). */
export function removeImages(ctrl: Controller, refs: readonly string[], force: boolean): CommandResult {
  let stdout = '';
  const errors: string[] = [];
  let fatal = false;
  const holds = new Holds(ctrl);
  for (const ref of refs) {
    const remover = new Remover(ctrl, holds);
    if (!ctrl.images.lookup(ref)) {
      // The client's own text for a missing image; with -f it is not fatal.
      errors.push(`Error: No such image: ${ref}`);
      continue;
    }
    const conflict = remover.remove(ref, force);
    if (conflict) {
      errors.push(`Error response from daemon: ${conflict}`);
      fatal = true;
    }
    for (const r of remover.records) stdout += 'untagged' in r ? `Untagged: ${r.untagged}\n` : `Deleted: sha256:${r.deleted}\n`;
  }
  const stderr = errors.map((e) => `${e}\n`).join('');
  return { stdout, stderr, exitCode: errors.length > 0 && (!force || fatal) ? 1 : 0 };
}

/** Bytes of the layer a chain ends in: the image whose top it is, less its parent. */
function layerSizes(ctrl: Controller): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const image of ctrl.images.all()) {
    const chains = chainIds(image.layers);
    const top = chains[chains.length - 1];
    if (top === undefined || sizes.has(top)) continue;
    const parent = image.parent === '' ? undefined : ctrl.images.byId(image.parent);
    const below = parent && parent.layers.length < image.layers.length ? parent.spec.size : 0;
    if (!parent || parent.layers.length < image.layers.length) sizes.set(top, image.spec.size - below);
  }
  return sizes;
}

/** `docker image prune [-a] -f`: dangling images, or with -a every image no container uses. */
export function imagePruneCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const all = flagBool(inv.flags, 'all');
  if (!flagBool(inv.flags, 'force')) {
    // No terminal answers the prompt: the client reads EOF, "no" (as the other prunes).
    const what = all ? 'all images without at least one container associated to them' : 'all dangling images';
    return { stdout: `WARNING! This will remove ${what}.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n`, stderr: '', exitCode: 0 };
  }
  const sizes = layerSizes(ctrl);
  const parents = ctrl.images.liveParents();
  // Untagged images with children are a build's steps: they go with the image on them.
  const candidates = ctrl.images.all().filter((image) => {
    const tags = ctrl.images.tagsOf(image.id);
    if (tags.length === 0 && parents.has(image.id)) return false;
    return all || tags.length === 0;
  });
  const records: Removal[] = [];
  const holds = new Holds(ctrl);
  for (const image of candidates) {
    if (!ctrl.images.present(image.id)) continue; // went with an earlier one
    const tags = ctrl.images.tagsOf(image.id);
    for (const ref of tags.length > 0 ? tags : [image.id]) {
      const remover = new Remover(ctrl, holds);
      if (remover.remove(ref, false) === null) records.push(...remover.records);
    }
  }
  let reclaimed = 0;
  for (const r of records) if ('deleted' in r) reclaimed += sizes.get(r.deleted) ?? 0;
  const list = records.length > 0
    ? `Deleted Images:\n${records.map((r) => ('untagged' in r ? `untagged: ${r.untagged}\n` : `deleted: sha256:${r.deleted}\n`)).join('')}\n`
    : '';
  return { stdout: `${list}Total reclaimed space: ${humanSize(reclaimed)}\n`, stderr: '', exitCode: 0 };
}
