// The compose file's schema checks, in Compose 1.29's words: unknown keys, wrong types,
// services without image/build, references to undefined networks, volumes or services.
// The output is the project model (model.ts).
import { splitWords } from '../build/dockerfile.js';
import type { ComposeError, LoadedFile } from './file.js';
import { isObj } from './merge.js';
import type { NetworkModel, ProjectModel, ServiceModel, ServiceNetwork, ServiceVolume, VolumeModel } from './model.js';

type Obj = Record<string, unknown>;

const SERVICE_KEYS = new Set(['build', 'cap_add', 'cap_drop', 'cgroup_parent', 'command', 'configs', 'container_name',
  'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpus', 'cpuset', 'depends_on', 'deploy', 'devices',
  'dns', 'dns_opt', 'dns_search', 'domainname', 'entrypoint', 'env_file', 'environment', 'expose', 'extends',
  'external_links', 'extra_hosts', 'healthcheck', 'hostname', 'image', 'init', 'ipc', 'isolation', 'labels', 'links',
  'logging', 'mac_address', 'mem_limit', 'mem_reservation', 'mem_swappiness', 'memswap_limit', 'network_mode', 'networks',
  'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports', 'privileged', 'profiles', 'pull_policy',
  'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period',
  'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty', 'ulimits', 'user', 'userns_mode', 'volumes', 'volumes_from',
  'working_dir']);
const TOP_KEYS = new Set(['version', 'services', 'networks', 'volumes', 'secrets', 'configs']);

class Invalid extends Error {}

export function checkProject(file: LoadedFile): ProjectModel | ComposeError {
  const invalid = (text: string): never => {
    throw new Invalid(`The Compose file '${file.label}' is invalid because:\n${text}`);
  };
  const type: TypeCheck = (value, keys, want) => {
    if (!(want as readonly string[]).includes(jsonType(value))) invalid(`${keys.join('.')} contains an invalid type, it should be ${validTypes(want)}`);
  };
  try {
    const data = file.data ?? {};
    if (!isObj(data)) throw new Invalid(`Top level object in '${file.label}' needs to be an object not '<class '${Array.isArray(data) ? 'list' : 'str'}'>'.`);
    // Without `version:` and `services:` Compose 1.29 reads the file as format 1, whose
    // top-level keys are services.
    if (data.version === undefined && data.services === undefined) {
      for (const [name, value] of Object.entries(data)) {
        const unknown = isObj(value) ? Object.keys(value).find((k) => !SERVICE_KEYS.has(k)) : undefined;
        if (unknown !== undefined) throw new Invalid(`The Compose file '${file.label}' is invalid because:\nUnsupported config option for ${name}: '${unknown}'`);
      }
      if (Object.keys(data).length > 0) throw new Invalid(`dnet-test: Compose file format 1 (services at the top level, no \`services:\` key) is not simulated: '${file.label}'`);
    }
    for (const key of Object.keys(data)) {
      if (!TOP_KEYS.has(key) && !key.startsWith('x-')) {
        throw new Invalid(`The Compose file '${file.label}' is invalid because:\n'${key}' does not match any of the regexes: '^x-'\n\n${VERSION_EXPLANATION}`);
      }
    }
    const networks = new Map<string, NetworkModel>();
    const rawNetworks = data.networks ?? {};
    type(rawNetworks, ['networks'], ['object']);
    for (const [key, value] of Object.entries(rawNetworks as Obj)) networks.set(key, networkModel(key, value ?? {}, type));
    const volumes = new Map<string, VolumeModel>();
    const rawVolumes = data.volumes ?? {};
    type(rawVolumes, ['volumes'], ['object']);
    for (const [key, value] of Object.entries(rawVolumes as Obj)) {
      const v = isObj(value) ? value : {};
      const external = v.external === true || isObj(v.external);
      volumes.set(key, { key, name: typeof v.name === 'string' ? v.name : isObj(v.external) && typeof v.external.name === 'string' ? v.external.name : null,
        driver: typeof v.driver === 'string' ? v.driver : null, external, labels: labelsOf(v.labels) });
    }
    const rawServices = data.services ?? {};
    type(rawServices, ['services'], ['object']);
    const services: ServiceModel[] = [];
    for (const [name, value] of Object.entries(rawServices as Obj)) {
      type(value, ['services', name], ['object']);
      services.push(serviceModel(name, value as Obj, type, invalid));
    }
    const names = new Set(services.map((s) => s.name));
    for (const s of services) {
      if (!s.image && !s.build) throw new Invalid(`Service ${s.name} has neither an image nor a build context specified. At least one must be provided.`);
      for (const n of s.networks) {
        if (n.key !== 'default' && !networks.has(n.key)) throw new Invalid(`Service "${s.name}" uses an undefined network "${n.key}"`);
      }
      if (s.networkMode !== null && s.networks.length > 0 && (s.raw as Obj).networks !== undefined) throw new Invalid("'network_mode' and 'networks' cannot be combined");
      const used = s.networkMode?.match(/^service:(.*)$/)?.[1];
      if (used !== undefined && !names.has(used)) throw new Invalid(`Service '${s.name}' uses the network stack of service '${used}' which is undefined.`);
      for (const d of s.dependsOn) if (!names.has(d)) throw new Invalid(`Service '${s.name}' depends on service '${d}' which is undefined.`);
      for (const v of s.volumes) {
        if (v.type === 'volume' && v.source !== null && !volumes.has(v.source)) {
          throw new Invalid(`Named volume "${v.source}:${v.target}:${v.readOnly ? 'ro' : 'rw'}" is used in service "${s.name}" but no declaration was found in the volumes section.`);
        }
      }
    }
    return { services, networks, volumes, configFile: (file.files ?? [file.path]).join(',') };
  } catch (e) {
    if (e instanceof Invalid) return { message: e.message };
    throw e;
  }
}

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
type TypeCheck = (value: unknown, keys: Array<string | number>, want: readonly JsonType[]) => void;

