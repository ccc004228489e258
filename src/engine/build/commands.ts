// The CLI front of `docker build` and `docker images`.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { imagesTable } from '../format/lists.js';
import { normaliseRef } from '../images/catalog.js';
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
  let images = ctrl.images.list();
  const filter = inv.args[0];
  if (filter !== undefined) {
    const ref = filter.includes(':') ? normaliseRef(filter) : null;
    images = images.filter((i) => (ref ? `${i.repository}:${i.tag}` === ref : i.repository === normaliseRef(filter).replace(/:latest$/, '')));
  }
  return imagesTable(images, flagBool(inv.flags, 'quiet'));
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
