// `docker volume create|ls|inspect|rm|prune` on the VolumeStore, with the client's and
// daemon's texts (recorded from the engine of this machine).
import { daemonError, daemonFilters, goMatch, labelFilter } from '../list-filters.js';
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { Controller } from '../controller.js';
import { fields, str, stringMap, struct, type GoValue } from '../format/govalue.js';
import { renderInspect } from '../format/inspect.js';
import { volumeLs } from '../format/lists.js';
import { type Volume, volumeMountpoint } from './store.js';

const done = (stdout = '', stderr = '', exitCode = 0): CommandResult => ({ stdout, stderr, exitCode });

function pairs(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    out[eq < 0 ? v : v.slice(0, eq)] = eq < 0 ? '' : v.slice(eq + 1);
  }
  return out;
}

/** types.Volume as `docker volume inspect` prints it. */
export function volumeValue(v: Volume): GoValue {
  const sorted = (r: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  return struct('types.Volume', fields([
    ['CreatedAt', str(v.created.replace(/\.\d+Z$/, 'Z'))],
    ['Driver', str(v.driver)],
    ['Labels', stringMap(sorted(v.labels))],
    ['Mountpoint', str(volumeMountpoint(v.name))],
    ['Name', str(v.name)],
    ['Options', stringMap(sorted(v.options))],
    ['Scope', str('local')],
  ]));
}

const bytes = (v: Volume): number => [...v.files.values()].reduce((n, f) => n + Buffer.byteLength(f), 0);

function humanBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${Number(n.toPrecision(4))}${units[i]}`;
}

export function volumeCommand(ctrl: Controller, inv: Invocation): CommandResult {
  const f = inv.flags;
  const alive = (id: string): boolean => ctrl.containerById(id) !== undefined;
  switch (inv.spec.path[1]) {
    case 'create': {
      const name = inv.args[0] ?? flagString(f, 'name') ?? null;
      const driver = flagString(f, 'driver') ?? 'local';
      if (driver !== 'local') {
        return done('', `Error response from daemon: create ${name ?? ''}: error looking up volume plugin ${driver}: plugin "${driver}" not found\n`, 1);
      }
      if (name !== null && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
        return done('', `Error response from daemon: create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path\n`, 1);
      }
      const v = ctrl.volumes.create(name, ctrl.clock.tick(), pairs(flagList(f, 'label')), pairs(flagList(f, 'opt')));
      return done(`${v.name}\n`);
    }
    case 'ls': {
      // Filters of one key are alternatives (`name=a --filter name=b`: either), as the
      // daemon's filters.Args; a value without '=' is the client's error (exit 125).
      const matches = daemonFilters<Volume>(flagList(f, 'filter'), 'volume ls', (key, value) => {
        switch (key) {
          case 'dangling': {
            const unused = value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : null;
            if (unused === null) return daemonError(`Invalid filter 'dangling=[${value}]'`);
            return (v) => (ctrl.volumes.users(v.name, alive).length === 0) === unused;
          }
          case 'name': {
            const matches = goMatch(value);
            return (v) => matches(v.name);
          }
          case 'label': {
            const labelled = labelFilter(value);
            return (v) => labelled(v.labels);
          }
          case 'driver': return (v) => v.driver === value;
          default: return daemonError(`Invalid filter '${key}'`);
        }
      });
      if (typeof matches !== 'function') return matches;
      const volumes = ctrl.volumes.list().filter(matches);
      return volumeLs(volumes.map((v) => ({ name: v.name, driver: v.driver, labels: v.labels, mountpoint: volumeMountpoint(v.name) })),
        { quiet: flagBool(f, 'quiet'), format: flagString(f, 'format') ?? null });
    }
    case 'inspect':
      return renderInspect(inv.args.map((name) => {
        const v = ctrl.volumes.get(name);
        return v ? { found: volumeValue(v) } : { missing: name };
      }), { format: flagString(f, 'format') ?? null, notFound: (name) => `Error: No such volume: ${name}` });
    case 'rm': {
      let stdout = '';
      let stderr = '';
      for (const name of inv.args) {
        const v = ctrl.volumes.get(name);
        if (!v) {
          if (!flagBool(f, 'force')) stderr += `Error: No such volume: ${name}\n`;
          continue;
        }
        const users = ctrl.volumes.users(name, alive);
        if (users.length > 0) {
          stderr += `Error response from daemon: remove ${name}: volume is in use - [${users.join(' ')}]\n`;
          continue;
        }
        ctrl.volumes.delete(name);
        stdout += `${name}\n`;
      }
      return done(stdout, stderr, stderr === '' ? 0 : 1);
    }
    case 'prune': {
      if (!flagBool(f, 'force')) {
        // No terminal answers the prompt: the client reads EOF, which is "no", and still
        // prints the total (cli/command/volume/prune.go), as container prune does.
        return done('WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n');
      }
      const unused = ctrl.volumes.list().filter((v) => ctrl.volumes.users(v.name, alive).length === 0);
      let reclaimed = 0;
      for (const v of unused) {
        reclaimed += bytes(v);
        ctrl.volumes.delete(v.name);
      }
      const list = unused.length > 0 ? `Deleted Volumes:\n${unused.map((v) => `${v.name}\n`).join('')}\n` : '';
      return done(`${list}Total reclaimed space: ${humanBytes(reclaimed)}\n`);
    }
    default:
      return done('', `docker volume ${inv.spec.path[1]}: not supported by the simulator\n`, 1);
  }
}
