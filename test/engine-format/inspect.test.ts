import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { inspectContainers, inspectNetworks } from '../../src/engine/format/inspect.js';
import { container, endpoint, network, nginxU1, userNetwork } from './views.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Values that differ by nature between two engines (digests of images, layers, sandboxes). */
function normalise(json: string): string {
  return json
    .replace(/"Image": "sha256:[0-9a-f]{64}"/, '"Image": "sha256:<image>"')
    .replace(/"SandboxID": "[0-9a-f]{64}"/, '"SandboxID": "<sandbox>"')
    .replace(/\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}/g, '/var/lib/docker/overlay2/<layer>');
}

describe('docker inspect (container)', () => {
  test.each([
    ['container-default-bridge.inspect.json', container({})],
    ['container-user-net.inspect.json', nginxU1()],
  ])('matches the real engine: %s', (file, view) => {
    const result = inspectContainers([{ found: view }], null);
    expect(result.exitCode).toBe(0);
    expect(normalise(result.stdout)).toBe(normalise(fixture(file)));
  });

  test('-f prints Go values as the real client does (fixture inspect-f-values.txt)', () => {
    const format =
      '{{.HostConfig.PortBindings}}|{{.NetworkSettings.Ports}}|{{.Config.Cmd}}|{{.HostConfig.Links}}|{{.Config.Labels}}|{{.Config.ExposedPorts}}|{{json .NetworkSettings.Networks}}';
    expect(inspectContainers([{ found: nginxU1() }], format).stdout).toBe(fixture('inspect-f-values.txt'));
  });

  test.each([
    ['{{.NetworkSettings.IPAddress}}', '172.17.0.2\n'],
    ['{{.NetworkSettings.MacAddress}}', '02:42:ac:11:00:02\n'],
    ['{{.HostConfig.NetworkMode}}', 'default\n'],
    ['{{.State}}', '{running true false false false false 6376 0  2026-11-22T06:50:32.566436045Z 0001-01-01T00:00:00Z <nil>}\n'],
    [
      '{{.NetworkSettings.Networks.bridge}}',
      '{<nil> [] [] bb89f5de4e986aa101a898217a32479b091ea82dd0d9a5609e811c076d0b32ff a15520323f4f9b876cab0034c3e5f6dc465f540055365f8832f9e2e0fedfacfe 172.17.0.1 172.17.0.2 16   0 02:42:ac:11:00:02 map[]}\n',
    ],
    ['{{range .NetworkSettings.Networks}}{{.IPAMConfig}} {{.Aliases}} {{.DriverOpts}}{{end}}', '<nil> [] map[]\n'],
    ['{{.NetworkSettings.Networks.nosuch.IPAddress}}', '<no value>\n'],
    ['{{.Config.Labels.foo}}', '<no value>\n'],
    ['{{json .HostConfig.Links}} {{.Name}}', 'null /h-fmt-b1\n'],
  ])('-f %s', (format, expected) => {
    expect(inspectContainers([{ found: container({}) }], format)).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
  });

  test.each([
    ['{{.Foo', '', 'template parsing error: template: :1: unclosed action\n', 64],
    ['{{if .Id}}x', '', 'template parsing error: template: :1: unexpected EOF\n', 64],
    ['{{nosuchfunc .Id}}', '', 'template parsing error: template: :1: function "nosuchfunc" not defined\n', 64],
    ['{{.Foo}}', '\n', 'template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"\n', 1],
    ['{{.Id}} {{.Foo}}', '\n', 'template parsing error: template: :1:10: executing "" at <.Foo>: map has no entry for key "Foo"\n', 1],
    ['{{.State.Foo}}', '\n', 'template parsing error: template: :1:8: executing "" at <.State.Foo>: map has no entry for key "Foo"\n', 1],
    [
      '{{.NetworkSettings.Networks.bridge.IPAMConfig.IPv4Address}}',
      '\n',
      'template parsing error: template: :1:18: executing "" at <.NetworkSettings.Networks.bridge.IPAMConfig.IPv4Address>: nil pointer evaluating interface {}.IPv4Address\n',
      1,
    ],
  ])('-f %s fails as the real client does', (format, stdout, stderr, exitCode) => {
    expect(inspectContainers([{ found: container({}) }], format)).toEqual({ stdout, stderr, exitCode });
  });

  test('a map of pointers prints addresses, as Go does (real: map[bridge:0xc00038e000])', () => {
    expect(inspectContainers([{ found: container({}) }], '{{.NetworkSettings.Networks}}').stdout).toMatch(/^map\[bridge:0xc[0-9a-f]{9}\]\n$/);
  });

  test('missing objects: [] and the error (FACT 101)', () => {
    expect(inspectContainers([{ missing: 'nosuch' }], null)).toEqual({ stdout: '[]\n', stderr: 'Error: No such object: nosuch\n', exitCode: 1 });
    expect(inspectContainers([{ found: container({}) }, { missing: 'nosuch' }], '{{.Name}}')).toEqual({
      stdout: '/h-fmt-b1\n',
      stderr: 'Error: No such object: nosuch\n',
      exitCode: 1,
    });
  });

  test('a stopped container keeps its network entry with emptied fields (FACT 15)', () => {
    const stopped = container({
      state: { status: 'exited', running: false, paused: false, exitCode: 137, error: '', startedAt: '2026-11-22T06:59:19.716887066Z', finishedAt: '2026-11-22T06:59:19.804986279Z', pid: 0 },
      networks: [endpoint({ endpointId: '', ipAddress: '', ipPrefixLen: 0, gateway: '', macAddress: '' })],
      sandbox: null,
    });
    const out = inspectContainers([{ found: stopped }], '{{.State.Status}} IP=[{{.NetworkSettings.IPAddress}}] {{json .NetworkSettings.Networks}} {{json .NetworkSettings.Ports}}');
    expect(out.stdout).toBe(
      'exited IP=[] {"bridge":{"IPAMConfig":null,"Links":null,"Aliases":null,"NetworkID":"bb89f5de4e986aa101a898217a32479b091ea82dd0d9a5609e811c076d0b32ff","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"IPv6Gateway":"","GlobalIPv6Address":"","GlobalIPv6PrefixLen":0,"MacAddress":"","DriverOpts":null}} {}\n',
    );
  });

  test('--ip and connected networks: IPAMConfig {"IPv4Address":…} and {} (FACT 29, 85)', () => {
    const c = container({
      networks: [endpoint({}), endpoint({ networkName: 'mynet', ipamConfig: { ipv4Address: '192.168.100.50' }, driverOpts: {} }), endpoint({ networkName: 'b', ipamConfig: {}, driverOpts: {} })],
    });
    const out = inspectContainers([{ found: c }], '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{json $v.IPAMConfig}},{{json $v.DriverOpts}} {{end}}');
    expect(out.stdout).toBe('b={},{} bridge=null,null mynet={"IPv4Address":"192.168.100.50"},{} \n');
  });

  test('running nginx without -p: Ports {"80/tcp":null}', () => {
    const c = { ...nginxU1(), ports: [{ containerPort: 80, proto: 'tcp' as const, bindings: [] }] };
    expect(inspectContainers([{ found: c }], '{{json .NetworkSettings.Ports}}').stdout).toBe('{"80/tcp":null}\n');
  });
});

