// Several compose files are one project: `-f a.yml -f b.yml`, or without -f the default
// file and its `docker-compose.override.yml`. Later files override earlier ones as
// Compose 1.29 merges them (compose/config/config.py merge_service_dicts): mappings key
// by key, some lists as a union, volumes by container path, everything else replaced.
type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists Compose merges as a union (first file's items first). */
const UNION = new Set(['ports', 'expose', 'external_links', 'dns', 'dns_search', 'dns_opt', 'tmpfs', 'links', 'volumes_from',
  'cap_add', 'cap_drop', 'devices', 'security_opt', 'env_file']);
/** Mappings merged key by key (a `KEY=VALUE` list counts as a mapping). */
const MAPPINGS = new Set(['environment', 'labels', 'extra_hosts', 'depends_on', 'networks', 'deploy', 'logging', 'healthcheck',
  'ulimits', 'sysctls', 'build', 'driver_opts']);

/** `[A=1, B]` / `{A: 1}` → a mapping; `[a, b]` (networks, depends_on) → keys with null. */
export function asMapping(v: unknown): Obj {
  if (isObj(v)) return { ...v };
  if (!Array.isArray(v)) return {};
  const out: Obj = {};
  for (const item of v) {
    const s = String(item);
    const i = s.search(/[=:]/);
    if (i >= 0 && s[i] === '=') out[s.slice(0, i)] = s.slice(i + 1);
    else out[s] = null;
  }
  return out;
}

function volumeTarget(v: unknown): string {
  if (isObj(v)) return String(v.target ?? '');
  const parts = String(v).split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

function mergeService(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    if (before === undefined || before === null) out[key] = value;
    else if (UNION.has(key) && Array.isArray(before) && Array.isArray(value)) {
      out[key] = [...before, ...value.filter((v) => !before.some((b) => JSON.stringify(b) === JSON.stringify(v)))];
    } else if (key === 'volumes' && Array.isArray(before) && Array.isArray(value)) {
      const targets = new Set(value.map(volumeTarget));
      out[key] = [...before.filter((v) => !targets.has(volumeTarget(v))), ...value];
    } else if (MAPPINGS.has(key)) out[key] = { ...asMapping(before), ...asMapping(value) };
    else out[key] = value;
  }
  return out;
}

/** `over` on top of `base`: services merged as Compose does, top-level networks and volumes key by key. */
export function mergeComposeData(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over ?? base;
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    if (key === 'services' && isObj(before) && isObj(value)) {
      const services: Obj = { ...before };
      for (const [name, s] of Object.entries(value)) services[name] = isObj(services[name]) && isObj(s) ? mergeService(services[name] as Obj, s) : s;
      out[key] = services;
    } else if ((key === 'networks' || key === 'volumes') && isObj(before) && isObj(value)) out[key] = { ...before, ...value };
    else out[key] = value;
  }
  return out;
}
