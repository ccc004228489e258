// Docker commands' texts, exit codes and what they leave behind (FACTS 60–102).
import { describe, expect, it } from 'vitest';
import { World } from './helpers.js';

interface Case {
  setup?: string[];
  cmd: string;
  exitCode: number;
  /** Exact text (<ID> = any 64-hex, <id:NAME> = NAME's ID), or a pattern. */
  stderr?: string | RegExp;
  stdout?: string | RegExp;
  /** container → expected state afterwards. */
  states?: Record<string, string>;
}

const ID = '[0-9a-f]{64}';
const run = (c: Case): void => {
  const w = new World();
  w.setup(...(c.setup ?? []));
  const r = w.docker(c.cmd);
  const id = (name: string) => w.docker(`inspect -f '{{.Id}}' ${name}`).stdout.trim();
  if (c.stderr instanceof RegExp) expect(r.stderr).toMatch(c.stderr);
  const stderr = c.stderr instanceof RegExp ? undefined : c.stderr?.replace(/<id:(\w+)>/g, (_, n: string) => id(n));
  if (stderr !== undefined) expect(r.stderr).toMatch(new RegExp(`^${stderr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<ID>/g, ID)}$`));
  if (typeof c.stdout === 'string') expect(r.stdout).toBe(c.stdout);
  else if (c.stdout) expect(r.stdout).toMatch(c.stdout);
  expect(r.exitCode).toBe(c.exitCode);
  for (const [name, state] of Object.entries(c.states ?? {})) expect(w.state(name), name).toBe(state);
};

const S = 'busybox sleep 3600';
const runHelp = "\nSee 'docker run --help'.\n";
// A failure of the start that follows the create has no help hint (docker/cli runRun).
const startFailed = '\n';

