// The `file` probe (`expect file PATH of C contains …`): the file as the container's
// processes see it — the sandbox's /etc files, else mounts, its layer and its image.
import type { ProbeOutcome } from '../../backends/backend.js';
import type { Controller } from '../controller.js';
import { sandboxView } from '../sandbox.js';
import { sandboxFile } from '../sandbox-files.js';
import { containerFiles } from './filesystem.js';

export function answerFileProbe(ctrl: Controller, container: string, path: string): ProbeOutcome<'file'> {
  const c = ctrl.namedContainer(container);
  if (!c) return { status: 'answered', answer: { content: null }, why: { steps: [`no container ${container}`], cause: 'no-such-container' } };
  const sandbox = sandboxView(ctrl, c);
  const special = sandbox ? sandboxFile(sandbox, path) : undefined;
  if (special !== undefined) {
    return { status: 'answered', answer: { content: special }, why: { steps: [`${path} of ${c.name} is written for its sandbox (by Docker or the kernel)`] } };
  }
  const mount = ctrl.volumes.mountsOf(c.id)
    .filter((m) => path === m.destination || path.startsWith(`${m.destination}/`))
    .sort((a, b) => b.destination.length - a.destination.length)[0];
  const where = mount ? (mount.type === 'volume' ? `volume ${mount.name} mounted on ${mount.destination}` : `host folder ${mount.source} mounted on ${mount.destination}`)
    : `the container's own files`;
  const content = containerFiles(ctrl, c).read(path);
  return { status: 'answered', answer: { content }, why: { steps: [`${path} of ${c.name} is in ${where}${content === null ? ': no such file' : ''}`] } };
}
