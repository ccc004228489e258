// `docker network create|rm|ls|inspect|connect|disconnect|prune` (FACTS 16–20, 85–96).
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagKeyValues, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import * as E from '../errors.js';
import { inspectNetworks } from '../format/inspect.js';
import { networkLs } from '../format/tables.js';
import { connectContainer, disconnectContainer } from '../lifecycle.js';
import { pruneFilter } from '../prune-filters.js';
import { networkView } from '../views.js';
import { daemonFailure, done } from './result.js';


export function networkCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const f = inv.flags;
  switch (inv.spec.path[1]) {
    case 'create': {
      const r = ctrl.createNetwork({
        name: inv.args[0], driver: flagString(f, 'driver') ?? 'bridge', subnets: flagList(f, 'subnet'),
        gateways: flagList(f, 'gateway'), ipRanges: flagList(f, 'ip-range'), internal: flagBool(f, 'internal'),
        attachable: flagBool(f, 'attachable'), options: flagKeyValues(f, 'opt'), labels: flagKeyValues(f, 'label'),
        auxAddresses: flagKeyValues(f, 'aux-address'), enableIPv6: flagBool(f, 'ipv6'),
        configOnly: flagBool(f, 'config-only'), configFrom: flagString(f, 'config-from'),
        ipamDriver: flagString(f, 'ipam-driver'), ipamOptions: flagKeyValues(f, 'ipam-opt'),
      });
      return r.ok ? done(`${r.value.id}\n`) : daemonFailure(r.error);
    }
    case 'rm': {
      let stderr = '';
      let stdout = '';
      for (const ref of inv.args) {
        const r = ctrl.removeNetwork(ref);
        if (r.ok) stdout += `${ref}\n`;
        else stderr += daemonFailure(r.error).stderr;
      }
      return done(stdout, stderr, stderr === '' ? 0 : 1);
    }
    case 'ls':
      return networkLs(ctrl.networks().map((n) => networkView(ctrl, n)), {
        quiet: flagBool(f, 'quiet'), noTrunc: flagBool(f, 'no-trunc'), format: flagString(f, 'format') ?? null, filters: flagList(f, 'filter'),
      });
    case 'inspect':
      return inspectNetworks(inv.args.map((ref) => {
        const n = ctrl.findNetwork(ref);
        return n ? { found: networkView(ctrl, n) } : { missing: ref };
      }), flagString(f, 'format') ?? null);
    case 'connect':
    case 'disconnect': {
      const [netRef, containerRef] = inv.args;
      const network = ctrl.findNetwork(netRef);
      const c = ctrl.findContainer(containerRef);
      if (!c) {
        if (!network) return daemonFailure(E.ErrNetworkNotFound(netRef));
        return daemonFailure(E.ErrNoSuchContainer(containerRef));
      }
      const ip = flagString(f, 'ip') ?? null;
      const ip6 = flagString(f, 'ip6') ?? null;
      const r = inv.spec.path[1] === 'connect'
        ? connectContainer(ctrl, network, netRef, c, { aliases: flagList(f, 'alias'), ip, ip6, links: flagList(f, 'link') })
        : disconnectContainer(ctrl, network, netRef, c);
      return r.ok ? done() : daemonFailure(r.error);
    }
    case 'prune': {
      const keep = pruneFilter(flagList(f, 'filter'), ctrl.clock.nowMs());
      if (typeof keep !== 'function') return keep;
      const removed: string[] = [];
      // Only endpoints hold a network (moby NetworksPrune checks nw.Endpoints()): one whose
      // containers are all stopped is pruned, as `network rm` removes it (real engine).
      for (const n of ctrl.networks()) {
        if (n.config.predefined || n.endpoints.size > 0) continue;
        if (!keep({ labels: n.config.labels, created: n.config.created })) continue;
        if (ctrl.removeNetwork(n.id).ok) removed.push(n.name);
      }
      // The client ends the report with Fprintln: one blank line after the names (real engine).
      return done(removed.length > 0 ? `Deleted Networks:\n${removed.map((n) => `${n}\n`).join('')}\n` : '');
    }
    default:
      return done('', `docker network ${inv.spec.path[1]}: not supported by the simulator\n`, 1);
  }
}
