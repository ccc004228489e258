// In-container tools as the real 20.10 engine's stand-in images answer (recorded with
// --backend sim,docker --compare-output; scenarios/stand-in-tools.dnet, volumes.dnet).
// Each row: a setup, a command, what the engine printed.
import { describe, expect, it } from 'vitest';
import { answerProbe } from '../../src/engine/probes.js';
import { expectRow, type EngineRow, World } from './helpers.js';


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
  // Text filters and pipes (BusyBox v1.35.0 on the 20.10 engine's stand-ins).
  { name: 'wc -l: bare for a pipe, named for a file', setup: onNet, cmd: "exec r1 sh -c 'cat /etc/hosts | wc -l; wc -l /etc/hosts'", stdout: '7\n7 /etc/hosts\n' },
  { name: 'wc: nine places a column, a space apart', setup: onNet, cmd: "exec r1 sh -c 'wc /etc/hosts'", stdout: '        7        16       174 /etc/hosts\n' },
  { name: 'grep of several files names each line\'s file', setup: onNet, cmd: 'exec r1 grep localhost /etc/hosts /etc/resolv.conf',
    stdout: '/etc/hosts:127.0.0.1\tlocalhost\n/etc/hosts:::1\tlocalhost ip6-localhost ip6-loopback\n' },
  { name: 'grep -c, -v', setup: onNet, cmd: "exec r1 sh -c 'grep -c ip6 /etc/hosts; grep -v ip6 /etc/hosts | head -n 1'", stdout: '5\n127.0.0.1\tlocalhost\n' },
  { name: 'grep without a match exits 1', setup: onNet, cmd: 'exec r1 grep nomatch /etc/hosts', exitCode: 1, stdout: '' },
  { name: 'grep of a missing file exits 2', setup: onNet, cmd: 'exec r1 grep x /nonexist', exitCode: 2, stderr: 'grep: /nonexist: No such file or directory\n' },
  { name: 'a basic regex: ( is literal, \\| alternates', setup: onNet, cmd: `exec r1 sh -c 'echo "a(b" | grep "a(b"; echo ab | grep "a\\|z"; echo x | grep -E "x|y"'`, stdout: 'a(b\nab\nx\n' },
  { name: 'awk prints fields, cut cuts them', setup: onNet, cmd: `exec r1 sh -c 'ip addr | grep "inet " | awk "{print \\$2}"; ip route | grep default | cut -d " " -f 3'`,
    stdout: '127.0.0.1/8\n172.18.0.2/16\n172.18.0.1\n' },
  { name: 'sort | uniq -c', setup: onNet, cmd: "exec r1 sh -c 'cut -f1 /etc/hosts | sort | uniq -c | tail -n 2'", stdout: '      1 ff02::1\n      1 ff02::2\n' },
  { name: 'a pipeline\'s status is the last command\'s', setup: onNet, cmd: "exec r1 sh -c 'false | true; echo $?; true | false; echo $?'", stdout: '0\n1\n' },
  { name: 'a failed first stage still feeds the next', setup: onNet, cmd: "exec r1 sh -c 'cat /nonexist | wc -l'", stdout: '0\n',
    stderr: "cat: can't open '/nonexist': No such file or directory\n" },
  { name: 'while, $((…)) and continue', setup: onNet, cmd: "exec r1 sh -c 'i=0; while [ $i -lt 4 ]; do i=$((i+1)); [ $i = 2 ] && continue; echo $i; done'", stdout: '1\n3\n4\n' },
  { name: 'a variable before a command is its environment only', setup: onNet, cmd: "exec r1 sh -c 'FOO=1 env | grep FOO; echo [$FOO]'", stdout: 'FOO=1\n[]\n' },
  // Not the engine's answer: there the loop waits for ever. The simulator says why it stopped.
  { name: 'a loop that never ends is stopped', setup: onNet, cmd: "exec r1 sh -c 'until ping -c 1 -W 1 nobody; do sleep 1; done'", exitCode: 2,
    stderr: /sh: until ran 10000 rounds without ending: time does not pass in dnet-test/ },
  { name: 'read says it is not simulated', setup: onNet, cmd: "exec r1 sh -c 'read x'", exitCode: 2, stderr: /read is not simulated/ },
  { name: 'a sysctl as set, the kernel\'s tab between numbers', setup: ["run -d --name t1 --sysctl 'net.ipv4.ping_group_range=1 2' busybox sleep 9"],
    cmd: 'exec t1 cat /proc/sys/net/ipv4/ping_group_range', stdout: '1\t2\n' },
  { name: 'IPv6 is off on an interface without an address', setup: onNet, cmd: 'exec r1 cat /proc/sys/net/ipv6/conf/eth0/disable_ipv6 /proc/sys/net/ipv4/ip_forward', stdout: '1\n1\n' },
  { name: 'other kernel files say they are not simulated', setup: onNet, cmd: 'exec r1 cat /proc/sys/kernel/hostname', exitCode: 127, stderr: 'dnet-test: /proc/sys/kernel/hostname is not simulated\n' },
  { name: 'a network sysctl in host mode fails the start', setup: [], cmd: 'run -d --name h1 --network host --sysctl net.ipv4.ip_forward=0 busybox sleep 9', exitCode: 125,
    stderr: /docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: sysctl "net\.ipv4\.ip_forward" not allowed in host network namespace: unknown\.\n/ },
  { name: 'a key outside the namespaced ones (the client)', setup: [], cmd: 'run --rm --sysctl kernel.foo=1 busybox true', exitCode: 125,
    stderr: "invalid argument \"kernel.foo=1\" for \"--sysctl\" flag: sysctl 'kernel.foo=1' is not whitelisted\nSee 'docker run --help'.\n" },
  { name: 'sed says it is not simulated', setup: onNet, cmd: "exec r1 sh -c 'cat /etc/hosts | sed -n 1p'", exitCode: 127, stderr: /'sed' exists in the image but is not simulated/ },
  { name: 'an option beyond those simulated says so', setup: onNet, cmd: 'exec r1 grep -A 1 x /etc/hosts', exitCode: 127, stderr: 'dnet-test: grep -A is not simulated\n' },
  // netstat and nc (real 20.10; the embedded DNS's ports are the kernel's there, fixed per sandbox here).
  { name: 'netstat -tln on the default bridge: the servers only', setup: ['run -d --name p1 busybox httpd -f -p 8080'], cmd: 'exec p1 netstat -tln',
    stdout: 'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n'
      + 'tcp        0      0 :::8080                 :::*                    LISTEN      \n' },
  { name: 'netstat -tuln on a user network: the embedded DNS first, TCP then UDP', setup: ['network create ns', 'run -d --name w1 --network ns nginx'],
    cmd: 'exec w1 netstat -tuln',
    stdout: /^Active Internet connections \(only servers\)\n.*\ntcp {8}0 {6}0 127\.0\.0\.11:\d{5} +0\.0\.0\.0:\* {15}LISTEN {6}\ntcp {8}0 {6}0 :::80 {19}:::\* {20}LISTEN {6}\nudp {8}0 {6}0 127\.0\.0\.11:\d{5} +0\.0\.0\.0:\* {27}\n$/ },
  { name: 'netstat -ln: the UNIX sockets too, none', setup: ['run -d --name p1 busybox sleep 9'], cmd: 'exec p1 netstat -ln',
    stdout: 'Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n'
      + 'Active UNIX domain sockets (only servers)\nProto RefCnt Flags       Type       State         I-Node Path\n' },
  { name: 'netstat without -l or -a: connected sockets, none', setup: ['run -d --name p1 busybox httpd -f -p 80'], cmd: 'exec p1 netstat -t',
    stdout: 'Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n' },
  { name: 'netstat -a', setup: ['run -d --name p1 busybox httpd -f -p 80'], cmd: 'exec p1 netstat -tan', stdout: /^Active Internet connections \(servers and established\)\n.*\ntcp .* :::80 / },
  { name: 'netstat -p is not in this build', setup: ['run -d --name p1 busybox sleep 9'], cmd: 'exec p1 netstat -tlnp', exitCode: 1,
    stderr: /^netstat: invalid option -- 'p'\nBusyBox v1\.35\.0 .*\n\nUsage: netstat \[-ral\] \[-tuwx\] \[-en\]\n/ },
  { name: 'a joined container\'s server is in its owner\'s netstat', setup: ['run -d --name o1 nginx', 'run -d --name j1 --network container:o1 busybox nc -ll -p 6000 -e /bin/cat'],
    cmd: 'exec o1 netstat -tln', stdout: /:::80 .*\n.*:::6000 / },
  { name: 'nc -lk as the main process: the usage, exit 1', setup: ['run -d --name k1 busybox nc -lk -p 5000'], cmd: 'logs k1',
    stderr: /^nc: invalid option -- 'k'\nBusyBox v1\.35\.0/ },
  { name: 'sh -c of one plain command runs as that command', setup: ["run -d --name k1 busybox sh -c 'nc -lk -p 5000'"], cmd: "inspect -f '{{.State.Status}} {{.State.ExitCode}}' k1",
    stdout: 'exited 1\n' },
  { name: 'sh -c "httpd -p N" serves N', setup: ["run -d --name h1 busybox sh -c 'httpd -f -p 8081'"], cmd: 'exec h1 netstat -tln', stdout: /:::8081 / },
  { name: 'nc -l with an address that is none: the bind fails', setup: ['run -d --name k1 busybox nc -l 5000'], cmd: 'logs k1',
    stderr: 'nc: bind: Cannot assign requested address\n' },
];

