// A container as `docker inspect` shows it (types.ContainerJSON of API 1.41), built as a
// typed Go value so `-f` templates print like the real client. Field order and null
// vs {} follow a real 20.10 engine (test/engine-format/fixtures/*.inspect.json).

import { createHash } from 'node:crypto';
import type { ContainerView, EndpointView, HealthConfig, MountView, PublishedPortView } from '../model.js';
import { bool, fields, type GoValue, int, ptr, str, stringMap, strings, struct } from './govalue.js';
import { hostConfigValue, portMap } from './inspect-hostconfig.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** A stable fake 64-hex digest (image IDs, sandbox IDs): the simulator has no real ones. */
export function fakeDigest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** types.MountPoint as the 20.10 engine prints it: a volume (Mode "z", or "ro"), a bind mount (Propagation rprivate). */
function mountValue(m: MountView): GoValue {
  return struct('types.MountPoint', fields([
    ['Type', str(m.type)],
    ...(m.type === 'volume' ? [['Name', str(m.name)] as [string, GoValue]] : []),
    ['Source', str(m.source)],
    ['Destination', str(m.destination)],
    ...(m.type === 'volume' ? [['Driver', str('local')] as [string, GoValue]] : []),
    ['Mode', str(m.readOnly ? 'ro' : m.type === 'volume' ? 'z' : '')],
    ['RW', bool(!m.readOnly)],
    ['Propagation', str(m.type === 'volume' ? '' : 'rprivate')],
  ]));
}

export function containerValue(c: ContainerView): GoValue {
  const started = c.state.startedAt !== '' && c.state.startedAt !== ZERO_TIME;
  const dir = `/var/lib/docker/containers/${c.id}`;
  const path = (file: string) => (started ? `${dir}/${file}` : '');
  const command = [...c.entrypoint, ...c.cmd];
  return ptr(
    '*types.ContainerJSON',
    struct(
      'types.ContainerJSON',
      fields([
        ['Id', str(c.id)],
        ['Created', str(c.created)],
        ['Path', str(command[0] ?? '')],
        ['Args', strings(command.slice(1))],
        ['State', stateValue(c)],
        ['Image', str(`sha256:${c.imageId}`)],
        ['ResolvConfPath', str(path('resolv.conf'))],
        ['HostnamePath', str(path('hostname'))],
        ['HostsPath', str(path('hosts'))],
        ['LogPath', str(path(`${c.id}-json.log`))],
        ['Name', str('/' + c.name)],
        ['RestartCount', int(0)],
        ['Driver', str('overlay2')],
        ['Platform', str('linux')],
        ['MountLabel', str('')],
        ['ProcessLabel', str('')],
        ['AppArmorProfile', str('')],
        ['ExecIDs', strings(null)],
        ['HostConfig', hostConfigValue(c)],
        ['GraphDriver', graphDriverValue(c)],
        ['Mounts', { k: 'slice', type: '[]types.MountPoint', items: (c.mounts ?? []).map(mountValue) }],
        ['Config', configValue(c)],
        ['NetworkSettings', networkSettingsValue(c, started)],
      ]),
    ),
  );
}

function stateValue(c: ContainerView): GoValue {
  const s = c.state;
  return ptr(
    '*types.ContainerState',
    struct(
      'types.ContainerState',
      fields([
        ['Status', str(s.status)],
        ['Running', bool(s.running)],
        ['Paused', bool(s.paused)],
        ['Restarting', bool(false)],
        ['OOMKilled', bool(false)],
        ['Dead', bool(s.status === 'dead')],
        ['Pid', int(s.pid)],
        ['ExitCode', int(s.exitCode)],
        ['Error', str(s.error)],
        ['StartedAt', str(s.startedAt || ZERO_TIME)],
        ['FinishedAt', str(s.finishedAt || ZERO_TIME)],
        ['Health?', ptr('*types.Health', null)],
      ]),
    ),
  );
}

