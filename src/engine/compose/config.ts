// `docker-compose config [--services|--volumes|-q]` (v1): the file as Compose 1.29
// resolved it (compose/config/serialize.py denormalize_config), dumped as PyYAML's
// safe_dump writes it — keys sorted, block style, lists at their key's indentation,
// strings quoted where YAML 1.1 would read something else, and compose's own double
// quotes for boolean-like strings (`"y"`), and `$` escaped as `$$`. Texts recorded from
// the 20.10 machine.
// Keys whose resolution is not modelled here (extends, healthcheck, logging, …) are
// refused by name rather than printed as written.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool } from '../../docker-cli/parse.js';
import { parsePortSpec } from '../ports.js';
import { hostPath, type ComposeContext } from './context.js';
import { yaml } from './file.js';
import { isObj } from './merge.js';
import type { ServiceModel } from './model.js';

type Obj = Record<string, unknown>;

/** Keys printed as written. */
const KEPT = new Set(['image', 'container_name', 'hostname', 'domainname', 'restart', 'working_dir', 'user', 'tty', 'stdin_open',
  'privileged', 'mac_address', 'network_mode', 'scale', 'command', 'entrypoint', 'expose', 'extra_hosts', 'links', 'external_links',
  'stop_signal', 'init', 'read_only', 'profiles', 'dns_opt', 'cap_add', 'cap_drop']);
/** Keys resolved here (the rest of serialize.py's work). */
const RESOLVED = new Set(['environment', 'labels', 'ports', 'volumes', 'networks', 'depends_on', 'dns', 'dns_search', 'build']);
/** What compose quotes with `"` (serialize.py serialize_string): PyYAML would read them as booleans. */
const BOOLEAN_LIKE = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false']);

export function composeConfig(cx: ComposeContext, data: Obj, services: readonly ServiceModel[], flags: ReadonlyMap<string, readonly string[]>): CommandResult {
  // Every service of the file, whatever profiles are active (real 1.29).
  if (flagBool(flags, 'services')) return { stdout: sortServiceDicts(services).map((s) => `${s.name}\n`).join(''), stderr: '', exitCode: 0 };
  if (flagBool(flags, 'volumes')) return { stdout: [...cx.project.volumes.keys()].map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 };
  if (flagBool(flags, 'quiet')) return { stdout: '', stderr: '', exitCode: 0 };
  const version = typeof data.version === 'string' || typeof data.version === 'number' ? String(data.version) : null;
  if (version === null) return refuse('a file without `version:`');
  for (const key of ['secrets', 'configs']) if (data[key] !== undefined) return refuse(`top-level \`${key}:\``);
  const out: Obj = { version };
  const rawServices = isObj(data.services) ? data.services : {};
  const serviceOut: Obj = {};
  for (const s of services) {
    const raw = rawServices[s.name];
    const resolved = resolveService(cx, isObj(raw) ? raw : {});
    if (typeof resolved === 'string') return refuse(`services.${s.name}.${resolved}`);
    serviceOut[s.name] = resolved;
  }
  out.services = serviceOut;
  for (const key of ['networks', 'volumes']) {
    const section = data[key];
    if (!isObj(section) || Object.keys(section).length === 0) continue;
    out[key] = Object.fromEntries(Object.entries(section).map(([name, conf]) => [name, conf ?? {}]));
  }
  // PyYAML's dump ends in a newline, and compose prints it with one more.
  return { stdout: `${pyYaml(out)}\n`, stderr: '', exitCode: 0 };
}

/**
 * compose/config/sort_services.py: a depth-first topological sort, started from the last
 * service of the file, each service put before those that need it (links, volumes_from,
 * network_mode/pid/ipc `service:`, depends_on). Not the start order's levels: `a` needing
 * `b`, then `c`, list b, a, c.
 */
function sortServiceDicts(services: readonly ServiceModel[]): ServiceModel[] {
  const named = (ref: string): string => ref.replace(/^service:/, '').split(':')[0]!;
  const viaMode = (mode: unknown): string | null => (typeof mode === 'string' && mode.startsWith('service:') ? mode.slice(8) : null);
  const needs = (s: ServiceModel, name: string): boolean => {
    const raw = isObj(s.raw) ? s.raw : {};
    return s.links.some((l) => named(l) === name) || s.volumesFrom.some((v) => !v.startsWith('container:') && named(v) === name)
      || [s.networkMode, raw.pid, raw.ipc].some((m) => viaMode(m) === name) || s.dependsOn.includes(name);
  };
  const unmarked = [...services];
  const sorted: ServiceModel[] = [];
  const visiting = new Set<string>();
  const visit = (n: ServiceModel): void => {
    if (visiting.has(n.name) || !unmarked.includes(n)) return; // (a cycle was refused when the file was read)
    visiting.add(n.name);
    for (const m of services) if (needs(m, n.name)) visit(m);
    visiting.delete(n.name);
    unmarked.splice(unmarked.indexOf(n), 1);
    sorted.unshift(n);
  };
  while (unmarked.length > 0) visit(unmarked[unmarked.length - 1]!);
  return sorted;
}

const refuse = (what: string): CommandResult => ({ stdout: '', stderr: `dnet-test: docker-compose config of ${what} is not simulated\n`, exitCode: 1 });

