// `docker history IMAGE`, the daemon's side (moby ImageHistory): one entry per step that
// committed, newest first, down to the imported base; each named by the image the walk
// up the parents reaches there, its size the bytes its layer added (0 for a step that
// changed no file).
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { historyTable, type HistoryView } from '../format/lists.js';
import { missingImageName, type LocalImage } from './images.js';

function entries(ctrl: Controller, image: LocalImage): HistoryView[] {
  const out: HistoryView[] = [];
  for (let at: LocalImage | undefined = image; at !== undefined; at = at.parent === '' ? undefined : ctrl.images.byId(at.parent)) {
    const parent = at.parent === '' ? undefined : ctrl.images.byId(at.parent);
    const own = parent === undefined ? at.layers.length > 0 : at.layers.length > parent.layers.length;
    out.push({
      id: at.id,
      created: at.created,
      createdSince: at.built ? 'Less than a second ago' : 'About an hour ago',
      // An imported image's one entry has no command; a step's is its commit's Cmd.
      createdBy: at.step?.cmd.join(' ') ?? '',
      size: own ? at.spec.size - (parent?.spec.size ?? 0) : 0,
      comment: at.step === null && !at.built ? 'Imported from -' : '',
    });
  }
  return out;
}

export function historyCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const ref = inv.args[0]!;
  const image = ctrl.images.lookup(ref);
  if (!image) return { stdout: '', stderr: `Error response from daemon: No such image: ${missingImageName(ref)}\n`, exitCode: 1 };
  const f = inv.flags;
  return historyTable(entries(ctrl, image), {
    human: !f.has('human') || flagBool(f, 'human'), noTrunc: flagBool(f, 'no-trunc'), quiet: flagBool(f, 'quiet'),
    format: flagString(f, 'format') ?? null,
  });
}