function graphDriverValue(c: ContainerView): GoValue {
  const layer = `/var/lib/docker/overlay2/${fakeDigest('layer:' + c.id)}`;
  const image = `/var/lib/docker/overlay2/${fakeDigest('layer:' + c.image)}`;
  return struct(
    'types.GraphDriverData',
    fields([
      [
        'Data',
        stringMap({
          LowerDir: `${layer}-init/diff:${image}/diff`,
          MergedDir: `${layer}/merged`,
          UpperDir: `${layer}/diff`,
          WorkDir: `${layer}/work`,
        }),
      ],
      ['Name', str('overlay2')],
    ]),
  );
}

/** What a container.Config holds: a container's own, or an image's Config and ContainerConfig. */
export interface ConfigFields {
  hostname: string;
  domainname: string;
  user: string;
  /** `80/tcp`, …; none: the field is left out. */
  exposed: readonly string[];
  tty: boolean;
  openStdin: boolean;
  env: readonly string[] | null;
  cmd: readonly string[] | null;
  image: string;
  workingDir: string;
  entrypoint: readonly string[] | null;
  /** `--mac-address` / compose `mac_address` ('' or absent: the field is left out). */
  macAddress?: string;
  labels: Record<string, string> | null;
  /** STOPSIGNAL / --stop-signal ('' or absent: left out of JSON). */
  stopSignal?: string;
  /** --stop-timeout (absent: a nil *int, left out of JSON). */
  stopTimeout?: number;
  /** --health-* / --no-healthcheck (absent: nil, left out of JSON). */
  healthcheck?: HealthConfig;
}

/** container.HealthConfig: every field omitempty, durations in nanoseconds. */
function healthValue(h: HealthConfig): GoValue {
  return struct('container.HealthConfig', fields([
    ['Test?', strings(h.test ?? null)],
    ['Interval?', int(h.interval)],
    ['Timeout?', int(h.timeout)],
    ['StartPeriod?', int(h.startPeriod)],
    ['Retries?', int(h.retries)],
  ]));
}

export function containerConfigValue(c: ConfigFields): GoValue {
  const exposed: Array<[string, GoValue]> = c.exposed.map((p) => [p, struct('struct {}', [])]);
  return ptr(
    '*container.Config',
    struct(
      'container.Config',
      fields([
        ['Hostname', str(c.hostname)],
        ['Domainname', str(c.domainname)],
        ['User', str(c.user)],
        // `docker create` / foreground `run` attach stdout+stderr; `run -d` does not.
        ['AttachStdin', bool(false)],
        ['AttachStdout', bool(false)],
        ['AttachStderr', bool(false)],
        ['ExposedPorts?', { k: 'map', type: 'nat.PortSet', entries: exposed.length > 0 ? exposed : null }],
        ['Tty', bool(c.tty)],
        ['OpenStdin', bool(c.openStdin)],
        ['StdinOnce', bool(false)],
        ['Env', strings(c.env === null ? null : [...c.env])],
        ['Cmd', strings(c.cmd === null ? null : [...c.cmd], 'strslice.StrSlice')],
        ['Healthcheck?', ptr('*container.HealthConfig', c.healthcheck ? healthValue(c.healthcheck) : null)],
        ['ArgsEscaped?', bool(false)],
        ['Image', str(c.image)],
        ['Volumes', { k: 'map', type: 'map[string]struct {}', entries: null }],
        ['WorkingDir', str(c.workingDir)],
        ['Entrypoint', strings(c.entrypoint === null ? null : [...c.entrypoint], 'strslice.StrSlice')],
        ['NetworkDisabled?', bool(false)],
        ['MacAddress?', str(c.macAddress ?? '')],
        ['OnBuild', strings(null)],
        ['Labels', stringMap(c.labels)],
        // container.Config's omitempty tail: in a template's typed value, absent from JSON.
        ['StopSignal?', str(c.stopSignal ?? '')],
        ['StopTimeout?', ptr('*int', c.stopTimeout === undefined ? null : int(c.stopTimeout))],
        ['Shell?', strings(null, 'strslice.StrSlice')],
      ]),
    ),
  );
}

function configValue(c: ContainerView): GoValue {
  return containerConfigValue({
    hostname: c.hostname, domainname: c.domainname, user: c.user, exposed: c.exposedPorts.map((p) => `${p.port}/${p.proto}`),
    tty: c.tty, openStdin: c.openStdin, env: c.env, cmd: c.cmd.length > 0 ? c.cmd : null, image: c.image, workingDir: c.workingDir,
    entrypoint: c.entrypoint.length > 0 ? c.entrypoint : null, macAddress: c.macAddress, labels: c.labels,
    stopSignal: c.stopSignal, ...(c.stopTimeout !== undefined ? { stopTimeout: c.stopTimeout } : {}),
    ...(c.healthcheck ? { healthcheck: c.healthcheck } : {}),
  });
}

