import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type ExecContext, execInContainer } from '../../src/engine/exec/index.js';
import type { HttpOutcome, ReachOutcome, SandboxView } from '../../src/engine/model.js';
import { WGET_USAGE } from '../../src/engine/exec/usage.js';
import { container } from './views.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const PAGE = fixture('nginx-index.html');

/** h-fmt-u2 (172.18.0.3 on h-fmt-net) and a tiny world: h-fmt-u1/foo = 172.18.0.2 serving nginx on 80. */
function world(over: Partial<ExecContext> = {}, sandbox: Partial<SandboxView> = {}): ExecContext {
  const names: Record<string, string[]> = { 'h-fmt-u1': ['172.18.0.2'], foo: ['172.18.0.2'], alicek106: ['172.25.0.4', '172.25.0.2'] };
  const reach = (address: string, port: number | null): ReachOutcome => {
    if (address === '172.17.0.2') return { result: 'dropped', steps: [] };
    if (address === '10.9.9.9') return { result: 'unreachable', steps: [] };
    if (port === null || port === 80) return { result: 'ok', steps: [] };
    return { result: 'refused', steps: [] };
  };
  return {
    container: container({
      id: 'd599df90d693' + '0'.repeat(52),
      hostname: 'd599df90d693',
      sandbox: {
        key: 'x',
        hostname: 'd599df90d693',
        hostsFile: '127.0.0.1\tlocalhost\n172.18.0.3\td599df90d693\n',
        resolvConf: 'nameserver 127.0.0.11\noptions ndots:0\n',
        interfaces: [
          { name: 'eth0', index: 13, peerIndex: 14, mac: '02:42:ac:12:00:03', ip: '172.18.0.3', prefixLen: 16, broadcast: '172.18.255.255', mtu: 1500, networkName: 'h-fmt-net' },
        ],
        routes: [
          { destination: 'default', via: '172.18.0.1', device: 'eth0', source: null },
          { destination: '172.18.0.0/16', via: null, device: 'eth0', source: '172.18.0.3' },
        ],
        routes6: [],
        ...sandbox,
      },
    }),
    tools: null,
    // As the engine builds it (environment.ts): PATH, HOSTNAME, then the container's variables.
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=d599df90d693'],
    resolve: (name) => ({ addresses: names[name] ?? [], via: 'embedded-dns', server: '127.0.0.11', steps: [] }),
    reach: (address, port) => reach(address, port),
    httpGet: (address, port, path): HttpOutcome => {
      const r = reach(address, port);
      if (r.result !== 'ok') return r;
      return path === '/' ? { result: 'ok', status: 200, body: PAGE, steps: [] } : { result: 'ok', status: 404, body: '', steps: [] };
    },
    ...over,
  };
}

const run = (line: string[], ctx = world()) => execInContainer(ctx, line);
/** Real outputs differ from the simulator's only by measured times and counters. */
const fixedTimes = (s: string) => s.replace(/time=[\d.]+ ms/g, 'time=0.080 ms').replace(/= [\d.]+\/[\d.]+\/[\d.]+ ms/, '= 0.080/0.080/0.080 ms');

