// `-v`, `--mount` and `--volumes-from` as the docker client and daemon read them, into
// the mounts a container gets; errors in Docker's words, before anything is created.
import { posix } from 'node:path';
import type { Container } from '../container.js';
import type { Controller } from '../controller.js';
import { fail, ok, type EngineError, type Result } from '../errors.js';
import { copyUp } from './filesystem.js';
import type { Mount } from './store.js';

/** A mount still to be made: a volume name of null is an anonymous volume. */
export type MountRequest =
  | { type: 'volume'; name: string | null; destination: string; readOnly: boolean }
  | { type: 'bind'; source: string; destination: string; readOnly: boolean };

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const daemon = (message: string): EngineError => ({ kind: 'invalid', daemon: true, message });

function destinationError(type: string, dest: string): EngineError | null {
  return dest.startsWith('/') ? null : daemon(`invalid mount config for type "${type}": invalid mount path: '${dest}' mount path must be absolute`);
}

/** `-v SRC:DST[:OPTS]`, `-v DST`. */
export function parseVolumeFlag(spec: string): Result<MountRequest> {
  const parts = spec.split(':');
  if (parts.length === 1) {
    const dest = posix.normalize(spec);
    const e = destinationError('volume', dest);
    return e ? fail(e) : ok({ type: 'volume', name: null, destination: dest, readOnly: false });
  }
  if (parts.length > 3 || parts.some((p) => p === '')) return fail({ kind: 'invalid', daemon: false, message: `invalid spec: ${spec}: empty section between colons` });
  const [source, rawDest, opts = ''] = parts;
  const dest = posix.normalize(rawDest);
  const readOnly = opts.split(',').includes('ro');
  if (source.startsWith('/')) {
    const e = destinationError('bind', dest);
    return e ? fail(e) : ok({ type: 'bind', source: posix.normalize(source), destination: dest, readOnly });
  }
  if (!VOLUME_NAME.test(source)) {
    return fail(daemon(`create ${source}: "${source}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`));
  }
  const e = destinationError('volume', dest);
  return e ? fail(e) : ok({ type: 'volume', name: source, destination: dest, readOnly });
}

/** `--mount type=volume,src=NAME,dst=/path[,readonly]` (and type=bind). */
export function parseMountFlag(spec: string): Result<MountRequest> {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    fields.set((eq < 0 ? part : part.slice(0, eq)).toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1));
  }
  const type = fields.get('type') ?? 'volume';
  const source = fields.get('source') ?? fields.get('src') ?? '';
  const dest = fields.get('destination') ?? fields.get('dst') ?? fields.get('target') ?? '';
  const ro = fields.get('readonly') ?? fields.get('ro');
  const readOnly = ro !== undefined && ro !== 'false' && ro !== '0';
  const client = (message: string): Result<MountRequest> => fail({ kind: 'invalid', daemon: false, message: `invalid argument "${spec}" for "--mount" flag: ${message}` });
  if (dest === '') return fail(daemon(`invalid mount config for type "${type}": field Target must not be empty`));
  const e = destinationError(type, dest);
  if (e) return fail(e);
  if (type === 'bind') {
    if (source === '') return fail(daemon('invalid mount config for type "bind": field Source must not be empty'));
    return ok({ type: 'bind', source: posix.normalize(source), destination: posix.normalize(dest), readOnly });
  }
  if (type !== 'volume') return client(`invalid type ${type}`);
  return ok({ type: 'volume', name: source === '' ? null : source, destination: posix.normalize(dest), readOnly });
}

/** Every mount `docker run`/`create` asks for, in Docker's order: --volumes-from, -v, --mount. */
export function mountRequests(ctrl: Controller, flags: { volumes: string[]; mounts: string[]; volumesFrom: string[] }): Result<MountRequest[]> {
  const out: MountRequest[] = [];
  // The usual `docker run`, without -v, --mount or --volumes-from: nothing to read or check.
  if (flags.volumesFrom.length === 0 && flags.volumes.length === 0 && flags.mounts.length === 0) return ok(out);
  for (const ref of flags.volumesFrom) {
    const [name, mode] = ref.split(':');
    const source = ctrl.findContainer(name);
    if (!source) return fail({ kind: 'not-found', daemon: true, message: `No such container: ${name}` });
    for (const m of ctrl.volumes.mountsOf(source.id)) out.push({ ...m, readOnly: mode === 'ro' ? true : m.readOnly });
  }
  for (const v of flags.volumes) {
    const r = parseVolumeFlag(v);
    if (!r.ok) return r;
    out.push(r.value);
  }
  for (const m of flags.mounts) {
    const r = parseMountFlag(m);
    if (!r.ok) return r;
    out.push(r.value);
  }
  // Two mounts on one destination: the daemon refuses (later ones would hide earlier ones).
  const seen = new Set<string>();
  for (const m of out) {
    if (seen.has(m.destination)) return fail(daemon(`Duplicate mount point: ${m.destination}`));
    seen.add(m.destination);
  }
  return ok(out);
}

/** Creates the volumes the requests name (named ones if missing, anonymous ones anew) and mounts them. */
export function mountInto(ctrl: Controller, c: Container, requests: MountRequest[], labels: (name: string) => Record<string, string> = () => ({})): Mount[] {
  const mounts: Mount[] = requests.map((r) => {
    if (r.type === 'bind') return r;
    const v = ctrl.volumes.get(r.name ?? '') ?? ctrl.volumes.create(r.name, ctrl.clock.tick(), r.name ? labels(r.name) : {});
    return { type: 'volume', name: v.name, destination: r.destination, readOnly: r.readOnly };
  });
  ctrl.volumes.mount(c.id, mounts);
  for (const m of mounts) copyUp(ctrl, c, m);
  return mounts;
}
