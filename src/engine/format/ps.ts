// `docker ps [-a] [-q] [--no-trunc] [--format]` (FACT 12). The simulator has no clock, so
// every container reads as just created: `Less than a second ago`, `Up Less than a
// second`, `Exited (N) Less than a second ago`.

import type { CommandResult } from '../../backends/backend.js';
import type { ContainerView } from '../model.js';
import { createdAt, type GoValue } from './govalue.js';
import { chooseFormat, formatList, headerContext, labelHeader, type ListFormats, rowContext } from './listformat.js';
import { normaliseRef } from '../images/catalog.js';
import { daemonError, daemonFilters, goMatch, labelFilter } from '../list-filters.js';
import { displayablePorts, portsOf } from './ports.js';

export interface PsOptions {
  all: boolean;
  quiet: boolean;
  noTrunc: boolean;
  format: string | null;
  /** `--filter KEY=VALUE`: name and id (Go regexps), status, network, label, exited,
   *  publish, expose, ancestor, before, since, volume, health, is-task, isolation. */
  filters?: string[];
  /** `-n N` (`-l` is `-n 1`): the N newest containers, whatever their state; 0 or less: all. */
  last?: number;
}

type Predicate = (c: ContainerView) => boolean;

/** `publish=`/`expose=` values: `PORT[/PROTO]` or `START-END[/PROTO]` (moby portOp), as `port/proto` keys. */
function portKeys(key: string, value: string): Set<string> | CommandResult {
  if (value.includes(':')) return daemonError(`filter for '${key}' should not contain ':': ${value}`);
  const [range, proto = 'tcp'] = value.split('/');
  const m = /^(\d+)(?:-(\d+))?$/.exec(range);
  // Go's strconv error, for a value that is not a number (nat.ParsePortRange).
  if (!m) return daemonError(`error while looking up for ${key} ${value}: strconv.ParseUint: parsing "${range.split('-')[0]}": invalid syntax`);
  const out = new Set<string>();
  for (let p = Number(m[1]); p <= Number(m[2] ?? m[1]); p++) out.add(`${p}/${proto}`);
  return out;
}

/** The daemon's container filters: the same key ORs, different keys AND. `publish` is
 *  about host ports, `expose` about container ports (moby's list: PublicPort, PrivatePort). */