function jsonType(v: unknown): JsonType | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObj(v)) return 'object';
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'other';
}

/** Compose's _parse_valid_types_from_validator: "a string, or an array"; the middle ones bare. */
function validTypes(want: readonly JsonType[]): string {
  const a = (t: string): string => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
  if (want.length === 1) return a(want[0]!);
  return `${[a(want[0]!), ...want.slice(1, -1)].join(', ')}, or ${a(want[want.length - 1]!)}`;
}

/** compose/config/errors.py, printed after a top-level key the schema does not know. */
const VERSION_EXPLANATION = 'You might be seeing this error because you\'re using the wrong Compose file version. '
  + 'Either specify a supported version (e.g "2.2" or "3.3") and place your service definitions under the `services` key, '
  + 'or omit the `version` key and place your service definitions at the root of the file to use version 1.\n'
  + 'For more on the Compose file format versions, see https://docs.docker.com/compose/compose-file/';

function labelsOf(v: unknown): Record<string, string> {
  if (Array.isArray(v)) return Object.fromEntries(v.map((x) => String(x).split(/=(.*)/s)).map(([k, val = '']) => [k, val]));
  return isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, val]) => [k, String(val ?? '')])) : {};
}

function networkModel(key: string, v: unknown, type: TypeCheck): NetworkModel {
  type(v, ['networks', key], ['object']);
  const n = v as Obj;
  const ipam = isObj(n.ipam) && Array.isArray(n.ipam.config) ? n.ipam.config.filter(isObj) : [];
  return {
    key, name: typeof n.name === 'string' ? n.name : isObj(n.external) && typeof n.external.name === 'string' ? n.external.name : null,
    driver: typeof n.driver === 'string' ? n.driver : null,
    driverOpts: labelsOf(n.driver_opts),
    ipam: ipam.map((c) => ({ subnet: String(c.subnet ?? ''), gateway: c.gateway ? String(c.gateway) : null, ipRange: c.ip_range ? String(c.ip_range) : null }))
      .filter((c) => c.subnet !== ''),
    internal: n.internal === true, enableIpv6: n.enable_ipv6 === true, external: n.external === true || isObj(n.external), attachable: n.attachable === true,
    labels: labelsOf(n.labels),
  };
}

/** `dns: 8.8.8.8` or `dns: [8.8.8.8, …]`: compose takes a string or a list. */
const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const words = (v: unknown): string[] | null => (v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : splitWords(String(v)));

function volumeOf(v: unknown): ServiceVolume {
  if (isObj(v)) {
    const t = v.type === 'bind' ? 'bind' : 'volume';
    return { type: t, source: v.source === undefined ? null : String(v.source), target: String(v.target ?? ''), readOnly: v.read_only === true };
  }
  const parts = String(v).split(':');
  if (parts.length === 1) return { type: 'volume', source: null, target: parts[0], readOnly: false };
  const [source, target, mode = 'rw'] = parts;
  const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
}