describe('docker inspect: host and container network modes', () => {
  test('host mode: no ports, netns "default", empty addresses (FACT 58)', () => {
    const web = {
      ...nginxU1(),
      networkMode: 'host',
      networks: [endpoint({ networkName: 'host', ipAddress: '', ipPrefixLen: 0, gateway: '', macAddress: '' })],
      ports: [{ containerPort: 80, proto: 'tcp' as const, bindings: [] }],
      sandbox: { ...nginxU1().sandbox!, key: 'default' },
    };
    const out = inspectContainers([{ found: web }], '{{json .NetworkSettings.Ports}} {{.NetworkSettings.SandboxKey}} [{{.NetworkSettings.IPAddress}}] {{.HostConfig.NetworkMode}}');
    expect(out.stdout).toBe('{} /var/run/docker/netns/default [] host\n');
  });
  test('container mode: Networks {} and no sandbox of its own (FACT 76)', () => {
    const web = { ...nginxU1(), networkMode: `container:${'d'.repeat(64)}`, networks: [] };
    const out = inspectContainers([{ found: web }], '{{json .NetworkSettings.Networks}} {{json .NetworkSettings.Ports}} [{{.NetworkSettings.SandboxID}}] [{{.NetworkSettings.SandboxKey}}]');
    expect(out.stdout).toBe('{} {} [] []\n');
  });
  test('a created container has no paths and no sandbox (real engine)', () => {
    const created = container({ state: { ...container({}).state, status: 'created', running: false, startedAt: '0001-01-01T00:00:00Z', pid: 0 }, sandbox: null });
    const out = inspectContainers([{ found: created }], '[{{.NetworkSettings.SandboxID}}] [{{.ResolvConfPath}}] [{{.LogPath}}] {{.State.Status}}');
    expect(out.stdout).toBe('[] [] [] created\n');
  });
});

describe('docker network inspect', () => {
  test.each([
    ['network-bridge.inspect.json', network({})],
    ['network-user.inspect.json', userNetwork()],
  ])('matches the real engine: %s', (file, view) => {
    expect(inspectNetworks([{ found: view }], null).stdout).toBe(fixture(file));
  });

  test('-f with Go values of the typed NetworkResource', () => {
    const format = '{{.IPAM.Config}} {{.Options}} {{.Labels}} {{.IPAM.Options}}';
    expect(inspectNetworks([{ found: network({}) }, { found: userNetwork() }], format).stdout).toBe(
      '[{172.17.0.0/16   map[]}] map[com.docker.network.bridge.default_bridge:true com.docker.network.bridge.enable_icc:true com.docker.network.bridge.enable_ip_masquerade:true com.docker.network.bridge.host_binding_ipv4:0.0.0.0 com.docker.network.bridge.name:docker0 com.docker.network.driver.mtu:1500] map[] map[]\n' +
        '[{172.18.0.0/16  172.18.0.1 map[]}] map[] map[] map[]\n',
    );
  });

  test('no such network: [] and the error (FACT 93)', () => {
    expect(inspectNetworks([{ missing: 'nosuchnet' }], null)).toEqual({ stdout: '[]\n', stderr: 'Error: No such network: nosuchnet\n', exitCode: 1 });
  });
});