/** A service's dict as finalize_service leaves it and denormalize_service_dict prints it; a string names a key not modelled. */
function resolveService(cx: ComposeContext, raw: Obj): Obj | string {
  const out: Obj = {};
  for (const [key, value] of Object.entries(raw)) {
    // The loader merged env_file into environment (file.ts readEnvFiles); finalize_service drops it.
    if (key === 'env_file') continue;
    if (KEPT.has(key)) out[key] = value;
    else if (!RESOLVED.has(key)) return key;
  }
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  if (raw.environment !== undefined) out.environment = keyValues(raw.environment, null);
  if (raw.labels !== undefined) out.labels = keyValues(raw.labels, '');
  if (raw.dns !== undefined) out.dns = list(raw.dns);
  if (raw.dns_search !== undefined) out.dns_search = list(raw.dns_search);
  if (raw.networks !== undefined) out.networks = Array.isArray(raw.networks) ? Object.fromEntries(raw.networks.map((n) => [String(n), null])) : raw.networks;
  // A list becomes conditions, in every version (real 1.29: `version: "2"` too).
  if (raw.depends_on !== undefined) {
    out.depends_on = Array.isArray(raw.depends_on) ? Object.fromEntries(raw.depends_on.map((n) => [String(n), { condition: 'service_started' }])) : raw.depends_on;
  }
  if (raw.build !== undefined) {
    const build = isObj(raw.build) ? { ...raw.build } : { context: raw.build };
    build.context = hostPath(cx, String(build.context ?? '.'));
    out.build = build;
  }
  if (raw.ports !== undefined) {
    const ports: unknown[] = [];
    for (const p of list(raw.ports)) {
      if (isObj(p)) ports.push(p);
      else {
        const parsed = servicePorts(String(p));
        if (parsed === null) return 'ports';
        // ServicePort: the long form, in every version; the legacy string when it has a host address.
        for (const sp of parsed) ports.push(sp.external_ip !== undefined ? legacyPort(sp) : sp);
      }
    }
    out.ports = ports;
  }
  if (raw.volumes !== undefined) {
    const volumes: unknown[] = [];
    for (const v of list(raw.volumes)) {
      if (typeof v !== 'string') return 'volumes';
      volumes.push(volumeSpec(cx, v));
    }
    out.volumes = volumes;
  }
  return out;
}

/** A `KEY=VALUE` list as a dict (a bare KEY: `none`), or the dict as written. */
function keyValues(value: unknown, none: string | null): unknown {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(value.map((item) => {
    const text = String(item);
    const eq = text.indexOf('=');
    return eq < 0 ? [text, none] : [text.slice(0, eq), text.slice(eq + 1)];
  }));
}

interface ServicePort {
  protocol?: string;
  published?: number;
  target: number;
  external_ip?: string;
}

/**
 * ServicePort.parse: `[[IP:][PUBLISHED]:]TARGET[/PROTO]`, a range one port each, read as
 * the service's containers are made (ports.ts parsePortSpec). A published range for one
 * target port is not modelled (null).
 */
function servicePorts(spec: string): ServicePort[] | null {
  const parsed = parsePortSpec(spec);
  if (!parsed.ok || parsed.value.some((p) => p.hostPort.includes('-'))) return null;
  return parsed.value.map((p) => ({
    ...(p.proto !== 'tcp' ? { protocol: p.proto } : {}),
    ...(p.hostPort !== '' ? { published: Number(p.hostPort) } : {}),
    target: p.containerPort,
    ...(p.hostIp !== '' ? { external_ip: p.hostIp } : {}),
  }));
}

/** normalize_port_dict: `IP:PUBLISHED:TARGET/PROTO`. */
function legacyPort(p: ServicePort): string {
  const ip = p.external_ip ? `${p.external_ip}:` : '';
  const published = p.published !== undefined || p.external_ip ? `${p.published ?? ''}:` : '';
  return `${ip}${published}${p.target}/${p.protocol ?? 'tcp'}`;
}

/** VolumeSpec.repr: `SOURCE:TARGET:MODE` (a host path made absolute, `rw` by default), or the bare target. */
function volumeSpec(cx: ComposeContext, spec: string): string {
  const parts = spec.split(':');
  if (parts.length === 1) return spec;
  const [source, target, mode = 'rw'] = parts as [string, string, string?];
  const isPath = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return `${isPath ? hostPath(cx, source) : source}:${target}:${mode}`;
}

/** yaml.safe_dump(default_flow_style=False, indent=2) of compose's serializer. */
function pyYaml(value: unknown): string {
  // YAML 1.1's schema quotes what PyYAML quotes ('1:20', '2001-12-14', 'yes').
  const { Document, visit } = yaml();
  const doc = new Document(value, { version: '1.1', sortMapEntries: true });
  visit(doc, {
    Scalar(where, node) {
      if (typeof node.value !== 'string') return;
      // serialize_string_escape_dollar: a `$` the file escaped as `$$` is printed escaped again.
      const text = node.value.split('$').join('$$');
      node.value = text;
      // A key PyYAML read as a boolean (`on:` of labels) is one again: `true:`.
      if (where === 'key' && (text === 'true' || text === 'false')) node.value = text === 'true';
      else if (BOOLEAN_LIKE.has(text.toLowerCase())) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0 });
}
