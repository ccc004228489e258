// In-container tools as the real 20.10 engine's stand-in images answer (recorded with
// --backend sim,docker --compare-output; scenarios/stand-in-tools.dnet, volumes.dnet).
// Each row: a setup, a command, what the engine printed.
import { describe, it } from 'vitest';
import { expectRow, type EngineRow } from './helpers.js';


const onNet = ['network create rg', 'run -d --name r1 --network rg busybox sleep 9'];
const PAD = (text: string): string => `${text.padEnd(127)}\n`;
const rows: EngineRow[] = [
  { name: 'ip route get: a neighbour', setup: onNet, cmd: 'exec r1 ip route get 172.18.0.3', stdout: '172.18.0.3 dev eth0  src 172.18.0.2 \n' },
  { name: 'ip route get: through the gateway', setup: onNet, cmd: 'exec r1 ip route get 10.255.255.1', stdout: '10.255.255.1 via 172.18.0.1 dev eth0  src 172.18.0.2 \n' },
  { name: 'ip route get: its own address', setup: onNet, cmd: 'exec r1 ip route get 172.18.0.2', stdout: 'local 172.18.0.2 dev lo  src 172.18.0.2 \n' },
  { name: 'ip route get: loopback', setup: onNet, cmd: 'exec r1 ip route get 127.0.0.5', stdout: 'local 127.0.0.5 dev lo  src 127.0.0.1 \n' },
  { name: 'ip route get: the broadcast address', setup: onNet, cmd: 'exec r1 ip route get 172.18.255.255', stdout: 'broadcast 172.18.255.255 dev eth0  src 172.18.0.2 \n' },
  { name: 'ip route get: not an address', setup: onNet, cmd: 'exec r1 ip route get bad', exitCode: 1, stderr: 'ip: need at least destination address\n' },
  { name: 'ip route get: none mode', setup: ['run -d --name n1 --network none busybox sleep 9'], cmd: 'exec n1 ip route get 10.1.1.1', exitCode: 2,
    stderr: 'ip: RTNETLINK answers: Network is unreachable\n' },
  { name: '/proc/net/route', setup: onNet, cmd: 'exec r1 cat /proc/net/route',
    stdout: PAD('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT')
      + PAD('eth0\t00000000\t010012AC\t0003\t0\t0\t0\t00000000\t0\t0\t0') + PAD('eth0\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0') },
  { name: '/proc/net/route in none mode: the header only', setup: ['run -d --name n1 --network none busybox sleep 9'], cmd: 'exec n1 cat /proc/net/route',
    stdout: PAD('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT') },
  { name: '/sys/class/net', setup: onNet, cmd: 'exec r1 cat /sys/class/net/eth0/mtu /sys/class/net/lo/address /sys/class/net/eth0/operstate',
    stdout: '1500\n00:00:00:00:00:00\nup\n' },
  { name: 'ls /: the image, its mounts', setup: ['run -d --name l1 -v lsv:/data busybox sleep 9'], cmd: 'exec l1 ls /',
    stdout: 'bin\ndata\ndev\netc\nproc\nroot\nsys\ntmp\nvar\n' },
  { name: 'ls /etc: Docker\'s own files', setup: ['run -d --name l1 busybox sleep 9'], cmd: 'exec l1 ls /etc', stdout: 'group\nhostname\nhosts\nmtab\npasswd\nresolv.conf\n' },
  { name: 'ls of several paths: files first, then each folder under a header',
    setup: ['run -d --name l1 -v lsv:/data busybox sleep 9', "exec l1 sh -c 'echo a > /data/b.txt; echo t > /tmp/t1'"],
    cmd: 'exec l1 ls /data /tmp /data/b.txt', stdout: '/data/b.txt\n\n/data:\nb.txt\n\n/tmp:\nt1\n' },
  { name: 'ls -a', setup: ['run -d --name l1 -v lsv:/data busybox sleep 9', "exec l1 sh -c 'echo a > /data/b.txt'"], cmd: 'exec l1 ls -a /data', stdout: '.\n..\nb.txt\n' },
  { name: 'ls of a missing path', setup: ['run -d --name l1 busybox sleep 9'], cmd: 'exec l1 ls /nosuch', exitCode: 1, stderr: 'ls: /nosuch: No such file or directory\n' },
  { name: 'nginx\'s tree', setup: ['run -d --name w1 nginx'], cmd: 'exec w1 ls /usr/share/nginx/html', stdout: 'index.html\n' },
];

describe('in-container tools as the real engine answers', () => {
  it.each(rows)('$name', expectRow);
});