function networkSettingsValue(c: ContainerView, started: boolean): GoValue {
  const sharesNamespace = c.networkMode.startsWith('container:');
  const sandboxId = sharesNamespace || !started ? '' : fakeDigest('sandbox:' + c.id);
  const sandboxKey = sandboxId === '' ? '' : `/var/run/docker/netns/${c.sandbox?.key ?? sandboxId.slice(0, 12)}`;
  // The top-level fields describe only the default bridge (FACT 103).
  const bridge = c.networks.find((n) => n.networkName === 'bridge');
  // Host mode and shared namespaces publish nothing (FACT 58, 76); a stopped container has {}.
  const ports = c.state.running && !sharesNamespace && c.networkMode !== 'host' ? c.ports.map(portEntry) : [];
  return ptr(
    '*types.NetworkSettings',
    struct(
      'types.NetworkSettings',
      fields([
        ['Bridge', str('')],
        ['SandboxID', str(sandboxId)],
        ['HairpinMode', bool(false)],
        ['LinkLocalIPv6Address', str('')],
        ['LinkLocalIPv6PrefixLen', int(0)],
        ['Ports', portMap(ports)],
        ['SandboxKey', str(sandboxKey)],
        ['SecondaryIPAddresses', { k: 'slice', type: '[]network.Address', items: null }],
        ['SecondaryIPv6Addresses', { k: 'slice', type: '[]network.Address', items: null }],
        ['EndpointID', str(bridge?.endpointId ?? '')],
        ['Gateway', str(bridge?.gateway ?? '')],
        ['GlobalIPv6Address', str('')],
        ['GlobalIPv6PrefixLen', int(0)],
        ['IPAddress', str(bridge?.ipAddress ?? '')],
        ['IPPrefixLen', int(bridge?.ipPrefixLen ?? 0)],
        ['IPv6Gateway', str('')],
        ['MacAddress', str(bridge?.macAddress ?? '')],
        [
          'Networks',
          { k: 'map', type: 'map[string]*network.EndpointSettings', entries: c.networks.map((n) => [n.networkName, endpointValue(n)]) },
        ],
      ]),
    ),
  );
}

function portEntry(p: PublishedPortView): { key: string; bindings: Array<{ hostIp: string; hostPort: string }> | null } {
  return {
    key: `${p.containerPort}/${p.proto}`,
    bindings: p.bindings.length === 0 ? null : p.bindings.map((b) => ({ hostIp: b.hostIp, hostPort: String(b.hostPort) })),
  };
}

export function endpointValue(n: EndpointView): GoValue {
  const ipam =
    n.ipamConfig === null
      ? null
      : struct(
          'network.EndpointIPAMConfig',
          fields([
            ['IPv4Address?', str(n.ipamConfig.ipv4Address ?? '')],
            ['IPv6Address?', str(n.ipamConfig.ipv6Address ?? '')],
            ['LinkLocalIPs?', strings(null)],
          ]),
        );
  return ptr(
    '*network.EndpointSettings',
    struct(
      'network.EndpointSettings',
      fields([
        ['IPAMConfig', ptr('*network.EndpointIPAMConfig', ipam)],
        ['Links', strings(n.links)],
        ['Aliases', strings(n.aliases)],
        ['NetworkID', str(n.networkId)],
        ['EndpointID', str(n.endpointId)],
        ['Gateway', str(n.gateway)],
        ['IPAddress', str(n.ipAddress)],
        ['IPPrefixLen', int(n.ipPrefixLen)],
        ['IPv6Gateway', str(n.ipv6Gateway)],
        ['GlobalIPv6Address', str(n.globalIPv6Address)],
        ['GlobalIPv6PrefixLen', int(n.globalIPv6PrefixLen)],
        ['MacAddress', str(n.macAddress)],
        ['DriverOpts', stringMap(n.driverOpts)],
      ]),
    ),
  );
}
