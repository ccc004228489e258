// IPv6 networks, as a real 20.10 engine answers (checked with --backend sim,docker
// --compare-output; scenarios/ipv6.dnet). Each row: a setup, a command, what the engine
// printed.
import { describe, it } from 'vitest';
import { expectRow, type EngineRow } from './helpers.js';

const v6 = 'network create --ipv6 --subnet fd00:1::/64 v6net';
const run = (name: string, net = 'v6net', extra = ''): string => `run -d --name ${name} --network ${net} ${extra}busybox sleep 3600`;
/** lo as `ip addr` shows it in a sandbox with IPv6: ::1 is there. */
const LO6 = [
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000',
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
  '    inet 127.0.0.1/8 scope host lo',
  '       valid_lft forever preferred_lft forever',
  '    inet6 ::1/128 scope host ',
  '       valid_lft forever preferred_lft forever',
].join('\n');
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const rows: EngineRow[] = [
  { name: 'the IPv6 entry lists the subnet only', setup: [v6], cmd: "network inspect -f '{{json .IPAM.Config}} {{.EnableIPv6}}' v6net",
    stdout: '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"},{"Subnet":"fd00:1::/64"}] true\n' },
  { name: '…and what --gateway and --ip-range gave', setup: ['network create --ipv6 --subnet fd00:3::/64 --gateway fd00:3::fe --ip-range fd00:3::100/120 g6'],
    cmd: "network inspect -f '{{json .IPAM.Config}}' g6",
    stdout: '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"},{"Subnet":"fd00:3::/64","IPRange":"fd00:3::100/120","Gateway":"fd00:3::fe"}]\n' },
  { name: 'no default IPv6 pools', setup: [], cmd: 'network create --ipv6 v6b', exitCode: 1,
    stderr: 'Error response from daemon: could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network\n' },
  { name: '…and the IPv4 pool it took is given back, the search moved on', setup: ['!network create --ipv6 v6b'], cmd: "network create x", exitCode: 0 },
  { name: 'an overlapping IPv6 subnet', setup: [v6], cmd: 'network create --ipv6 --subnet fd00:1::/80 dup', exitCode: 1,
    stderr: 'Error response from daemon: Pool overlaps with other one on this address space\n' },
  { name: 'a bad IPv6 subnet', setup: [], cmd: 'network create --ipv6 --subnet fd00:zz::/64 bad', exitCode: 1,
    stderr: 'Error response from daemon: Invalid subnet fd00:zz::/64 : invalid CIDR address: fd00:zz::/64\n' },
  { name: 'an IPv6 gateway outside the subnet (the client)', setup: [], cmd: 'network create --ipv6 --subnet fd00:4::/64 --gateway fd00:5::1 g7', exitCode: 1,
    stderr: 'no matching subnet for gateway fd00:5::1\n' },
  { name: 'one subnet of each family (the bridge driver)', setup: [], cmd: 'network create --ipv6 --subnet fd00:3::/64 --subnet fd00:4::/64 two6', exitCode: 1,
    stderr: "Error response from daemon: bridge driver doesn't support multiple subnets\n" },
  { name: '…and two IPv4 ones', setup: [], cmd: 'network create --subnet 10.61.0.0/24 --subnet 10.62.0.0/24 two4', exitCode: 1,
    stderr: "Error response from daemon: bridge driver doesn't support multiple subnets\n" },
  { name: 'overlapping IPv6 subnets (the client)', setup: [], cmd: 'network create --ipv6 --subnet fd00:5::/64 --subnet fd00:5::/64 dup6', exitCode: 1,
    stderr: 'multiple overlapping subnet configuration is not supported\n' },
  { name: 'a /64 host part above 2^64 - 2 is outside libnetwork\'s bitmask', setup: [v6], cmd: run('e10', 'v6net', '--ip6 fd00:1::ffff:ffff:ffff:ffff '), exitCode: 125,
    stderr: /docker: Error response from daemon: bit does not belong to the sequence\.\n/ },
  { name: '…the one below it is allocatable', setup: [v6], cmd: run('e10', 'v6net', '--ip6 fd00:1::ffff:ffff:ffff:fffe '), exitCode: 0 },
  { name: 'an endpoint of both families', setup: [v6, run('v6a')], cmd: "inspect -f '{{json .NetworkSettings.Networks.v6net}}' v6a",
    stdout: /"Gateway":"172\.18\.0\.1","IPAddress":"172\.18\.0\.2","IPPrefixLen":16,"IPv6Gateway":"fd00:1::1","GlobalIPv6Address":"fd00:1::2","GlobalIPv6PrefixLen":64,"MacAddress":"02:42:ac:12:00:02"/ },
  { name: 'network inspect lists the IPv6 address', setup: [v6, run('v6a')], cmd: "network inspect -f '{{range .Containers}}{{.IPv4Address}} {{.IPv6Address}}{{end}}' v6net",
    stdout: '172.18.0.2/16 fd00:1::2/64\n' },
  { name: '--ip6 is kept in IPAMConfig', setup: [v6, run('v6e', 'v6net', '--ip6 fd00:1::99 ')], cmd: "inspect -f '{{json .NetworkSettings.Networks.v6net.IPAMConfig}} {{.NetworkSettings.Networks.v6net.GlobalIPv6Address}}' v6e",
    stdout: '{"IPv6Address":"fd00:1::99"} fd00:1::99\n' },
  { name: '--ip6 outside the subnet fails the start', setup: [v6], cmd: run('v6f', 'v6net', '--ip6 fd00:9::99 '), exitCode: 125,
    stderr: /docker: Error response from daemon: Invalid address fd00:9::99: It does not belong to any of this network's subnets\.\n/ },
  { name: '…and keeps its IPv4 address (libnetwork ipamAllocate)', setup: [v6, `!${run('v6f', 'v6net', '--ip6 fd00:9::99 ')}`, run('next')],
    cmd: "inspect -f '{{.NetworkSettings.Networks.v6net.IPAddress}}' next", stdout: '172.18.0.3\n' },
  { name: 'an --ip6 that is no IPv6 address', setup: [v6], cmd: run('v6j', 'v6net', '--ip6 172.18.0.50 '), exitCode: 125,
    stderr: "docker: Error response from daemon: invalid IPv6 address: 172.18.0.50.\nSee 'docker run --help'.\n" },
  { name: '--ip6 on a network without an IPv6 subnet', setup: ['network create plain'], cmd: run('p1', 'plain', '--ip6 fd00:1::5 '), exitCode: 125,
    stderr: /user specified IP address is supported only when connecting to networks with user configured subnets/ },
  { name: 'an IPv6 subnet without --ipv6: no address, no lo ::1', setup: ['network create --subnet fd00:2::/64 quiet', run('q1', 'quiet')],
    cmd: 'exec q1 ip addr', stdout: /^(?![\s\S]*inet6)/ },
  { name: 'ip addr: lo ::1, the global address (no DAD), the link-local one', setup: [v6, run('v6a')], cmd: 'exec v6a ip addr',
    stdout: new RegExp(`^${literal(LO6)}\\n[\\s\\S]*` +
      '    inet6 fd00:1::2/64 scope global flags 02 \\n       valid_lft forever preferred_lft forever\\n' +
      '    inet6 fe80::42:acff:fe12:2/64 scope link \\n       valid_lft forever preferred_lft forever\\n$') },
  { name: 'ip -6 route', setup: [v6, run('v6a')], cmd: 'exec v6a ip -6 route',
    stdout: 'fd00:1::/64 dev eth0  metric 256 \nfe80::/64 dev eth0  metric 256 \ndefault via fd00:1::1 dev eth0  metric 1024 \nmulticast ff00::/8 dev eth0  metric 256 \n' },
  { name: 'ip -6 route with three IPv6 networks: subnets in address order',
    setup: ['network create --ipv6 --subnet fd00:3::/64 --gateway fd00:3::fe g6', 'network create --ipv6 --subnet 10.50.0.0/24 --subnet fd00:6::/64 g8', v6,
      run('k6', 'g6'), 'network connect g8 k6', 'network connect --ip6 fd00:1::77 v6net k6'],
    cmd: 'exec k6 ip -6 route',
    stdout: 'fd00:1::/64 dev eth2  metric 256 \nfd00:3::/64 dev eth0  metric 256 \nfd00:6::/64 dev eth1  metric 256 \n'
      + 'fe80::/64 dev eth0  metric 256 \nfe80::/64 dev eth1  metric 256 \nfe80::/64 dev eth2  metric 256 \n'
      + 'default via fd00:3::fe dev eth0  metric 1024 \n'
      + 'multicast ff00::/8 dev eth0  metric 256 \nmulticast ff00::/8 dev eth1  metric 256 \nmulticast ff00::/8 dev eth2  metric 256 \n' },
  { name: 'ip -6 route get', setup: [v6, run('v6a')], cmd: 'exec v6a ip -6 route get fd00:1::3', stdout: 'fd00:1::3 from :: dev eth0  src fd00:1::2  metric 256 \n' },
  { name: '/etc/hosts has the IPv6 address after the IPv4 one', setup: [v6, run('v6a')], cmd: 'exec v6a cat /etc/hosts',
    stdout: /\n172\.18\.0\.2\t[0-9a-f]{12}\nfd00:1::2\t[0-9a-f]{12}\n$/ },
  { name: 'nslookup: the A answer, then the AAAA one', setup: [v6, run('v6a'), run('v6b')], cmd: 'exec v6a nslookup v6b',
    stdout: 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tv6b\nAddress: 172.18.0.3\n\nNon-authoritative answer:\nName:\tv6b\nAddress: fd00:1::3\n\n' },
  { name: 'ping NAME takes the IPv6 answer', setup: [v6, run('v6a'), run('v6b')], cmd: 'exec v6a ping -c 1 -W 1 v6b', stdout: /^PING v6b \(fd00:1::3\): 56 data bytes\n64 bytes from fd00:1::3: seq=0 ttl=64/ },
  { name: 'IPv6 between bridges: routed by the host, no isolation',
    setup: [v6, 'network create --ipv6 --subnet fd00:2::/64 other', run('v6a'), run('o1', 'other')], cmd: 'exec v6a ping -c 1 -W 1 fd00:2::2',
    stdout: /64 bytes from fd00:2::2: seq=0 ttl=63/ },
  { name: 'a container without IPv6 cannot send to an IPv6 address', setup: [v6, run('v6a'), 'run -d --name plain4 busybox sleep 3600'],
    cmd: 'exec plain4 ping -c 1 -W 1 fd00:1::2', exitCode: 1, stderr: 'ping: sendto: Cannot assign requested address\n' },
  { name: 'an unused address of the own subnet: no route to host', setup: [v6, run('v6a')], cmd: 'exec v6a nc fd00:1::3 80', exitCode: 1,
    stderr: "nc: can't connect to remote host: No route to host\n" },
  { name: 'a dual-stack network connected later becomes the gateway endpoint', setup: [v6, 'network create aa', run('m6', 'aa'), 'network connect v6net m6'],
    cmd: 'exec m6 ip route', stdout: /^default via 172\.18\.0\.1 dev eth1 \n/ },
];

describe('IPv6 networks, as the engine answers', () => {
  for (const row of rows) it(row.name, () => expectRow(row));
});
