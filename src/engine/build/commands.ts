// The CLI front of `docker build` and `docker images`.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { type ImageView, imagesTable } from '../format/lists.js';
import { listImages } from './image-list.js';
import { missingImageName } from './images.js';
import { buildImage } from './build.js';
import { ErrRegistryUnreachable } from '../errors.js';
import type { Workspace } from './workspace.js';

export function buildCommand(ctrl: Controller, inv: Invocation, cwd: Workspace): CommandResult {
  const r = buildImage(ctrl, cwd, {
    context: inv.args[0], dockerfile: flagString(inv.flags, 'file') ?? null, tags: flagList(inv.flags, 'tag'),
    quiet: flagBool(inv.flags, 'quiet'),
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/** `docker images [REPOSITORY[:TAG]]`. */
export function imagesCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const rows = listImages(ctrl.images, flagBool(inv.flags, 'all'), flagList(inv.flags, 'filter'), inv.args[0]);
  if (!Array.isArray(rows)) return rows;
  const images = rows.map(({ ref, image }): ImageView => {
    const colon = ref === null ? -1 : ref.lastIndexOf(':');
    return { repository: ref === null ? null : ref.slice(0, colon), tag: ref === null ? null : ref.slice(colon + 1), id: image.id,
      created: image.created, createdSince: image.built ? 'Less than a second ago' : 'About an hour ago', size: image.spec.size };
  });
  return imagesTable(images, { quiet: flagBool(inv.flags, 'quiet'), noTrunc: flagBool(inv.flags, 'no-trunc'),
    digests: flagBool(inv.flags, 'digests'), format: flagString(inv.flags, 'format') ?? null });
}

/**
 * `docker pull`: the daemon always asks the registry, even for an image it has, and this
 * machine reaches none (FACT 100). A name without tag or digest is told its default tag
 * first (on stdout, unless -q or -a).
 */
export function pullCommand(inv: Invocation): CommandResult {
  const ref = inv.args[0] ?? '';
  const name = ref.split('@')[0]!.replace(/:[^/]*$/, '');
  if (/[A-Z]/.test(name)) return { stdout: '', stderr: 'invalid reference format: repository name must be lowercase\n', exitCode: 1 };
  const nameOnly = !ref.includes('@') && name === ref;
  const quiet = flagBool(inv.flags, 'quiet') || flagBool(inv.flags, 'all-tags');
  return { stdout: nameOnly && !quiet ? 'Using default tag: latest\n' : '', stderr: `Error response from daemon: ${ErrRegistryUnreachable().message}\n`, exitCode: 1 };
}

/**
 * `docker tag SOURCE TARGET`: one more name for an image (a name or an ID). The client
 * checks the target's form first; the daemon then looks the source up.
 */
export function tagCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const [source, target] = inv.args as [string, string];
  const bad = referenceError(target);
  if (bad) return { stdout: '', stderr: `Error parsing reference: "${target}" is not a valid repository/tag: ${bad}\n`, exitCode: 1 };
  const image = ctrl.images.lookup(source);
  if (!image) {
    return { stdout: '', stderr: `Error response from daemon: No such image: ${missingImageName(source)}\n`, exitCode: 1 };
  }
  ctrl.images.alias(target, image, ctrl.clock.now());
  return { stdout: '', stderr: '', exitCode: 0 };
}

/** What distribution/reference says of a NAME[:TAG] it cannot parse, or null. */
function referenceError(ref: string): string | null {
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? ref : ref.slice(0, colon);
  const tag = colon === -1 ? null : ref.slice(colon + 1);
  if (name === '' || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(name)) {
    return /[A-Z]/.test(name) ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format';
  }
  if (tag !== null && !/^[\w][\w.-]{0,127}$/.test(tag)) return 'invalid reference format';
  return null;
}
