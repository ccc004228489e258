// `docker images [-a] [--filter …] [REPOSITORY[:TAG]]`, the daemon's side: which rows
// the list holds (moby daemon/images/images.go). The client turns a REPOSITORY argument
// into one more `reference=` filter; filters of one key are alternatives, of different
// keys all must hold.
import type { CommandResult } from '../../backends/backend.js';
import { missingImageName, type ImageRow, type ImageStore } from './images.js';
import { daemonError, daemonFilters, labelFilter, type Predicate as ListPredicate } from '../list-filters.js';

type Predicate = ListPredicate<ImageRow>;

/** Go's path.Match, as reference.FamiliarMatch uses it: `*` and `?` stop at `/`. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) return /(?!)/; // path.ErrBadPattern: nothing matches
      re += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** `nginx:latest` matches `nginx*`, `nginx:latest` and `nginx` (the familiar name too). */
function referenceMatches(pattern: string, ref: string): boolean {
  const re = globRegExp(pattern);
  return re.test(ref) || re.test(ref.slice(0, ref.lastIndexOf(':')));
}

function predicate(store: ImageStore, key: string, value: string): Predicate | CommandResult {
  switch (key) {
    case 'reference':
      return (r) => r.ref !== null && referenceMatches(value, r.ref);
    case 'dangling': {
      const truth = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : null;
      if (truth === null) return daemonError(`Invalid filter 'dangling=[${value}]'`);
      // dangling=true looks at the images nothing was built on only (the store's heads),
      // with -a too: the steps of a build are never dangling.
      return truth ? (r) => r.ref === null && !r.hasChildren : (r) => r.ref !== null;
    }
    case 'label': {
      // The image's LABELs (a build's; the catalog's stand-ins have none).
      const matches = labelFilter(value);
      return (r) => matches(r.image.spec.labels);
    }
    case 'before':
    case 'since': {
      const image = store.lookup(value);
      if (!image) return daemonError(`No such image: ${missingImageName(value)}`);
      return key === 'before' ? (r) => r.image.seq < image.seq : (r) => r.image.seq > image.seq;
    }
    default:
      return daemonError(`Invalid filter '${key}'`);
  }
}

export function listImages(store: ImageStore, all: boolean, filters: readonly string[], name: string | undefined): ImageRow[] | CommandResult {
  const given = name === undefined ? filters : [...filters, `reference=${name}`];
  const matches = daemonFilters<ImageRow>(given, 'images', (key, value) => predicate(store, key, value));
  return typeof matches === 'function' ? store.rows(all).filter(matches) : matches;
}