function serviceModel(name: string, s: Obj, type: TypeCheck, invalid: (text: string) => never): ServiceModel {
  const at = (key: string): Array<string | number> => ['services', name, key];
  for (const key of Object.keys(s)) {
    if (!SERVICE_KEYS.has(key) && !key.startsWith('x-')) invalid(`Unsupported config option for services.${name}: '${key}'`);
  }
  const check = (key: string, want: Parameters<TypeCheck>[2]): void => {
    if (s[key] !== undefined && s[key] !== null) type(s[key], at(key), want);
  };
  check('image', ['string']);
  check('container_name', ['string']);
  check('hostname', ['string']);
  check('command', ['string', 'array']);
  check('entrypoint', ['string', 'array']);
  check('environment', ['object', 'array']);
  check('ports', ['array']);
  check('expose', ['array']);
  check('networks', ['array', 'object']);
  check('links', ['array']);
  check('depends_on', ['array', 'object']);
  check('extra_hosts', ['object', 'array']);
  check('labels', ['object', 'array']);
  check('restart', ['string']);
  check('user', ['string']);
  check('working_dir', ['string']);
  check('volumes_from', ['array']);
  check('profiles', ['array']);
  check('build', ['string', 'object']);
  if (isObj(s.environment)) {
    for (const [k, v] of Object.entries(s.environment)) {
      if (!['string', 'number', 'null'].includes(jsonType(v))) {
        invalid(`${[...at('environment'), k].join('.')} contains ${JSON.stringify(v)}, which is an invalid type, it should be ${validTypes(['string', 'number', 'null'])}`);
      }
    }
  }
  if (isObj(s.networks)) for (const [k, v] of Object.entries(s.networks)) type(v, [...at('networks'), k], ['object', 'null']);
  check('volumes', ['array']);
  check('network_mode', ['string']);
  const env = s.environment;
  // A name without a value would take Compose's own environment's; the simulator has none,
  // so it goes to the daemon bare, as Compose sends an unset one (`K` in Config.Env).
  const environment = Array.isArray(env) ? env.map(String)
    : isObj(env) ? Object.entries(env).map(([k, v]) => (v === null || v === undefined ? k : `${k}=${String(v)}`)) : [];
  const rawNets = s.networks;
  const networks: ServiceNetwork[] = Array.isArray(rawNets) ? rawNets.map((k) => ({ key: String(k), aliases: [], ipv4: null, ipv6: null, priority: 0 }))
    : isObj(rawNets) ? Object.entries(rawNets).map(([k, v]) => ({
      key: k, aliases: isObj(v) && Array.isArray(v.aliases) ? v.aliases.map(String) : [],
      ipv4: isObj(v) && v.ipv4_address ? String(v.ipv4_address) : null,
      ipv6: isObj(v) && v.ipv6_address ? String(v.ipv6_address) : null,
      priority: isObj(v) && typeof v.priority === 'number' ? v.priority : 0,
    })) : [];
  const networkMode = typeof s.network_mode === 'string' ? s.network_mode : null;
  if (networks.length === 0 && networkMode === null) networks.push({ key: 'default', aliases: [], ipv4: null, ipv6: null, priority: 0 });
  const build = s.build === undefined ? null : isObj(s.build)
    ? { context: String(s.build.context ?? '.'), dockerfile: s.build.dockerfile ? String(s.build.dockerfile) : null }
    : { context: String(s.build), dockerfile: null };
  const hosts = s.extra_hosts;
  const deploy = isObj(s.deploy) ? s.deploy : {};
  return {
    name, image: s.image === undefined || s.image === null ? null : String(s.image), build,
    containerName: typeof s.container_name === 'string' ? s.container_name : null,
    command: words(s.command), entrypoint: words(s.entrypoint), environment,
    ports: Array.isArray(s.ports) ? s.ports.map((p) => (isObj(p) ? `${p.published ? `${String(p.published)}:` : ''}${String(p.target)}/${String(p.protocol ?? 'tcp')}` : String(p))) : [],
    expose: Array.isArray(s.expose) ? s.expose.map(String) : [],
    networks, networkMode,
    links: Array.isArray(s.links) ? s.links.map(String) : [],
    dependsOn: Array.isArray(s.depends_on) ? s.depends_on.map(String) : isObj(s.depends_on) ? Object.keys(s.depends_on) : [],
    hostname: typeof s.hostname === 'string' ? s.hostname : null,
    extraHosts: Array.isArray(hosts) ? hosts.map((h) => String(h).replace(/^([^:=]+)=/, '$1:')) : isObj(hosts) ? Object.entries(hosts).map(([h, ip]) => `${h}:${String(ip)}`) : [],
    volumes: Array.isArray(s.volumes) ? s.volumes.map(volumeOf) : [],
    volumesFrom: Array.isArray(s.volumes_from) ? s.volumes_from.map(String) : [],
    labels: labelsOf(s.labels),
    workingDir: typeof s.working_dir === 'string' ? s.working_dir : null,
    user: typeof s.user === 'string' || typeof s.user === 'number' ? String(s.user) : '',
    restart: typeof s.restart === 'string' ? s.restart : 'no',
    tty: s.tty === true, stdinOpen: s.stdin_open === true,
    dns: stringList(s.dns), dnsSearch: stringList(s.dns_search), dnsOptions: stringList(s.dns_opt), profiles: stringList(s.profiles),
    domainname: typeof s.domainname === 'string' ? s.domainname : '',
    macAddress: typeof s.mac_address === 'string' && s.mac_address !== '' ? s.mac_address : null,
    scale: typeof s.scale === 'number' ? s.scale : typeof deploy.replicas === 'number' ? deploy.replicas : 1,
    raw: s,
  };
}