function filterPredicate(filters: readonly string[], containers: readonly ContainerView[]): Predicate | CommandResult {
  return daemonFilters<ContainerView>(filters, 'ps', (key, value) => {
    let p: Predicate;
    switch (key) {
      case 'name': {
        // moby tries each name with and without its leading slash.
        const matches = goMatch(value);
        p = (c) => c.allNames.some((n) => matches(`/${n}`) || matches(n));
        break;
      }
      case 'id': {
        const matches = goMatch(value);
        p = (c) => matches(c.id);
        break;
      }
      case 'status': p = (c) => c.state.status === value; break;
      case 'network': p = (c) => c.networks.some((n) => n.networkName === value || (n.networkId !== '' && n.networkId.startsWith(value))); break;
      case 'label': {
        const matches = labelFilter(value);
        p = (c) => matches(c.labels);
        break;
      }
      case 'exited': p = (c) => c.state.status === 'exited' && String(c.state.exitCode) === value; break;
      case 'publish':
      case 'expose': {
        const keys = portKeys(key, value);
        if (!(keys instanceof Set)) return keys;
        p = key === 'expose'
          ? (c) => c.ports.some((port) => keys.has(`${port.containerPort}/${port.proto}`))
          : (c) => c.ports.some((port) => port.bindings.some((b) => keys.has(`${b.hostPort}/${port.proto}`)));
        break;
      }
      case 'ancestor': {
        const wanted = normaliseRef(value);
        p = (c) => normaliseRef(c.image) === wanted;
        break;
      }
      case 'before':
      case 'since': {
        const ref = containers.find((c) => c.name === value.replace(/^\//, '') || c.id.startsWith(value));
        if (!ref) return daemonError(`no such container ${value}`);
        p = key === 'before' ? (c) => c.createdSeq < ref.createdSeq : (c) => c.createdSeq > ref.createdSeq;
        break;
      }
      case 'volume': p = (c) => (c.mounts ?? []).some((m) => m.name === value || m.destination === value); break;
      // No container has a healthcheck here, none is a swarm task, and Linux has one isolation.
      case 'health':
        if (!['starting', 'healthy', 'unhealthy', 'none'].includes(value)) return daemonError(`Unrecognised filter value for health: ${value}`);
        p = () => value === 'none';
        break;
      case 'is-task':
        if (value !== 'true' && value !== 'false') return daemonError(`Invalid filter 'is-task=[${value}]'`);
        p = () => value === 'false';
        break;
      case 'isolation': p = () => value === 'default'; break;
      default:
        return daemonError(`Invalid filter '${key}'`);
    }
    return p;
  });
}

const PS_FORMATS: ListFormats = {
  table: 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}',
  quiet: '{{.ID}}',
  raw: 'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n',
  rawQuiet: 'container_id: {{.ID}}',
};
const SINCE = 'Less than a second';

export function psTable(containers: readonly ContainerView[], options: PsOptions): CommandResult {
  const matches = filterPredicate(options.filters ?? [], containers);
  if (typeof matches !== 'function') return matches;
  // A status filter looks at stopped containers too, as with -a (an exited= filter does not).
  // The daemon's list counts a limit in all states too (`docker ps -l` shows a container just created).
  const last = options.last ?? 0;
  const all = options.all || last > 0 || (options.filters ?? []).some((f) => f.startsWith('status='));
  const sorted = containers
    .filter((c) => all || c.state.status === 'running' || c.state.status === 'paused')
    .filter(matches)
    .sort((a, b) => b.createdSeq - a.createdSeq);
  const shown = last > 0 ? sorted.slice(0, last) : sorted;
  return formatList({
    format: chooseFormat(options.format, options.quiet, PS_FORMATS),
    rows: shown.map((c) => psContext(c, !options.noTrunc)),
    header: PS_HEADER,
    parseErrorPrefix: 'failed to parse template: ',
    execErrorPrefix: 'failed to execute template: ',
  });
}

export function psStatus(c: ContainerView): string {
  switch (c.state.status) {
    case 'running':
      return `Up ${SINCE}`;
    case 'paused':
      return `Up ${SINCE} (Paused)`;
    case 'exited':
      return `Exited (${c.state.exitCode}) ${SINCE} ago`;
    case 'created':
      return 'Created';
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
  }
}

/** Docker's Ellipsis: over `max` characters → the first max-1 and `…`. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

export function sortedLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

/** stringid.TruncateID: the hex after any `algo:`, 12 digits. */
const truncateId = (id: string): string => id.slice(id.indexOf(':') + 1).slice(0, 12);

/**
 * IMAGE as docker/cli's ContainerContext.Image prints it: an ID as its short form, a
 * reference in its familiar form (`docker.io/library/nginx` → `nginx`); as given with
 * --no-trunc.
 */
function listedImage(c: ContainerView, trunc: boolean): string {
  if (!trunc) return c.listImage;
  if (truncateId(c.imageId) === truncateId(c.listImage)) return truncateId(c.imageId);
  return c.listImage.replace(/^(docker\.io\/)?(library\/)?/, '');
}

function psContext(c: ContainerView, trunc: boolean): GoValue {
  // The daemon's list (daemon/list.go): Path, then the args, each holding a space in '…'.
  const [path = '', ...args] = [...c.entrypoint, ...c.cmd];
  const command = [path, ...args.map((a) => (a.includes(' ') ? `'${a}'` : a))].join(' ');
  const values: Record<string, string> = {
    Command: JSON.stringify(trunc ? ellipsis(command, 20) : command),
    CreatedAt: createdAt(c.created),
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: listedImage(c, trunc),
    Labels: sortedLabels(c.labels),
    LocalVolumes: '0',
    Mounts: '',
    // Link names (`web/db`) show only with --no-trunc (FACT 52).
    Names: trunc ? c.name : c.allNames.join(','),
    Networks: c.networks
      .map((n) => n.networkName)
      .sort()
      .join(','),
    Ports: c.state.running && c.networkMode !== 'host' ? displayablePorts(portsOf(c)) : '',
    RunningFor: `${SINCE} ago`,
    Size: '0B (virtual 1.98MB)',
    State: c.state.status,
    Status: psStatus(c),
  };
  return rowContext('*formatter.ContainerContext', values, c.labels);
}

const PS_HEADER = headerContext(
  'formatter.SubHeaderContext',
  {
    ID: 'CONTAINER ID',
    Image: 'IMAGE',
    Command: 'COMMAND',
    CreatedAt: 'CREATED AT',
    RunningFor: 'CREATED',
    Ports: 'PORTS',
    Status: 'STATUS',
    Size: 'SIZE',
    Names: 'NAMES',
    Labels: 'LABELS',
    Mounts: 'MOUNTS',
    LocalVolumes: 'LOCAL VOLUMES',
    Networks: 'NETWORKS',
    State: 'STATE',
  },
  { Label: labelHeader },
);