describe('docker run errors', () => {
  const cases: Case[] = [
    { setup: [`run -d --name x1 ${S}`], cmd: `run -d --name x1 ${S}`, exitCode: 125,
      stderr: `docker: Error response from daemon: Conflict. The container name "/x1" is already in use by container "<id:x1>". You have to remove (or rename) that container to be able to reuse that name.${runHelp}` },
    ...['a', '-bad'].map((n) => ({ cmd: `run -d --name=${n} ${S}`, exitCode: 125,
      stderr: `docker: Error response from daemon: Invalid container name (${n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.${runHelp}` })),
    { cmd: `run -d --net nosuchnet --name nn ${S}`, exitCode: 125, stdout: /^[0-9a-f]{64}\n$/, states: { nn: 'created' },
      stderr: `docker: Error response from daemon: network nosuchnet not found.${startFailed}` },
    { cmd: 'run nosuchimage', exitCode: 125,
      stderr: `Unable to find image 'nosuchimage:latest' locally\ndocker: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host.${runHelp}` },
    { cmd: 'run -d -p 99999:80 --name p1 nginx', exitCode: 125, stderr: `docker: Invalid hostPort: 99999.${runHelp}`, states: { p1: 'removed' } },
    { cmd: 'run -d -p abc nginx', exitCode: 125, stderr: `docker: Invalid containerPort: abc.${runHelp}` },
    { cmd: 'run -d -p 8089:abc nginx', exitCode: 125, stderr: `docker: Invalid containerPort: abc.${runHelp}` },
    { cmd: 'run -d -p 8090:80/xyz nginx', exitCode: 125, stderr: `docker: Invalid proto: xyz.${runHelp}` },
    { cmd: 'run -d -p 1.2.3:8091:80 nginx', exitCode: 125, stderr: `docker: Invalid ip address: 1.2.3.${runHelp}` },
    { setup: ['run -d --name web -p 8080:80 nginx'], cmd: 'run -d --name web2 -p 8080:80 nginx', exitCode: 125, states: { web2: 'created' },
      stderr: `docker: Error response from daemon: driver failed programming external connectivity on endpoint web2 (<ID>): Bind for 0.0.0.0:8080 failed: port is already allocated.${startFailed}` },
    { setup: ['run -d --name web --net=host nginx'], cmd: 'run -d --name pub80 -p 80:80 nginx', exitCode: 125, states: { pub80: 'created' },
      stderr: `docker: Error response from daemon: driver failed programming external connectivity on endpoint pub80 (<ID>): Error starting userland proxy: listen tcp4 0.0.0.0:80: bind: address already in use.${startFailed}` },
    { setup: ['run -d --name db busybox sleep 3600'], cmd: 'run -d --name c1 --net=container:db -p 80:80 nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: conflicting options: port publishing and the container type network mode.${runHelp}`, states: { c1: 'removed' } },
    { setup: ['run -d --name db busybox sleep 3600'], cmd: 'run -d --net=container:db --hostname x nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: conflicting options: hostname and the network mode.${runHelp}` },
    { setup: ['run -d --name db busybox sleep 3600'], cmd: 'run -d --net=container:db --add-host foo:127.0.0.2 nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: conflicting options: custom host-to-IP mapping and the network mode.${runHelp}` },
    { setup: ['run -d --name db busybox sleep 3600'], cmd: 'run -d --net=container:db --expose 90 nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: conflicting options: port exposing and the container type network mode.${runHelp}` },
    { setup: ['run -d --name db busybox sleep 3600'], cmd: 'run -d --net=container:db --link db:db nginx', exitCode: 125,
      stderr: `docker: links are only supported for user-defined networks.${runHelp}` },
    ...['host', 'none'].map((mode) => ({ setup: ['run -d --name db busybox sleep 3600'], cmd: `run -d --name l${mode} --net=${mode} --link db:db nginx`,
      exitCode: 125, stderr: `docker: links are only supported for user-defined networks.${runHelp}`, states: { [`l${mode}`]: 'removed' } })),
    { setup: ['network create mynet', `run -d --name t1 --net mynet ${S}`], cmd: `run -d --name lk --link t1:x ${S}`, exitCode: 125,
      stdout: /^[0-9a-f]{64}\n$/, states: { lk: 'created' },
      stderr: `docker: Error response from daemon: Cannot link to /t1, as it does not belong to the default network.${startFailed}` },
    { setup: ['network create mynet'], cmd: `run -d --name lu --net mynet --link nosuch:x ${S}`, exitCode: 0, stdout: /^[0-9a-f]{64}\n$/,
      states: { lu: 'running' } },
    { setup: ['network create --subnet 10.9.0.0/30 tiny', `run -d --name t1 --net tiny ${S}`], cmd: `run -d --name t2 --net tiny ${S}`,
      exitCode: 125, stdout: /^[0-9a-f]{64}\n$/, states: { t2: 'created' },
      stderr: `docker: Error response from daemon: no available IPv4 addresses on this network's address pools: tiny (<ID>).${startFailed}` },
    { cmd: 'run -d --name c12 --net=container:nosuch nginx', exitCode: 125, states: { c12: 'created' },
      stderr: `docker: Error response from daemon: No such container: nosuch.${startFailed}` },
    { cmd: 'run -d --net=container: nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: Invalid network mode: invalid container format container:<name|id>.${runHelp}` },
    { setup: [`run -d --name dbstopped ${S}`, 'stop dbstopped'], cmd: 'run -d --name c13 --net=container:dbstopped nginx', exitCode: 125,
      states: { c13: 'created' }, stderr: `docker: Error response from daemon: cannot join network of a non running container: <id:dbstopped>.${startFailed}` },
    { cmd: 'run -d --name m1 --net=host --mac-address 02:42:ac:11:00:99 nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: conflicting options: mac-address and the network mode.${runHelp}` },
    { cmd: 'run -d --name web3 --net=host -p 80:80 nginx', exitCode: 0, stdout: /^[0-9a-f]{64}\n$/, states: { web3: 'running' },
      stderr: 'WARNING: Published ports are discarded when using host network mode\n' },
    // The runtime's checks at start (src/engine/runtime.ts; real 20.10 engine).
    { cmd: `run -d --name u1 -u nobody ${S}`, exitCode: 125, stdout: /^[0-9a-f]{64}\n$/, states: { u1: 'created' },
      stderr: `docker: Error response from daemon: unable to find user nobody: no matching entries in passwd file.${startFailed}` },
    { cmd: `run -d --name u2 -u 0:staff ${S}`, exitCode: 125, states: { u2: 'created' },
      stderr: `docker: Error response from daemon: unable to find group staff: no matching entries in group file.${startFailed}` },
    { cmd: 'run -d --name nc1 busybox nosuchcmd', exitCode: 127, states: { nc1: 'created' },
      stderr: `docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown.${startFailed}` },
    { cmd: 'run -d --name nc2 busybox /usr/bin/nosuch', exitCode: 127, states: { nc2: 'created' },
      stderr: /exec: "\/usr\/bin\/nosuch": stat \/usr\/bin\/nosuch: no such file or directory: unknown\.\n$/ },
    { cmd: 'run -d --name d1 busybox /tmp', exitCode: 126, states: { d1: 'created' }, stderr: /exec: "\/tmp": permission denied: unknown\.\n$/ },
    { cmd: 'run -d --name ok1 -u 1000:1000 busybox /bin/sleep 3600', exitCode: 0, states: { ok1: 'running' } },
    { cmd: 'run -d --name ok2 redis redis-server --port 7000', exitCode: 0, states: { ok2: 'running' } },
    { cmd: 'run -d --name r1 --restart bogus nginx', exitCode: 125, stderr: `docker: Error response from daemon: invalid restart policy 'bogus'.${runHelp}` },
    { cmd: 'run -d --name r2 --restart unless-stopped:1 nginx', exitCode: 125,
      stderr: `docker: Error response from daemon: maximum retry count cannot be used with restart policy 'unless-stopped'.${runHelp}` },
    { cmd: 'run -d --rm --name r3 --restart on-failure nginx', exitCode: 125, stderr: `docker: Conflicting options: --restart and --rm.${runHelp}` },
    { cmd: 'run -d --name r4 --restart on-failure:2 nginx', exitCode: 0, states: { r4: 'running' } },
  ];
  it.each(cases)('docker $cmd', run);
});

describe('container commands', () => {
  const cases: Case[] = [
    { setup: [`run -d --name x1 ${S}`], cmd: 'rm x1', exitCode: 1,
      stderr: 'Error response from daemon: You cannot remove a running container <id:x1>. Stop the container before attempting removal or force remove\n' },
    { setup: [`run -d --name x1 ${S}`, 'stop x1'], cmd: 'exec x1 echo hi', exitCode: 1, stderr: 'Error response from daemon: Container <id:x1> is not running\n' },
    { setup: [`create --name k1 ${S}`], cmd: 'kill k1', exitCode: 1,
      stderr: 'Error response from daemon: Cannot kill container: k1: Container <id:k1> is not running\n' },
    { cmd: 'kill nosuch', exitCode: 1, stderr: 'Error response from daemon: Cannot kill container: nosuch: No such container: nosuch\n' },
    { cmd: 'start nosuch', exitCode: 1, stderr: 'Error response from daemon: No such container: nosuch\nError: failed to start containers: nosuch\n' },
    { setup: [`run -d --name p1 ${S}`], cmd: 'unpause p1', exitCode: 1, stderr: 'Error response from daemon: Container <id:p1> is not paused\n' },
    { setup: [`run -d --name p1 ${S}`, 'pause p1'], cmd: 'pause p1', exitCode: 1, stderr: 'Error response from daemon: Container <id:p1> is already paused\n' },
    { setup: [`run -d --name p1 ${S}`, 'pause p1'], cmd: 'stop -t 0 p1', exitCode: 0, stdout: 'p1\n', states: { p1: 'exited' } },
    // A kill resumes a paused container (moby killWithSignal): KILL ends it, a TERM its PID 1 ignores leaves it running.
    { setup: [`run -d --name p1 ${S}`, 'pause p1'], cmd: 'kill p1', exitCode: 0, stdout: 'p1\n', states: { p1: 'exited' } },
    { setup: [`run -d --name p1 ${S}`, 'pause p1'], cmd: 'kill -s TERM p1', exitCode: 0, stdout: 'p1\n', states: { p1: 'running' } },
    { setup: ['run -d --name web -p 8080:80 nginx', 'create --name web2 -p 8080:80 nginx'], cmd: 'restart -t 0 web2', exitCode: 1,
      stderr: 'Error response from daemon: Cannot restart container web2: driver failed programming external connectivity on endpoint web2 (<ID>): Bind for 0.0.0.0:8080 failed: port is already allocated\n' },
    { cmd: 'stop nosuch', exitCode: 1, stderr: 'Error response from daemon: No such container: nosuch\n' },
    { cmd: 'rm nosuch', exitCode: 1, stderr: 'Error: No such container: nosuch\n' },
    { cmd: 'exec nosuch ls', exitCode: 1, stderr: 'Error: No such container: nosuch\n' },
    { cmd: 'inspect nosuch', exitCode: 1, stdout: '[]\n', stderr: 'Error: No such object: nosuch\n' },
    { setup: [`run -d --name x1 ${S}`], cmd: 'rename x1 x2', exitCode: 0, stdout: '', states: { x1: 'removed', x2: 'running' } },
    { cmd: 'run -d --name mysql mysql:5.7', exitCode: 0, states: { mysql: 'exited' } },
    { cmd: 'run --name mysqlfg mysql:5.7', exitCode: 1, stderr: /^[^\n]*\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n/, states: { mysqlfg: 'exited' } },
    { cmd: 'run -d --name my2 -e MYSQL_ROOT_PASSWORD=password mysql:5.7', exitCode: 0, states: { my2: 'running' } },
    { cmd: 'run -d --name ub ubuntu:14.04', exitCode: 0, states: { ub: 'exited' } },
    { cmd: 'run -itd --name ub ubuntu:14.04', exitCode: 0, states: { ub: 'running' } },
    { cmd: 'run --rm --name gone busybox true', exitCode: 0, states: { gone: 'removed' } },
    { setup: ['run -d --name web --net=host nginx'], cmd: 'run -d --name web2 --net=host nginx', exitCode: 0, states: { web2: 'exited' } },
    { setup: ['run -d --name web -p 8080:80 nginx', '!run -d --name web2 -p 8080:80 nginx', 'stop -t 0 web'], cmd: 'start web2', exitCode: 0,
      states: { web2: 'running' } },
    { setup: ['run -d --name web -p 8080:80 nginx', '!run -d --name web2 -p 8080:80 nginx'], cmd: 'start web2', exitCode: 1,
      stderr: 'Error response from daemon: driver failed programming external connectivity on endpoint web2 (<ID>): Bind for 0.0.0.0:8080 failed: port is already allocated\nError: failed to start containers: web2\n' },
  ];
  it.each(cases)('docker $cmd', run);

  it('logs of a failed mysql show the entrypoint error on stderr (FACT 102)', () => {
    const w = new World();
    w.setup('run -d --name mysql mysql:5.7');
    const r = w.docker('logs mysql');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
  });
});

describe('ports (FACTS 66–72)', () => {
  const port = (w: World, c: string) => w.docker(`port ${c}`).stdout;
  it('published forms', () => {
    const w = new World();
    w.setup('run -d --name web -p 8080:80 nginx', 'run -d --name lo -p 127.0.0.1:8081:80 nginx', 'run -d --name udp -p 8082:80/udp nginx',
      'run -d --name rng -p 8083-8085:80-82 nginx');
    expect(port(w, 'web')).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> :::8080\n');
    expect(port(w, 'lo')).toBe('80/tcp -> 127.0.0.1:8081\n');
    expect(port(w, 'udp')).toBe('80/udp -> 0.0.0.0:8082\n80/udp -> :::8082\n');
    expect(w.docker('port rng 82').stdout).toBe('0.0.0.0:8085\n:::8085\n');
    expect(w.docker('port web 81')).toEqual({ stdout: '', stderr: "Error: No public port '81/tcp' published for web\n", exitCode: 1 });
  });

  it('random ports: sequential from 32768, no immediate reuse, per host IP (FACT 69)', () => {
    const w = new World();
    w.setup('run -d --name a1 -p 80 nginx', 'run -d --name a2 -p 80 nginx', 'rm -f a1', 'run -d --name a3 -p 80 nginx',
      'run -d --name a4 -p 127.0.0.1::80 nginx', 'run -d --name my -P -e MYSQL_ROOT_PASSWORD=x mysql:5.7');
    expect(w.docker('port a2 80').stdout).toBe('0.0.0.0:32769\n:::32769\n');
    expect(w.docker('port a3 80').stdout).toBe('0.0.0.0:32770\n:::32770\n');
    expect(w.docker('port a4 80').stdout).toBe('127.0.0.1:32768\n');
    expect(w.docker('port my').stdout).toContain('3306/tcp -> 0.0.0.0:');
  });

  // go-connections nat.SortPortMap: explicit host port desc, container port desc, tcp first;
  // random ports are handed out in that order, a counter per protocol (real engine, 20.10).
  const order: Array<[string, Record<string, string>]> = [
    ['-p 80 -p 443', { '80/tcp': '32769', '443/tcp': '32768' }],
    ['-p 53/udp -p 53 -p 54', { '54/tcp': '32768', '53/tcp': '32769', '53/udp': '32768' }],
    ['--expose 9000 --expose 9001-9002 -P', { '9002/tcp': '32768', '9001/tcp': '32769', '9000/tcp': '32770' }],
    ['-p 7000:90 -p 91 -p 92', { '90/tcp': '7000', '92/tcp': '32768', '91/tcp': '32769' }],
  ];
  it.each(order)('random host ports for %s', (opts, want) => {
    const w = new World();
    w.setup(`run -d --name pp ${opts} busybox sleep 3600`);
    for (const [port, hostPort] of Object.entries(want)) expect(w.docker(`port pp ${port}`).stdout, port).toContain(`0.0.0.0:${hostPort}\n`);
  });

  it('the bindings of one port: larger host port first, each IPv4 binding followed by its IPv6 twin', () => {
    const w = new World();
    w.setup('run -d --name twice -p 8080:80 -p 8081:80 nginx');
    expect(w.docker('port twice 80').stdout).toBe('0.0.0.0:8081\n:::8081\n0.0.0.0:8080\n:::8080\n');
  });

  it('none mode has no ports, even with -p', () => {
    const w = new World();
    w.setup('run -d --name iso --net none -p 8080:80 nginx');
    expect(w.docker("inspect -f '{{json .NetworkSettings.Ports}}' iso").stdout).toBe('{}\n');
    expect(w.docker("ps --format '[{{.Ports}}]'").stdout).toBe('[]\n');
  });
});

describe('network commands (FACTS 84–96)', () => {
  const cases: Case[] = [
    { cmd: 'network create --ipv6 v6net', exitCode: 1,
      stderr: 'Error response from daemon: could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network\n' },
    { setup: ['network create my-bridge', `run -d --name dc1 ${S}`, 'network connect my-bridge dc1'], cmd: 'network connect my-bridge dc1', exitCode: 1,
      stderr: 'Error response from daemon: endpoint with name dc1 already exists in network my-bridge\n' },
    { setup: ['network create my-bridge', `run -d --name dc1 ${S}`], cmd: 'network disconnect my-bridge dc1', exitCode: 1,
      stderr: 'Error response from daemon: container <id:dc1> is not connected to network my-bridge\n' },
    { setup: [`run -d --name isolated --net none ${S}`], cmd: 'network connect bridge isolated', exitCode: 1,
      stderr: 'Error response from daemon: container cannot be connected to multiple networks with one of the networks in private (none) mode\n' },
    { setup: ['run -d --name web --net host nginx'], cmd: 'network connect bridge web', exitCode: 1,
      stderr: 'Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network\n' },
    { setup: ['run -d --name web --net host nginx'], cmd: 'network disconnect host web', exitCode: 1,
      stderr: 'Error response from daemon: container cannot be disconnected from host network or connected to host network\n' },
    { setup: ['run -d --name web --net host nginx'], cmd: 'network connect host web', exitCode: 1,
      stderr: 'Error response from daemon: endpoint with name web already exists in network host\n' },
    { setup: [`run -d --name dc1 ${S}`], cmd: 'network connect host dc1', exitCode: 1,
      stderr: 'Error response from daemon: container cannot be disconnected from host network or connected to host network\n' },
    { setup: ['network create nosub', `run -d --name dc1 ${S}`], cmd: 'network connect --ip 172.18.0.99 nosub dc1', exitCode: 1,
      stderr: 'Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets\n' },
    { setup: [`run -d --name dc1 ${S}`], cmd: 'network connect nosuchnet dc1', exitCode: 1, stderr: 'Error response from daemon: network nosuchnet not found\n' },
    { cmd: 'network connect bridge nosuchcontainer', exitCode: 1, stderr: 'Error response from daemon: No such container: nosuchcontainer\n' },
    { setup: ['network create my-bridge', `run -d --name mb1 --net my-bridge ${S}`], cmd: 'network rm my-bridge', exitCode: 1,
      stderr: /^Error response from daemon: error while removing network: network my-bridge id [0-9a-f]{64} has active endpoints\n$/ },
    { cmd: 'network rm bridge', exitCode: 1, stderr: 'Error response from daemon: bridge is a pre-defined network and cannot be removed\n' },
    { setup: ['network create my-bridge'], cmd: 'network create my-bridge', exitCode: 1, stderr: 'Error response from daemon: network with name my-bridge already exists\n' },
    { cmd: 'network create bridge', exitCode: 1, stderr: 'Error response from daemon: operation is not permitted on predefined bridge network\n' },
    { cmd: 'network create host', exitCode: 1, stderr: 'Error response from daemon: operation is not permitted on predefined host network\n' },
    { cmd: 'network create none', exitCode: 1, stderr: 'Error response from daemon: operation is not permitted on predefined none network\n' },
    { setup: [`run -d --name p1 ${S}`, 'pause p1'], cmd: 'exec p1 true', exitCode: 1,
      stderr: 'Error response from daemon: Container p1 is paused, unpause the container before exec\n' },
    { setup: [`run -d --name k1 ${S}`, 'kill -s TERM k1'], cmd: 'exec k1 true', exitCode: 0, states: { k1: 'running' } },
    { cmd: 'run -td --name t1 busybox', exitCode: 0, states: { t1: 'running' } },
    { cmd: 'network inspect nosuchnet', exitCode: 1, stdout: '[]\n', stderr: 'Error: No such network: nosuchnet\n' },
    { cmd: 'network rm nosuchnet', exitCode: 1, stderr: 'Error: No such network: nosuchnet\n' },
    { cmd: 'network create -d overlay ov1', exitCode: 1,
      stderr: 'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n' },
    { cmd: 'network create -d nosuchdriver n', exitCode: 1, stderr: 'Error response from daemon: plugin "nosuchdriver" not found\n' },
    { cmd: 'network create -d macvlan --subnet 10.77.0.0/24 mv', exitCode: 1, stderr: 'Error response from daemon: operation not supported\n' },
    { cmd: 'network create -d macvlan -o parent=eth0 mv', exitCode: 1, stderr: 'dnet-test: a macvlan network on a parent interface (-o parent=eth0) is not simulated\n' },
    { cmd: 'network create -d host h2', exitCode: 1, stderr: 'Error response from daemon: only one instance of "host" network is allowed\n' },
    { cmd: 'network create -d null n2', exitCode: 1, stderr: 'Error response from daemon: only one instance of "null" network is allowed\n' },
  ];
  it.each(cases)('docker $cmd', run);

  it('connect gives eth1, keeps the default route, switches resolv.conf (FACT 85–88)', () => {
    const w = new World();
    w.setup('network create my-bridge', `run -d --name mb1 --net my-bridge ${S}`, `run -d --name dc1 ${S}`);
    expect(w.ping('dc1', 'mb1').reached).toBe(false);
    w.setup('network connect my-bridge dc1');
    expect(w.ip('dc1', 'my-bridge')).toBe('172.18.0.3');
    expect(w.ping('dc1', 'mb1').reached).toBe(true);
    expect(w.ping('mb1', 'dc1').reached).toBe(true);
    expect(w.docker("inspect -f '{{.NetworkSettings.IPAddress}}' dc1").stdout).toBe('172.17.0.2\n');
    w.setup('network disconnect my-bridge dc1');
    expect(w.ping('dc1', 'mb1').reached).toBe(false);
    expect(w.docker('exec dc1 cat /etc/resolv.conf').stdout).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    w.setup('network create --subnet 192.168.100.0/24 mynet', 'network connect --alias web-alias --ip 192.168.100.50 mynet dc1',
      `run -d --name m2 --net mynet ${S}`);
    expect(w.ping('m2', 'web-alias')).toEqual({ reached: true, cause: undefined });
  });
});

describe('docker ps --filter keys of moby\'s container list', () => {
  const w = new World();
  w.setup('volume create vol1', `run -d --name u1 -p 5353:53/udp -p 5354:53 ${S}`, 'run -d --name u2 --expose 9000 -v vol1:/data nginx',
    'run -d --name u3 -P nginx');
  const cases: Array<[string, string]> = [
    ['publish=5353/udp', 'u1'], ['publish=53/udp', ''], ['publish=5354', 'u1'], ['publish=32768', 'u3'],
    ['expose=80', 'u3 u2'], ['expose=53/udp', 'u1'], ['expose=8990-9010', 'u2'],
    ['ancestor=nginx', 'u3 u2'], ['ancestor=busybox:latest', 'u1'],
    ['before=u2', 'u1'], ['since=u1', 'u3 u2'], ['volume=vol1', 'u2'], ['volume=/data', 'u2'],
    ['health=none', 'u3 u2 u1'], ['is-task=true', ''],
  ];
  it.each(cases)('--filter %s → %s', (filter, want) => {
    const r = w.docker(`ps --filter ${filter} --format '{{.Names}}'`);
    expect(r.stdout.trim().split('\n').join(' ')).toBe(want);
  });

  it.each([
    ['publish=80:80', "Error response from daemon: filter for 'publish' should not contain ':': 80:80\n"],
    ['before=nosuch', 'Error response from daemon: no such container nosuch\n'],
    ['health=ok', 'Error response from daemon: Unrecognised filter value for health: ok\n'],
  ])('--filter %s is refused', (filter, stderr) => {
    expect(w.docker(`ps --filter ${filter}`)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });
});