describe('docker exec: programs the image lacks (real engine)', () => {
  test.each([
    [['nosuchprog'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchprog": executable file not found in $PATH: unknown\r\n'],
    [['getent', 'hosts', 'x'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "getent": executable file not found in $PATH: unknown\r\n'],
    [['curl', '-s', 'http://x/'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\r\n'],
    [['/bin/nosuch'], 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/nosuch": stat /bin/nosuch: no such file or directory: unknown\r\n'],
  ])('%j → exit 126 on stdout', (argv, stdout) => {
    expect(run(argv)).toEqual({ stdout, stderr: '', exitCode: 126 });
  });
  test('an image without ping', () => {
    expect(run(['ping', 'x'], world({ tools: new Set(['sh', 'cat']) })).exitCode).toBe(126);
  });
});

describe('ping', () => {
  test('two packets by alias (fixture ping-2.txt)', () => {
    expect(run(['ping', '-c', '2', '-W', '1', 'foo'])).toEqual({ stdout: fixedTimes(fixture('ping-2.txt')), stderr: '', exitCode: 0 });
  });
  test('the first address of a shared alias', () => {
    expect(run(['ping', '-c', '1', 'alicek106']).stdout).toMatch(/^PING alicek106 \(172\.25\.0\.4\): 56 data bytes\n64 bytes from 172\.25\.0\.4: seq=0 ttl=64/);
  });
  test('bad address (FACT 8)', () => {
    expect(run(['ping', '-c', '1', '-W', '1', 'b2'])).toEqual({ stdout: '', stderr: "ping: bad address 'b2'\n", exitCode: 1 });
  });
  test('dropped: 100% packet loss (FACT 28)', () => {
    expect(run(['ping', '-c', '1', '-W', '1', '172.17.0.2'])).toEqual({
      stdout: 'PING 172.17.0.2 (172.17.0.2): 56 data bytes\n\n--- 172.17.0.2 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n',
      stderr: '',
      exitCode: 1,
    });
  });
  test('no route (FACT 82)', () => {
    expect(run(['ping', '-c', '1', '10.9.9.9'])).toEqual({ stdout: 'PING 10.9.9.9 (10.9.9.9): 56 data bytes\n', stderr: 'ping: sendto: Network is unreachable\n', exitCode: 1 });
  });
  test('no host: BusyBox usage (real engine)', () => {
    expect(run(['ping'])).toEqual({ stdout: '', stderr: fixture('ping-usage.txt'), exitCode: 1 });
  });
});

describe('interfaces and routes', () => {
  const zeroCounters = (s: string) => s.replace(/(packets|bytes):\d+( \([\d.]+ \w*B\))?/g, (_m, what: string, human?: string) => `${what}:0${human ? ' (0.0 B)' : ''}`);
  test('ifconfig (fixture ifconfig-user.txt, counters aside)', () => {
    expect(run(['ifconfig']).stdout).toBe(zeroCounters(fixture('ifconfig-user.txt')));
  });
  test('ifconfig of a missing interface', () => {
    expect(run(['ifconfig', 'eth1'])).toEqual({ stdout: '', stderr: 'ifconfig: eth1: error fetching interface information: Device not found\n', exitCode: 1 });
  });
  test('ip addr (fixture ip-addr-user.txt), ip link, ip route', () => {
    expect(run(['ip', 'addr']).stdout).toBe(fixture('ip-addr-user.txt'));
    expect(run(['ip', 'a', 'show', 'eth0']).stdout).toBe(fixture('ip-addr-user.txt').split('\n').slice(4).join('\n'));
    expect(run(['ip', 'link']).stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n13: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff\n',
    );
    expect(run(['ip', 'route']).stdout).toBe('default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.3 \n');
    expect(run(['ip', 'addr', 'show', 'eth9'])).toEqual({ stdout: '', stderr: "ip: can't find device 'eth9'\n", exitCode: 1 });
  });
  test('none mode: only lo, no routes (FACT 82)', () => {
    const ctx = world({}, { interfaces: [], routes: [] });
    expect(run(['ip', 'route'], ctx)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run(['ifconfig'], ctx).stdout).toMatch(/^lo        Link encap:Local Loopback  \n/);
  });
  test('hostname and files', () => {
    expect(run(['hostname']).stdout).toBe('d599df90d693\n');
    expect(run(['hostname', '-i']).stdout).toBe('172.18.0.3\n');
    expect(run(['cat', '/etc/hostname']).stdout).toBe('d599df90d693\n');
    expect(run(['cat', '/etc/resolv.conf']).stdout).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(run(['cat', '/etc/nosuch'])).toEqual({ stdout: '', stderr: "cat: can't open '/etc/nosuch': No such file or directory\n", exitCode: 1 });
  });
  test('hostname -i/-f/-s/-d read the first /etc/hosts line of the name (real engine)', () => {
    const ctx = world({}, { hostname: 'h1', hostsFile: '127.0.0.1\tlocalhost\n172.18.0.3\th1.example.org h1\n172.19.0.2\th1.example.org h1\n' });
    expect(run(['hostname', '-i'], ctx).stdout).toBe('172.18.0.3\n');
    expect(run(['hostname', '-f'], ctx).stdout).toBe('h1.example.org\n');
    expect(run(['hostname', '-s'], ctx).stdout).toBe('h1\n');
    expect(run(['hostname', '-d'], ctx).stdout).toBe('example.org\n');
  });
  test('route, route -n, netstat -rn and ip -4 addr (real engine layout)', () => {
    expect(run(['route', '-n']).stdout).toBe('Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n'
      + '0.0.0.0         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n');
    expect(run(['route']).stdout).toContain('default         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n172.18.0.0      *               255.255.0.0     U ');
    expect(run(['netstat', '-rn']).stdout).toContain('Flags   MSS Window  irtt Iface\n0.0.0.0         172.18.0.1      0.0.0.0         UG        0 0          0 eth0\n');
    expect(run(['ip', '-4', 'addr', 'show', 'eth0']).stdout).toBe('13: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n'
      + '    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n');
  });
});

describe('nslookup', () => {
  test('NXDOMAIN twice (fixture nslookup-nxdomain.txt)', () => {
    expect(run(['nslookup', 'nosuch'])).toEqual({ stdout: fixture('nslookup-nxdomain.txt'), stderr: '', exitCode: 1 });
  });
  test('-type=a: one block (real engine)', () => {
    expect(run(['nslookup', '-type=a', 'foo']).stdout).toBe('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tfoo\nAddress: 172.18.0.2\n\n');
  });
  test('both blocks (FACT 25)', () => {
    expect(run(['nslookup', 'h-fmt-u1']).stdout).toBe(
      'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n\nNon-authoritative answer:\nName:\th-fmt-u1\nAddress: 172.18.0.2\n\n',
    );
  });
  test('an address: reverse lookup not found (real engine, default bridge address)', () => {
    expect(run(['nslookup', '172.17.0.2'])).toEqual({
      stdout: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n** server can't find 2.0.17.172.in-addr.arpa: NXDOMAIN\n\n",
      stderr: '',
      exitCode: 1,
    });
  });
  test('asks the DNS server, not /etc/hosts, when the engine can tell them apart', () => {
    const ctx = world({ queryDns: () => ({ addresses: [], via: 'host-dns', server: '10.255.255.53', steps: [] }) }, { resolvConf: 'nameserver 10.255.255.53\n' });
    expect(run(['nslookup', 'foo'], ctx).stdout).toBe(
      "Server:\t\t10.255.255.53\nAddress:\t10.255.255.53:53\n\n** server can't find foo: NXDOMAIN\n\n** server can't find foo: NXDOMAIN\n\n",
    );
  });
});

describe('wget, nc, curl (real engine texts)', () => {
  test('wget -qO- and -O -', () => {
    expect(run(['wget', '-qO-', 'http://h-fmt-u1/'])).toEqual({ stdout: PAGE, stderr: '', exitCode: 0 });
    expect(run(['wget', '-O', '-', 'http://h-fmt-u1/'])).toEqual({
      stdout: PAGE,
      stderr: 'Connecting to h-fmt-u1 (172.18.0.2:80)\nwriting to stdout\n-                    100% |********************************|   121  0:00:00 ETA\nwritten to stdout\n',
      exitCode: 0,
    });
    expect(run(['wget', 'http://h-fmt-u1/']).stderr).toBe(
      "Connecting to h-fmt-u1 (172.18.0.2:80)\nsaving to 'index.html'\nindex.html           100% |********************************|   121  0:00:00 ETA\n'index.html' saved\n",
    );
  });
  test.each([
    [['wget', '--spider', 'http://h-fmt-u1/'], '', 'Connecting to h-fmt-u1 (172.18.0.2:80)\nremote file exists\n', 0],
    [['wget', '-q', '--spider', 'http://h-fmt-u1/'], '', '', 0],
    [['wget', '-qO-', 'http://h-fmt-u1/nosuch'], '', 'wget: server returned error: HTTP/1.1 404 Not Found\n', 1],
    [['wget', '-qO-', 'http://nosuchhost/'], '', "wget: bad address 'nosuchhost'\n", 1],
    [['wget', '-qO-', 'http://172.17.0.2/'], '', "wget: can't connect to remote host (172.17.0.2): Connection timed out\n", 1],
    [['wget', '-qO-', 'http://h-fmt-u1:81/'], '', "wget: can't connect to remote host (172.18.0.2): Connection refused\n", 1],
    // The stand-in BusyBox takes -T N and then crashes (SIGSEGV), whatever the URL; it has no --timeout.
    [['wget', '-q', '-O-', '-T', '1', 'http://h-fmt-u1/'], '', '', 139],
    [['wget', '-qT1', 'http://h-fmt-u1:81/'], '', '', 139],
    [['wget', '--timeout=1', 'http://h-fmt-u1/'], '', "wget: unrecognized option '--timeout=1'\n" + WGET_USAGE, 1],
    [['wget', '-v', 'http://h-fmt-u1/'], '', "wget: invalid option -- 'v'\n" + WGET_USAGE, 1],
    [['wget', '-q', '-O'], '', "wget: option requires an argument -- 'O'\n" + WGET_USAGE, 1],
    [['wget'], '', WGET_USAGE, 1],
    [['wget', '--quiet', '--output-document=-', '--tries=1', '-U', 'x', 'http://h-fmt-u1/'], PAGE, '', 0],
    [['nc', '-w', '1', 'h-fmt-u1', '80'], '', '', 0],
    [['nc', '-w', '1', 'h-fmt-u1', '81'], '', "nc: can't connect to remote host (172.18.0.2): Connection refused\n", 1],
    [['nc', '-w', '1', 'nosuchhost', '81'], '', "nc: bad address 'nosuchhost'\n", 1],
    [['nc', '-w', '1', '172.17.0.2', '80'], '', 'nc: timed out\n', 1],
    [['nc', '-z', '-w', '1', 'h-fmt-u1', '80'], '', fixture('nc-z-invalid.txt'), 1],
  ])('%j', (argv, stdout, stderr, exitCode) => {
    expect(run(argv)).toEqual({ stdout, stderr, exitCode });
  });
  test('wget saves the page into the container: a URL-named file once, -O FILE again and again, -o the log', () => {
    const files = new Map<string, string>();
    const ctx = world({
      files: {
        read: (path) => files.get(path.startsWith('/') ? path : `/${path}`) ?? null,
        write: (path, content, append) => (files.set(path.startsWith('/') ? path : `/${path}`, (append ? (files.get(path) ?? '') : '') + content), null),
      },
    });
    expect(run(['wget', '-q', 'http://h-fmt-u1/'], ctx)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(files.get('/index.html')).toBe(PAGE);
    expect(run(['wget', '-q', 'http://h-fmt-u1/'], ctx)).toEqual({ stdout: '', stderr: "wget: can't open 'index.html': File exists\n", exitCode: 1 });
    expect(run(['wget', '-q', '-O', 'page.html', 'http://h-fmt-u1/'], ctx).exitCode).toBe(0);
    expect(run(['wget', '-q', '-O', 'page.html', 'http://h-fmt-u1/'], ctx).exitCode).toBe(0);
    expect(run(['wget', '-q', '-P', '/tmp/', 'http://h-fmt-u1/'], ctx).exitCode).toBe(0);
    expect(files.get('/tmp/index.html')).toBe(PAGE);
    expect(run(['wget', '-o', '/tmp/log', 'http://h-fmt-u1:81/'], ctx)).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(files.get('/tmp/log')).toBe("Connecting to h-fmt-u1:81 (172.18.0.2:81)\nwget: can't connect to remote host (172.18.0.2): Connection refused\n");
  });
  test('sh -c reports a crashed command unless it is the last, which replaces the shell', () => {
    expect(run(['sh', '-c', 'wget -T 1 http://h-fmt-u1/; echo status=$?'])).toEqual({ stdout: 'status=139\n', stderr: 'Segmentation fault\n', exitCode: 0 });
    expect(run(['sh', '-c', 'wget -T 1 http://h-fmt-u1/ 2>/dev/null || echo failed'])).toEqual({ stdout: 'failed\n', stderr: '', exitCode: 0 });
    expect(run(['sh', '-c', 'echo a; wget -T 1 http://h-fmt-u1/'])).toEqual({ stdout: 'a\n', stderr: '', exitCode: 139 });
  });
  test('curl where the image has it', () => {
    const ctx = world({ tools: new Set(['curl']) });
    expect(run(['curl', '-s', 'http://foo/'], ctx).stdout).toBe(PAGE);
    expect(run(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', 'http://foo/nope'], ctx).stdout).toBe('404');
    expect(run(['curl', 'http://foo:81/'], ctx)).toEqual({ stdout: '', stderr: 'curl: (7) Failed to connect to foo port 81: Connection refused\n', exitCode: 7 });
  });
});

describe('env, echo, sh -c', () => {
  test('env: PATH, HOSTNAME, HOME (real engine)', () => {
    expect(run(['env']).stdout).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=d599df90d693\nHOME=/root\n');
  });
  test.each([
    ['echo hi; hostname && false || echo x', 'hi\nd599df90d693\nx\n', '', 0],
    ['nosuch; echo $?', '127\n', 'sh: nosuch: not found\n', 0],
    ['exit 3', '', '', 3],
    ['ping -c 1 nosuch >/dev/null 2>&1 || echo "down $HOSTNAME"', 'down d599df90d693\n', '', 0],
    ["echo 'a  b' \"c\"", 'a  b c\n', '', 0],
    // ash exports SHLVL and PWD; cd moves PWD and OLDPWD (real engine).
    ['echo $SHLVL $PWD; cd /tmp; pwd; cd ..; pwd; echo $OLDPWD', '1 /\n/tmp\n/\n/tmp\n', '', 0],
    ['cd /etc; env', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=d599df90d693\nHOME=/root\nSHLVL=1\nPWD=/etc\nOLDPWD=/\n', '', 0],
    // for, if and test as ash runs them (real engine, scenarios/stand-in-tools.dnet).
    ['for i in a b; do echo x$i; echo y; done; echo after $i', 'xa\ny\nxb\ny\nafter b\n', '', 0],
    ['if false; then echo yes; elif true; then echo elif; else echo no; fi; echo rc=$?', 'elif\nrc=0\n', '', 0],
    ['if false; then echo yes; fi; echo rc=$?', 'rc=0\n', '', 0],
    ['for n in 1 2; do if [ $n = 2 ]; then echo two; fi; done', 'two\n', '', 0],
    ['echo a && for i in 1; do false; done || echo failed', 'a\nfailed\n', '', 0],
    ['for i in 1 2; do echo $i; exit 3; done; echo never', '1\n', '', 3],
    ['[ -z "" ] && [ -n x ] && [ 3 -gt 2 ] && [ ! 1 -eq 2 ] && test a != b && [ abc ] && echo all', 'all\n', '', 0],
    ['[ abc -eq 1 ]', '', 'sh: abc: bad number\n', 2],
    ['[ 1 = 1', '', 'sh: missing ]\n', 2],
    ['for i in 1 2; do echo $i', '', 'sh: syntax error: unexpected end of file (expecting "done")\n', 2],
    ['while true; do echo x; done', 'x\n'.repeat(10_000), 'sh: while ran 10000 rounds without ending: time does not pass in dnet-test, so what it waits for never comes\n', 2],
    ['n=0; until [ $n -ge 2 ]; do n=$((n + 1)); done; echo $n $((2 * (3 + 4) % 5)) $((7 / 2)) $((1 < 2))', '2 4 3 1\n', '', 0],
    ['while true; do while true; do break; done; echo inner-done; break; done', 'inner-done\n', '', 0],
    ['case x in x) echo x;; esac', '', 'sh: case is not simulated by dnet-test\n', 2],
    ['echo "[$(echo a; echo b)]"; for w in $(echo "x y"); do echo $w; done; echo $(echo "p|q; r")', '[a\nb]\nx\ny\np|q; r\n', '', 0],
    ['v=$(echo in; v=inner); w=2; echo $v $(( $w * 3 ))', 'in 6\n', '', 0],
    ['hosts="a  b"; for h in $hosts; do echo [$h]; done; echo $hosts; echo "$hosts"; e=; echo x $e y', '[a]\n[b]\na b\na  b\nx y\n', '', 0],
  ])('sh -c %j', (script, stdout, stderr, exitCode) => {
    expect(run(['sh', '-c', script])).toEqual({ stdout, stderr, exitCode });
  });
  test('pwd, id and uname follow the process: exec -w, -u and the hostname (real engine)', () => {
    expect(run(['pwd'], world({ cwd: '/etc' })).stdout).toBe('/etc\n');
    expect(run(['sh', '-c', 'echo $PWD'], world({ cwd: '/tmp' })).stdout).toBe('/tmp\n');
    expect(run(['id']).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(run(['id'], world({ uid: 1000 })).stdout).toBe('uid=1000 gid=0(root) groups=0(root)\n');
    expect(run(['uname']).stdout).toBe('Linux\n');
    expect(run(['uname', '-n']).stdout).toBe('d599df90d693\n');
  });
  test('true/false/echo', () => {
    expect(run(['true']).exitCode).toBe(0);
    expect(run(['false']).exitCode).toBe(1);
    expect(run(['echo', 'a', 'b']).stdout).toBe('a b\n');
  });
});