// BusyBox nc -l serves one connection (real 20.10, scenarios/stand-in-tools.dnet).
const ncNet = ['network create nn', 'run -d --name c1 --network nn busybox sleep 9'];
const serve = (flags: string, extra = ''): string[] => [...ncNet, `run -d --name s1 --network nn ${extra} busybox nc ${flags}`.replace(/ +/g, ' ')];
const state = "inspect -f '{{.State.Status}} {{.State.ExitCode}}' s1";
const ncRows: EngineRow[] = [
  { name: 'nc -l: the piped payload in its logs', setup: [...serve('-l -p 80'), "exec c1 sh -c 'echo hi | nc s1 80'"], cmd: 'logs s1', stdout: 'hi\n' },
  { name: 'nc -l: exited 0 after one connection', setup: [...serve('-l -p 80'), "exec c1 sh -c 'echo hi | nc s1 80'"], cmd: state, stdout: 'exited 0\n' },
  { name: 'nc -l: exec without -i sends nothing, still the one connection', setup: [...serve('-l -p 80'), 'exec c1 nc s1 80'], cmd: state, stdout: 'exited 0\n' },
  { name: 'nc -l: a second client finds no name', setup: [...serve('-l -p 80'), 'exec c1 nc s1 80'], cmd: 'exec c1 nc s1 80', exitCode: 1,
    stderr: "nc: bad address 's1'\n" },
  { name: 'nc -ll without -e: one connection too', setup: [...serve('-ll -p 80'), 'exec c1 nc s1 80'], cmd: state, stdout: 'exited 0\n' },
  { name: 'nc -ll -e: goes on accepting', setup: [...serve('-ll -p 80 -e /bin/cat'), 'exec c1 nc s1 80'], cmd: state, stdout: 'running 0\n' },
  { name: 'nc -l -e /bin/cat: the client gets its payload back', setup: serve('-l -p 80 -e /bin/cat'), cmd: "exec c1 sh -c 'echo five | nc s1 80'", stdout: 'five\n' },
  { name: 'nc -l -e /bin/cat: nothing in the logs, exited 0', setup: [...serve('-l -p 80 -e /bin/cat'), "exec c1 sh -c 'echo five | nc s1 80'"], cmd: 'logs s1', stdout: '' },
  { name: 'nc -l --restart always: started again, still serving', setup: [...serve('-l -p 80', '--restart always'), "exec c1 sh -c 'echo four | nc s1 80'"],
    cmd: state, stdout: 'running 0\n' },
];

describe('in-container tools as the real engine answers', () => {
  it.each(ncRows)('$name', expectRow);
  it('a tcp probe (connect, close) is nc -l\'s one connection', () => {
    const w = new World();
    w.setup(...serve('-l -p 80'));
    const probe = () => answerProbe(w.ctrl, { kind: 'tcp', source: { kind: 'container', name: 'c1' }, target: 's1', port: 80 });
    expect(probe()).toMatchObject({ status: 'answered', answer: { connected: true } });
    expect(w.docker(state).stdout).toBe('exited 0\n');
    expect(probe()).toMatchObject({ status: 'answered', answer: { connected: false } });
  });
  it.each(rows)('$name', expectRow);
});
