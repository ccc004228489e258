// `docker network ls` (FACT 1, 95), `docker images`, `docker volume ls`.

import type { CommandResult } from '../../backends/backend.js';
import type { NetworkView } from '../model.js';
import { chooseFormat, formatList, headerContext, labelHeader, type ListFormats, rowContext } from './listformat.js';
import { ellipsis, sortedLabels } from './ps.js';
import { createdAt, type GoValue } from './govalue.js';
import { humanSize } from './units.js';
import { daemonError, daemonFilters, goMatch, labelFilter } from '../list-filters.js';

export interface NetworkLsOptions {
  quiet: boolean;
  noTrunc: boolean;
  format: string | null;
  /** `--filter` values as given: `driver=bridge`, `name=net`. */
  filters: string[];
}

export function networkLs(networks: readonly NetworkView[], options: NetworkLsOptions): CommandResult {
  // A value without '=' is refused by the client's flag parser (exit 125), even for a key
  // the daemon knows (`--filter driver`); an unknown key by the daemon (exit 1).
  const dangling = new Set(options.filters.filter((f) => f.startsWith('dangling='))).size;
  const matches = daemonFilters<NetworkView>(options.filters, 'network ls', (key, value) => networkFilter(key, value, dangling), NETWORK_FILTER_KEYS);
  if (typeof matches !== 'function') return matches;
  const shown = networks
    .filter(matches)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return formatList({
    format: chooseFormat(options.format, options.quiet, NETWORK_FORMATS),
    rows: shown.map((n) => networkContext(n, !options.noTrunc)),
    header: NETWORK_HEADER,
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}

/** The keys network ls takes (moby daemon/network acceptedFilters). */
const NETWORK_FILTER_KEYS: ReadonlySet<string> = new Set(['driver', 'type', 'name', 'id', 'label', 'scope', 'dangling']);

/** One `network ls --filter` (moby daemon/network/filter.go), or the daemon's error;
 *  `danglings`: how many different dangling= values were given. */
function networkFilter(key: string, value: string, danglings: number): ((n: NetworkView) => boolean) | CommandResult {
  switch (key) {
    case 'driver':
      return (n) => n.driver === value;
    case 'name': {
      const matches = goMatch(value);
      return (n) => matches(n.name);
    }
    case 'id': {
      const matches = goMatch(value);
      return (n) => matches(n.id);
    }
    case 'scope':
      return (n) => n.scope === value;
    case 'type':
      if (value !== 'builtin' && value !== 'custom') return daemonError(`invalid filter: 'type'='${value}'`);
      return (n) => (value === 'builtin') === n.predefined;
    case 'label': {
      const matches = labelFilter(value);
      return (n) => matches(n.labels);
    }
    case 'dangling': {
      if (danglings > 1) return daemonError('got more than one value for filter key "dangling"');
      const dangling = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : null;
      if (dangling === null) return daemonError('invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")');
      // moby's filterNetworkByUse counts the Containers of the *list* response, which
      // 20.10 leaves empty: every user network is "dangling", even one in use (real engine).
      return (n) => dangling === !n.predefined;
    }
    default:
      return daemonError(`Invalid filter '${key}'`);
  }
}

function networkContext(n: NetworkView, trunc: boolean): GoValue {
  const values: Record<string, string> = {
    CreatedAt: createdAt(n.created, true),
    Driver: n.driver,
    ID: trunc ? n.id.slice(0, 12) : n.id,
    IPv6: String(n.enableIPv6),
    Internal: String(n.internal),
    Labels: sortedLabels(n.labels),
    Name: n.name,
    Scope: n.scope,
  };
  return rowContext('*network.networkContext', values, n.labels);
}

const NETWORK_FORMATS: ListFormats = {
  table: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
  quiet: '{{.ID}}',
  raw: 'network_id: {{.ID}}\nname: {{.Name}}\ndriver: {{.Driver}}\nscope: {{.Scope}}\n',
  rawQuiet: 'network_id: {{.ID}}',
};

const NETWORK_HEADER = headerContext(
  'formatter.SubHeaderContext',
  {
    ID: 'NETWORK ID',
    Name: 'NAME',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    IPv6: 'IPV6',
    Internal: 'INTERNAL',
    Labels: 'LABELS',
    CreatedAt: 'CREATED',
  },
  { Label: labelHeader },
);

export interface ImageView {
  /** null: an untagged image (`<none>`). */
  repository: string | null;
  tag: string | null;
  /** 64-hex image ID (without `sha256:`). */
  id: string;
  /** RFC 3339. */
  created: string;
  /** Human "created" text, e.g. `About an hour ago` (the simulator's images predate it). */
  createdSince: string;
  /** Bytes. */
  size: number;
}

export interface ImagesOptions {
  quiet: boolean;
  noTrunc: boolean;
  digests: boolean;
  format: string | null;
}

// docker/cli formatter/image.go: the table and raw forms gain a digest column with --digests.
const imageFormats = (digests: boolean): ListFormats => ({
  table: digests
    ? 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}'
    : 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
  quiet: '{{.ID}}',
  raw: `repository: {{ .Repository }}\ntag: {{.Tag}}\n${digests ? 'digest: {{.Digest}}\n' : ''}image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n`,
  rawQuiet: 'image_id: {{.ID}}',
});

const IMAGE_HEADER = headerContext('formatter.SubHeaderContext', {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'VIRTUAL SIZE',
});

function imageContext(i: ImageView, trunc: boolean): GoValue {
  const values: Record<string, string> = {
    // The list's summary carries no container count or shared sizes unless asked (docker system df).
    Containers: 'N/A',
    CreatedAt: createdAt(i.created),
    CreatedSince: i.createdSince,
    Digest: '<none>',
    ID: trunc ? i.id.slice(0, 12) : `sha256:${i.id}`,
    Repository: i.repository ?? '<none>',
    SharedSize: 'N/A',
    Size: humanSize(i.size, 3),
    Tag: i.tag ?? '<none>',
    UniqueSize: 'N/A',
    VirtualSize: humanSize(i.size),
  };
  return rowContext('*formatter.imageContext', values, {});
}

export function imagesTable(images: readonly ImageView[], options: ImagesOptions): CommandResult {
  return formatList({
    format: chooseFormat(options.format, options.quiet, imageFormats(options.digests)),
    rows: images.map((i) => imageContext(i, !options.noTrunc)),
    header: IMAGE_HEADER,
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}

export interface VolumeView {
  name: string;
  driver: string;
  labels: Readonly<Record<string, string>>;
  mountpoint: string;
}

export interface VolumeLsOptions {
  quiet: boolean;
  format: string | null;
}

const VOLUME_FORMATS: ListFormats = {
  table: 'table {{.Driver}}\t{{.Name}}',
  quiet: '{{.Name}}',
  raw: 'name: {{.Name}}\ndriver: {{.Driver}}\n',
  rawQuiet: 'name: {{.Name}}',
};

const VOLUME_HEADER = headerContext(
  'formatter.SubHeaderContext',
  { Driver: 'DRIVER', Labels: 'LABELS', Links: 'LINKS', Mountpoint: 'MOUNTPOINT', Name: 'VOLUME NAME', Scope: 'SCOPE', Size: 'SIZE' },
  { Label: labelHeader },
);

export function volumeLs(volumes: readonly VolumeView[], options: VolumeLsOptions): CommandResult {
  const sorted = [...volumes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return formatList({
    format: chooseFormat(options.format, options.quiet, VOLUME_FORMATS),
    rows: sorted.map((v) =>
      rowContext('*formatter.volumeContext', {
        Driver: v.driver,
        Labels: sortedLabels(v.labels),
        // Links and Size come from `docker system df` only.
        Links: 'N/A',
        Mountpoint: v.mountpoint,
        Name: v.name,
        Scope: 'local',
        Size: 'N/A',
      }, v.labels),
    ),
    header: VOLUME_HEADER,
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}

/** One entry of `docker history` (image.HistoryResponseItem). */
export interface HistoryView {
  /** 64 hex. */
  id: string;
  /** RFC 3339. */
  created: string;
  createdSince: string;
  createdBy: string;
  size: number;
  comment: string;
}

export interface HistoryOptions {
  human: boolean;
  noTrunc: boolean;
  quiet: boolean;
  format: string | null;
}

const HISTORY_HEADER = headerContext('formatter.SubHeaderContext', {
  ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT',
});

/** docker/cli formatter/history.go: the table (CREATED AT with -H=false), or -q's IDs. */
export function historyTable(items: readonly HistoryView[], options: HistoryOptions): CommandResult {
  const formats: ListFormats = {
    table: options.human
      ? 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}'
      : 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}',
    quiet: '{{.ID}}',
    // History has no raw form: `raw` is a template like any other.
    raw: 'raw',
    rawQuiet: 'raw',
  };
  const trunc = !options.noTrunc;
  // time.Unix(created).Format(RFC3339): whole seconds (this machine's zone is UTC).
  const at = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');
  return formatList({
    format: chooseFormat(options.format, options.quiet, formats),
    rows: items.map((h) => rowContext('*formatter.historyContext', {
      ID: trunc ? h.id.slice(0, 12) : `sha256:${h.id}`,
      CreatedSince: options.human ? h.createdSince : at(h.created),
      CreatedAt: at(h.created),
      CreatedBy: trunc ? ellipsis(h.createdBy.replace(/\t/g, ' '), 45) : h.createdBy.replace(/\t/g, ' '),
      Size: options.human ? humanSize(h.size, 3) : String(h.size),
      Comment: h.comment,
    }, {})),
    header: HISTORY_HEADER,
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}
