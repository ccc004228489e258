// `docker logs C`: what the container wrote, each line on the stream it was written to.

import type { CommandResult } from '../../backends/backend.js';
import type { ContainerView } from '../model.js';

export function logsCommand(c: ContainerView): CommandResult {
  const text = (stream: 'stdout' | 'stderr') =>
    c.logs
      .filter((l) => l.stream === stream)
      .map((l) => (l.text.endsWith('\n') ? l.text : l.text + '\n'))
      .join('');
  return { stdout: text('stdout'), stderr: text('stderr'), exitCode: 0 };
}
