// network connect and the sandbox made at start, as a real 20.10 engine answers (checked
// with --backend sim,docker --compare-output; scenarios/network-connect.dnet,
// multi-network.dnet, network-modes.dnet, lifecycle.dnet). Each row: a setup, a command,
// what the engine printed.
import { describe, it } from 'vitest';
import { expectRow, type EngineRow } from './helpers.js';


const subnet = 'network create --subnet 10.50.0.0/24 ipnet';
const rows: EngineRow[] = [
  // --ip: only the subnet is checked at once; the address is read when the endpoint is built.
  { name: '--ip on a network without a user subnet', setup: ['network create plain', 'create --name s1 busybox sleep 9'],
    cmd: 'network connect --ip 10.50.0.5 plain s1', exitCode: 1,
    stderr: 'Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets\n' },
  { name: '--ip on a predefined network comes first', setup: ['run -d --name r1 busybox sleep 9'], cmd: 'network connect --ip bad bridge r1', exitCode: 1,
    stderr: 'Error response from daemon: user specified IP address is supported on user defined networks only\n' },
  { name: 'a stopped container stores a bad --ip unread', setup: [subnet, 'create --name s1 busybox sleep 9'], cmd: 'network connect --ip 10.50.0.300 ipnet s1', exitCode: 0, stderr: '' },
  { name: '…and its start fails on it', setup: [subnet, 'create --name s1 busybox sleep 9', 'network connect --ip 10.50.0.300 ipnet s1'], cmd: 'start s1', exitCode: 1,
    stderr: 'Error response from daemon: Invalid IPv4 address: 10.50.0.300)\nError: failed to start containers: s1\n' },
  { name: '…or on an address outside the subnet', setup: [subnet, 'create --name s1 busybox sleep 9', 'network connect --ip 10.60.0.5 ipnet s1'], cmd: 'start s1', exitCode: 1,
    stderr: "Error response from daemon: Invalid address 10.60.0.5: It does not belong to any of this network's subnets\nError: failed to start containers: s1\n" },
  { name: 'a running container: an unparsable address', setup: [subnet, 'run -d --name r1 busybox sleep 9'], cmd: 'network connect --ip bad ipnet r1', exitCode: 1,
    stderr: 'Error response from daemon: Invalid IPv4 address: bad)\n' },
  { name: 'a running container: an IPv6 address is in no IPv4 pool', setup: [subnet, 'run -d --name r1 busybox sleep 9'], cmd: 'network connect --ip ::1 ipnet r1', exitCode: 1,
    stderr: "Error response from daemon: Invalid address ::1: It does not belong to any of this network's subnets\n" },
  { name: 'a duplicate endpoint is refused before IPAM', setup: [subnet, 'run -d --name r1 --network ipnet busybox sleep 9'], cmd: 'network connect --ip 10.60.0.5 ipnet r1', exitCode: 1,
    stderr: 'Error response from daemon: endpoint with name r1 already exists in network ipnet\n' },
  { name: '…but after the address is parsed', setup: [subnet, 'run -d --name r1 --network ipnet busybox sleep 9'], cmd: 'network connect --ip bad ipnet r1', exitCode: 1,
    stderr: 'Error response from daemon: Invalid IPv4 address: bad)\n' },
  // none excludes the other networks the container is listed on, not none mode as such.
  { name: 'none after every network is disconnected', setup: ['run -d --name r1 busybox sleep 9', 'network disconnect bridge r1'], cmd: 'network connect none r1', exitCode: 0 },
  { name: 'another network while on none', setup: ['run -d --name r1 busybox sleep 9', 'network disconnect bridge r1', 'network connect none r1'], cmd: 'network connect bridge r1', exitCode: 1,
    stderr: 'Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode\n' },
  { name: 'a none-mode container off none joins the bridge', setup: ['run -d --name r1 --network none busybox sleep 9', 'network disconnect none r1', 'network connect bridge r1'],
    cmd: "inspect -f '{{.HostConfig.NetworkMode}} {{.NetworkSettings.IPAddress}}' r1", stdout: 'none 172.17.0.2\n' },
  { name: 'connect keeps its (empty) alias list on a predefined network', setup: ['run -d --name r1 busybox sleep 9', 'network disconnect bridge r1', 'network connect none r1'],
    cmd: "inspect -f '{{json .NetworkSettings.Networks.none.Aliases}}' r1", stdout: '[]\n' },
  // A sandbox made at start names its interfaces by network name, internal ones last.
  { name: 'interfaces named by network name at a restart',
    setup: ['network create --subnet 10.1.0.0/24 zeta', 'network create --subnet 10.2.0.0/24 alpha', 'network create --internal --subnet 10.3.0.0/24 aint',
      'run -d --name r1 --network zeta busybox sleep 9', 'network connect aint r1', 'network connect alpha r1', 'network connect bridge r1', 'restart -t 0 r1'],
    cmd: "exec r1 sh -c 'ip -4 -o addr show eth0; ip -4 -o addr show eth1; ip -4 -o addr show eth2; ip -4 -o addr show eth3'",
    stdout: /eth0 +inet 10\.2\.0\.2\/24 [^\n]*\n[^\n]*eth1 +inet 172\.17\.0\.2\/16[^\n]*\n[^\n]*eth2 +inet 10\.1\.0\.2\/24[^\n]*\n[^\n]*eth3 +inet 10\.3\.0\.2\/24/ },
  { name: 'a join while running takes the next name',
    setup: ['network create --subnet 10.1.0.0/24 zeta', 'network create --subnet 10.2.0.0/24 alpha', 'run -d --name r1 --network zeta busybox sleep 9', 'network connect alpha r1'],
    cmd: 'exec r1 ip -4 addr show eth1', stdout: /inet 10\.2\.0\.2\/24/ },
  // docker create: a daemon refusal as it came, exit 1; the client's own checks exit 125.
  { name: 'create: a daemon refusal', setup: [], cmd: 'create --name c1 --restart bogus busybox', exitCode: 1,
    stderr: "Error response from daemon: invalid restart policy 'bogus'\n" },
  { name: 'create: a client check', setup: [], cmd: 'create --name c1 --mac-address zz busybox', exitCode: 125,
    stderr: "docker: zz is not a valid mac address.\nSee 'docker create --help'.\n" },
];

describe('network connect and interface names as the real engine answers', () => {
  it.each(rows)('$name', expectRow);
});
