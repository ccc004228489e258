// What the engine's views say, read back through `docker inspect -f` (FACTS 4, 15, 58, 76, 83, 85, 103).
import { expect, it } from 'vitest';
import { World } from './helpers.js';

const S = 'busybox sleep 3600';
const cases: Array<{ setup: string[]; target: string; format: string; want: string | RegExp }> = [
  { setup: [`run -d --name b1 ${S}`], target: 'b1', format: '{{.HostConfig.NetworkMode}}', want: 'default' },
  { setup: [`run -d --name b1 --net bridge ${S}`], target: 'b1', format: '{{.HostConfig.NetworkMode}}', want: 'bridge' },
  { setup: [`run -d --name b1 ${S}`, 'stop b1'], target: 'b1', format: '{{.State.Status}} IP=[{{.NetworkSettings.IPAddress}}] MAC=[{{.NetworkSettings.MacAddress}}]',
    want: 'exited IP=[] MAC=[]' },
  { setup: [`create --name c1 ${S}`], target: 'c1', format: '{{.State.Status}} IP=[{{.NetworkSettings.IPAddress}}]', want: 'created IP=[]' },
  { setup: ['network create my-bridge', `run -d --name onlyuser --net my-bridge ${S}`], target: 'onlyuser',
    format: '[{{.NetworkSettings.IPAddress}}] {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', want: '[] 172.18.0.2' },
  { setup: ['network create my-bridge', `run -d --name mb1 --net my-bridge ${S}`, 'stop mb1'], target: 'mb1',
    format: '{{json .NetworkSettings.Networks}}', want: /^\{"my-bridge":\{"IPAMConfig":null,"Links":null,"Aliases":\["[0-9a-f]{12}"\],"NetworkID":"[0-9a-f]{64}","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,/ },
  { setup: [`run -d --name db ${S}`, 'run -d --name web --net=container:db nginx'], target: 'web',
    format: '{{.HostConfig.NetworkMode}} {{json .NetworkSettings.Networks}}', want: /^container:[0-9a-f]{64} \{\}$/ },
  { setup: ['run -d --name web --net=host nginx'], target: 'web', format: '{{.NetworkSettings.SandboxKey}} [{{.NetworkSettings.IPAddress}}]',
    want: '/var/run/docker/netns/default []' },
  { setup: ['network create my-bridge', `run -d --name dc1 ${S}`, 'network connect my-bridge dc1'], target: 'dc1',
    format: '{{.NetworkSettings.IPAddress}} {{json .NetworkSettings.Networks.bridge.IPAMConfig}} {{json (index .NetworkSettings.Networks "my-bridge").IPAMConfig}}',
    want: '172.17.0.2 null {}' },
  { setup: ['network create --subnet 192.168.100.0/24 mynet', `run -d --name fix --net mynet --ip 192.168.100.100 ${S}`], target: 'fix',
    format: '{{json .NetworkSettings.Networks.mynet.IPAMConfig}} {{.NetworkSettings.Networks.mynet.IPPrefixLen}}',
    want: '{"IPv4Address":"192.168.100.100"} 24' },
];

it.each(cases)('$target: $format', ({ setup, target, format, want }) => {
  const w = new World();
  w.setup(...setup);
  const r = w.docker(`inspect -f '${format}' ${target}`);
  expect(r.stderr).toBe('');
  if (typeof want === 'string') expect(r.stdout).toBe(`${want}\n`);
  else expect(r.stdout.trimEnd()).toMatch(want);
});

it('ip of a container-mode container is its namespace owner\'s (LANGUAGE.md)', () => {
  const w = new World();
  w.setup('run -d --name db -e MYSQL_ROOT_PASSWORD=x mysql:5.7', 'run -d --name web --net=container:db nginx');
  expect(w.ip('web')).toBe(w.ip('db'));
  expect(w.docker('exec web hostname').stdout).toBe(w.docker('exec db hostname').stdout);
});
