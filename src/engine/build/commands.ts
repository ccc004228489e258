// The CLI front of `docker build` and `docker images`.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { type ImageView, imagesTable } from '../format/lists.js';
import { listImages } from './image-list.js';
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
