// `docker network ls` (FACT 1, 95), `docker images`, `docker volume ls`.

import type { CommandResult } from '../../backends/backend.js';
import type { NetworkView } from '../model.js';
import type { GoValue } from './govalue.js';
import { formatList, headerContext, labelHeader, rowContext } from './listformat.js';
import { createdAt, sortedLabels } from './ps.js';

export interface NetworkLsOptions {
  quiet: boolean;
  noTrunc: boolean;
  format: string | null;
  /** `--filter` values as given: `driver=bridge`, `name=net`. */
  filters: string[];
}

export function networkLs(networks: readonly NetworkView[], options: NetworkLsOptions): CommandResult {
  const predicates: Array<(n: NetworkView) => boolean> = [];
  for (const filter of options.filters) {
    const eq = filter.indexOf('=');
    const [key, value] = eq === -1 ? [filter, ''] : [filter.slice(0, eq), filter.slice(eq + 1)];
    const predicate = networkFilter(key, value);
    if (predicate === null) {
      // A value without '=' is refused by the client's flag parser (exit 125), an
      // unknown key by the daemon (exit 1).
      if (eq === -1)
        return {
          stdout: '',
          stderr: `invalid argument "${filter}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker network ls --help'.\n`,
          exitCode: 125,
        };
      return { stdout: '', stderr: `Error response from daemon: Invalid filter '${key}'\n`, exitCode: 1 };
    }
    predicates.push(predicate);
  }
  // Filters of one key are alternatives, different keys must all hold; with one value per
  // key (the common case) that is "all hold".
  const byKey = new Map<string, Array<(n: NetworkView) => boolean>>();
  options.filters.forEach((f, i) => {
    const key = f.split('=')[0]!;
    byKey.set(key, [...(byKey.get(key) ?? []), predicates[i]!]);
  });
  const shown = networks
    .filter((n) => [...byKey.values()].every((alternatives) => alternatives.some((p) => p(n))))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const table = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
  const format = options.quiet ? '{{.ID}}' : options.format === null || options.format === 'table' ? table : options.format;
  return formatList({
    format,
    rows: shown.map((n) => networkContext(n, !options.noTrunc)),
    header: NETWORK_HEADER,
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}

function networkFilter(key: string, value: string): ((n: NetworkView) => boolean) | null {
  switch (key) {
    case 'driver':
      return (n) => n.driver === value;
    case 'name':
      return (n) => n.name.includes(value);
    case 'id':
      return (n) => n.id.startsWith(value);
    case 'scope':
      return (n) => n.scope === value;
    case 'type':
      return (n) => (value === 'builtin' ? n.predefined : value === 'custom' ? !n.predefined : false);
    case 'label': {
      const eq = value.indexOf('=');
      return eq === -1 ? (n) => value in n.labels : (n) => n.labels[value.slice(0, eq)] === value.slice(eq + 1);
    }
    case 'dangling':
      // moby's filterNetworkByUse counts the Containers of the *list* response, which
      // 20.10 leaves empty: every user network is "dangling", even one in use (real engine).
      return (n) => (value === 'true') === !n.predefined;
    default:
      return null;
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
  repository: string;
  tag: string;
  /** 64-hex image ID (without `sha256:`). */
  id: string;
  /** Human "created" text, e.g. `11 minutes ago` (the simulator's images predate it). */
  createdSince: string;
  size: string;
}

export function imagesTable(images: readonly ImageView[], quiet: boolean): CommandResult {
  if (quiet) return { stdout: images.map((i) => i.id.slice(0, 12) + '\n').join(''), stderr: '', exitCode: 0 };
  return formatList({
    format: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}',
    rows: images.map((i) =>
      headerContext('*formatter.imageContext', {
        Repository: i.repository,
        Tag: i.tag,
        ID: i.id.slice(0, 12),
        CreatedSince: i.createdSince,
        Size: i.size,
      }),
    ),
    header: headerContext('formatter.SubHeaderContext', {
      Repository: 'REPOSITORY',
      Tag: 'TAG',
      ID: 'IMAGE ID',
      CreatedSince: 'CREATED',
      Size: 'SIZE',
    }),
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}

export interface VolumeView {
  name: string;
  driver: string;
}

export function volumeLs(volumes: readonly VolumeView[], quiet: boolean): CommandResult {
  const sorted = [...volumes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (quiet) return { stdout: sorted.map((v) => v.name + '\n').join(''), stderr: '', exitCode: 0 };
  return formatList({
    format: 'table {{.Driver}}\t{{.Name}}',
    rows: sorted.map((v) => headerContext('*formatter.volumeContext', { Driver: v.driver, Name: v.name })),
    header: headerContext('formatter.SubHeaderContext', { Driver: 'DRIVER', Name: 'VOLUME NAME' }),
    parseErrorPrefix: 'template parsing error: ',
    execErrorPrefix: 'template parsing error: ',
  });
}
