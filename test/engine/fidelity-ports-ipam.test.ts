// Port publishing, IPAM options, rename and network prune as a real 20.10 engine answers them (docs/facts-coverage.md,
// "Beyond the facts"; scenarios/port-binding.dnet, aux-addresses.dnet, rename-prune.dnet). Each row:
// a setup, a command, what the engine printed.
import { describe, expect, it } from 'vitest';
import { sortPortMap } from '../../src/engine/ports.js';
import type { PortRequestView } from '../../src/engine/model.js';
import { expectRow, type EngineRow } from './helpers.js';

const proxy = (rest: string): RegExp =>
  new RegExp(`^docker: Error response from daemon: driver failed programming external connectivity on endpoint \\w+ \\([0-9a-f]{64}\\): Error starting userland proxy: ${rest.replace(/\./g, '\\.')}\\.\\n`);

const rows: EngineRow[] = [
  { name: 'a host address the host does not own', setup: [], cmd: 'run -d --name u1 -p 203.0.113.7:18091:80/udp nginx',
    exitCode: 125, stderr: proxy('listen udp4 203.0.113.7:18091: bind: cannot assign requested address') },
  { name: 'a random port on such an address: ten tries', setup: [], cmd: 'run -d --name u1 -p 203.0.113.7::80 nginx',
    exitCode: 125, stderr: proxy('listen tcp4 203.0.113.7:32777: bind: cannot assign requested address') },
  { name: 'the address is checked before the port', setup: ['run -d --name aa -p 18080:80 nginx'], cmd: 'run -d --name u1 -p 203.0.113.7:18080:80 nginx',
    exitCode: 125, stderr: proxy('listen tcp4 203.0.113.7:18080: bind: cannot assign requested address') },
  { name: 'bridge gateways and loopback can be bound', setup: ['network create bn', 'run -d --name u3 -p 172.17.0.1:18090:80 -p 172.18.0.1:18090:80 -p 127.0.0.2:18090:80 nginx'],
    cmd: 'port u3 80', stdout: '127.0.0.2:18090\n172.18.0.1:18090\n172.17.0.1:18090\n' },
  { name: 'a udp bind clash says udp4', setup: ['run -d --name aa -p 18081:80/udp nginx'], cmd: 'run -d --name bb -p 127.0.0.1:18081:80/udp nginx',
    exitCode: 125, stderr: proxy('listen udp4 127.0.0.1:18081: bind: address already in use') },
  { name: 'a random port moves past a bind clash', setup: ['run -d --name lo1 -p 127.0.0.1:32768:80 nginx', 'run -d --name any1 -p 80 nginx'],
    cmd: 'port any1 80', stdout: '0.0.0.0:32769\n:::32768\n' },
  { name: 'tcp bindings of one port are bound in reverse flag order', setup: [], cmd: 'run -d --name qq -p 127.0.0.1:18082:80 -p 18082:80 nginx',
    exitCode: 125, stderr: proxy('listen tcp4 127.0.0.1:18082: bind: address already in use') },
  { name: 'docker port: strconv error', setup: ['run -d --name a1 -p 18080:80 nginx'], cmd: 'port a1 abc', exitCode: 1, stderr: 'strconv.ParseUint: parsing "abc": invalid syntax\n' },
  { name: 'docker port: out of range', setup: ['run -d --name a1 -p 18080:80 nginx'], cmd: 'port a1 99999', exitCode: 1, stderr: 'strconv.ParseUint: parsing "99999": value out of range\n' },
  { name: 'docker port: reversed range', setup: ['run -d --name a1 -p 18080:80 nginx'], cmd: 'port a1 81-80', exitCode: 1, stderr: 'Invalid range specified for the Port: 81-80\n' },
  { name: 'docker port: the number, not the text, is looked up', setup: ['run -d --name a1 -p 18080:80 nginx'], cmd: 'port a1 080', stdout: '0.0.0.0:18080\n:::18080\n' },
  { name: 'docker port: an empty port is port 0', setup: ['run -d --name a1 -p 18080:80 nginx'], cmd: 'port a1 /udp', exitCode: 1, stderr: "Error: No public port '/udp' published for a1\n" },
  { name: 'aux address: the client wants a matching subnet', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --aux-address a=10.6.0.1 x',
    exitCode: 1, stderr: 'no matching subnet for aux-address 10.6.0.1\n' },
  { name: 'aux address: also without --subnet', setup: [], cmd: 'network create --aux-address a=10.6.0.1 x', exitCode: 1, stderr: 'no matching subnet for aux-address 10.6.0.1\n' },
  { name: 'aux address: the gateway is taken first', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --aux-address gw=10.5.0.1 x',
    exitCode: 1, stderr: 'Error response from daemon: failed to allocate secondary ip address (gw:10.5.0.1): Address already in use\n' },
  { name: 'aux address: the range gateway is the range\'s first address', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --ip-range 10.5.1.0/24 --aux-address a=10.5.1.0 x',
    exitCode: 1, stderr: 'Error response from daemon: failed to allocate secondary ip address (a:10.5.1.0): Address already in use\n' },
  { name: 'aux address: the broadcast address', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --aux-address b=10.5.255.255 x',
    exitCode: 1, stderr: 'Error response from daemon: failed to allocate secondary ip address (b:10.5.255.255): Address already in use\n' },
  { name: 'aux address: a failed create gives the pool back', setup: ['!network create --subnet 10.5.0.0/16 --aux-address b=10.5.0.0 x'],
    cmd: 'network create --subnet 10.5.0.0/16 y', stdout: /^[0-9a-f]{64}\n$/ },
  { name: 'aux addresses in inspect', setup: ['network create --subnet 10.8.0.0/16 --aux-address z=10.8.0.9 --aux-address a=10.8.0.2 x'],
    cmd: "network inspect -f '{{json .IPAM.Config}}' x", stdout: '[{"Subnet":"10.8.0.0/16","AuxiliaryAddresses":{"a":"10.8.0.2","z":"10.8.0.9"}}]\n' },
  { name: 'aux address outside --ip-range is reserved', setup: ['network create --subnet 10.5.0.0/16 --ip-range 10.5.1.0/24 --aux-address a=10.5.0.7 x'],
    cmd: 'run -d --name rr --net x --ip 10.5.0.7 busybox sleep 3600', exitCode: 125, stderr: /^docker: Error response from daemon: Address already in use\.\n/ },
  { name: 'two ranges for one subnet', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --ip-range 10.5.1.0/24 --ip-range 10.5.2.0/24 x',
    exitCode: 1, stderr: 'every ip-range or gateway must have a corresponding subnet\n' },
  { name: 'overlapping --subnet flags', setup: [], cmd: 'network create --subnet 10.5.0.0/16 --subnet 10.5.1.0/24 x',
    exitCode: 1, stderr: 'multiple overlapping subnet configuration is not supported\n' },
  { name: 'rename to the same name', setup: [`run -d --name c1 busybox sleep 3600`], cmd: 'rename c1 /c1', exitCode: 1,
    stderr: 'Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named c1\n' },
  { name: 'rename to an invalid name', setup: [`run -d --name c1 busybox sleep 3600`], cmd: 'rename c1 x', exitCode: 1,
    stderr: 'Error response from daemon: Error when allocating new name: Invalid container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named c1\n' },
  { name: 'rename to a taken name', setup: [`run -d --name c1 busybox sleep 3600`, `run -d --name c2 busybox sleep 3600`], cmd: 'rename c1 c2', exitCode: 1,
    stderr: /^Error response from daemon: Error when allocating new name: Conflict\. The container name "\/c2" is already in use by container "[0-9a-f]{64}"/ },
  { name: 'rename with a slash', setup: [`run -d --name c1 busybox sleep 3600`, 'rename c1 /c3'], cmd: "ps --format '{{.Names}}'", stdout: 'c3\n' },
  { name: 'prune: an unknown filter', setup: ['network create n1'], cmd: 'network prune -f --filter bogus=1', exitCode: 1, stderr: "Error response from daemon: Invalid filter 'bogus'\n" },
  { name: 'prune: a network of stopped containers goes', setup: ['network create n1', `run -d --name c1 --net n1 busybox sleep 3600`, 'stop c1'],
    cmd: 'network prune -f', stdout: 'Deleted Networks:\nn1\n\n' },
  { name: 'prune: label! skips what matches', setup: ['network create --label a=1 n1', 'network create n2'], cmd: 'network prune -f --filter label!=a', stdout: 'Deleted Networks:\nn2\n\n' },
  { name: 'prune: until keeps recent networks', setup: ['network create n1'], cmd: 'network prune -f --filter until=1h', stdout: '' },
  { name: '--add-host without a colon', setup: [], cmd: 'run --add-host foo busybox true', exitCode: 125,
    stderr: 'invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo"\nSee \'docker run --help\'.\n' },
  { name: '--add-host with a bad address', setup: [], cmd: 'create --add-host foo:1.2.3.4:5 busybox true', exitCode: 125,
    stderr: 'invalid argument "foo:1.2.3.4:5" for "--add-host" flag: invalid IP address in add-host: "1.2.3.4:5"\nSee \'docker create --help\'.\n' },
  { name: '--dns with a name', setup: [], cmd: 'run --dns notanip busybox true', exitCode: 125,
    stderr: 'invalid argument "notanip" for "--dns" flag: notanip is not an ip address\nSee \'docker run --help\'.\n' },
  { name: '--mac-address that is not one', setup: [], cmd: 'run --mac-address zz busybox true', exitCode: 125,
    stderr: "docker: zz is not a valid mac address.\nSee 'docker run --help'.\n" },
  { name: 'host-gateway is docker0\'s address', setup: ['network create hg', 'run -d --name h1 --net hg --add-host gw:host-gateway busybox sleep 3600'],
    cmd: 'exec h1 cat /etc/hosts', stdout: /\n172\.17\.0\.1\tgw\n/ },
  { name: 'an --ip-range wider than the subnet', setup: ['network create --subnet 10.41.0.0/16 --ip-range 10.41.5.0/8 wide', 'run -d --name w1 --net wide busybox sleep 3600'],
    cmd: "inspect -f '{{.NetworkSettings.Networks.wide.IPAddress}} {{.NetworkSettings.Networks.wide.Gateway}}' w1", stdout: '10.41.0.2 10.41.0.1\n' },
];

