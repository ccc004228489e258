// `docker inspect [--type T] [-s] NAME…`: the 20.10 client's inspectAll. Without --type a
// name is looked up as a container, then an image, a network and a volume (swarm objects
// need a manager: skipped); with --type only as that, and its own "No such …" error.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { containerValue, imageValue, networkValue, renderInspect, type InspectTarget } from '../format/inspect.js';
import type { GoValue } from '../format/govalue.js';
import { volumeValue } from '../volumes/commands.js';
import { containerView, imageInspectView, networkView } from '../views.js';
import { done } from './result.js';

const NOT_SWARM = 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

type Kind = 'container' | 'image' | 'network' | 'volume';

/** The order the client tries without --type (cli/command/system/inspect.go). */
const AUTODETECT: readonly Kind[] = ['container', 'image', 'network', 'volume'];

const SWARM_KINDS = new Set(['node', 'secret', 'service', 'task']);

function find(ctrl: Controller, kind: Kind, ref: string): GoValue | null {
  switch (kind) {
    case 'container': {
      const c = ctrl.findContainer(ref);
      return c ? containerValue(containerView(ctrl, c)) : null;
    }
    case 'image': {
      const image = ctrl.images.lookup(ref);
      return image ? imageValue(imageInspectView(ctrl, image)) : null;
    }
    case 'network': {
      const n = ctrl.findNetwork(ref);
      return n ? networkValue(networkView(ctrl, n)) : null;
    }
    case 'volume': {
      const v = ctrl.volumes.get(ref);
      return v ? volumeValue(v) : null;
    }
  }
}

export function inspectCommand(ctrl: Controller, inv: Invocation, only?: Kind): CommandResult {
  const type = only ?? flagString(inv.flags, 'type') ?? '';
  const format = flagString(inv.flags, 'format') ?? null;
  if (type !== '' && !AUTODETECT.includes(type as Kind) && type !== 'plugin' && !SWARM_KINDS.has(type)) {
    return done('', `"${type}" is not a valid value for --type\n`, 1);
  }
  if (SWARM_KINDS.has(type)) return done('[]\n', `${inv.args.map(() => NOT_SWARM).join('\n')}\n`, 1);
  const kinds: readonly string[] = type === '' ? AUTODETECT : [type];
  // Only a container has a size to add; for anything else -s is a warning, per object.
  const size = flagBool(inv.flags, 'size');
  let warnings = '';
  const targets = inv.args.map((ref): InspectTarget => {
    for (const kind of kinds) {
      const found = kind === 'plugin' ? null : find(ctrl, kind as Kind, ref);
      if (found === null) continue;
      if (size && kind !== 'container') warnings += `WARNING: --size ignored for ${kind}\n`;
      return { found };
    }
    return { missing: ref };
  });
  const r = renderInspect(targets, { format, notFound: (name) => `Error: No such ${type === '' ? 'object' : type}: ${name}` });
  return { ...r, stderr: warnings + r.stderr };
}