describe('ports and IPAM options as the real engine answers', () => {
  it.each(rows)('$name', expectRow);
});

const req = (spec: string): PortRequestView => {
  const [hostPort, rest] = spec.split(':');
  const [port, proto = 'tcp'] = rest.split('/');
  return { containerPort: Number(port), proto: proto as PortRequestView['proto'], hostIp: '', hostPort };
};
const order = (specs: string[]): string[] => sortPortMap(specs.map(req)).map((r) => `${r.hostPort}:${r.containerPort}/${r.proto}`);

describe('sortPortMap: Go\'s insertion sort with go-connections\' comparison', () => {
  it.each([
    { given: ['18084:80', '18083:80'], want: ['18083:80/tcp', '18084:80/tcp'] },
    { given: ['18083:80', '18084:80'], want: ['18084:80/tcp', '18083:80/tcp'] },
    { given: ['18085:80/udp', '18087:80/udp'], want: ['18087:80/udp', '18085:80/udp'] },
    { given: [':80', ':443'], want: [':443/tcp', ':80/tcp'] },
    { given: [':53/udp', ':53', ':54'], want: [':54/tcp', ':53/tcp', ':53/udp'] },
  ])('$given', ({ given, want }) => {
    expect(order(given)).toEqual(want);
  });
});
