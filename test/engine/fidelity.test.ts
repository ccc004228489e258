// Behaviour seen on a real 20.10 engine beyond FACTS.md (docs/facts-coverage.md, "Beyond
// the facts"): each row is a setup, a command, and what the real engine printed.
import { describe, expect, it } from 'vitest';
import { expectRow, World, type EngineRow } from './helpers.js';

const S = 'busybox sleep 3600';

const rows: EngineRow[] = [
  { name: '--hostname is an endpoint alias on a user network', setup: ['network create n1', `run -d --name web --net n1 --hostname web01 ${S}`],
    cmd: "inspect -f '{{json .NetworkSettings.Networks.n1.Aliases}}' web", stdout: /^\["[0-9a-f]{12}","web01"\]\n$/ },
  { name: 'connect --alias: alias, short ID, hostname', setup: ['network create n1', `run -d --name web --hostname web01 ${S}`, 'network connect --alias al n1 web'],
    cmd: "inspect -f '{{json .NetworkSettings.Networks.n1.Aliases}}' web", stdout: /^\["al","[0-9a-f]{12}","web01"\]\n$/ },
  { name: 'a network connected while stopped has no NetworkID yet', setup: ['network create n1', `run -d --name c1 ${S}`, 'stop c1', 'network connect n1 c1'],
    cmd: "inspect -f '{{json .NetworkSettings.Networks.n1.NetworkID}} {{json .NetworkSettings.Networks.n1.IPAMConfig}}' c1", stdout: '"" {}\n' },
  { name: 'internal network: -p publishes nothing', setup: ['network create --internal i1', 'run -d --name web --net i1 -p 8080:80 nginx'],
    cmd: "inspect -f '{{json .NetworkSettings.Ports}}' web", stdout: '{}\n' },
  { name: 'internal network: docker port prints nothing', setup: ['network create --internal i1', 'run -d --name web --net i1 -p 8080:80 nginx'],
    cmd: 'port web', stdout: '', exitCode: 0 },
  { name: 'network prune ends with a blank line', setup: ['network create n1'], cmd: 'network prune -f', stdout: 'Deleted Networks:\nn1\n\n' },
  { name: 'template slice', setup: [`run -d --name c1 ${S}`], cmd: "inspect -f '{{len (slice .Id 0 12)}} {{slice .Name 1}}' c1", stdout: '12 c1\n' },
  { name: 'sh -c with >&2', setup: [], cmd: "run --rm busybox sh -c 'echo err >&2'", stdout: '', stderr: 'err\n' },
  { name: 'the default route moves to a network whose name sorts first', setup: ['network create zz', 'network create aa', `run -d --name c1 --net zz ${S}`, 'network connect aa c1'],
    cmd: 'exec c1 ip route', stdout: /^default via 172\.19\.0\.1 dev eth1 \n/ },
  { name: 'disconnect leaves a gap in eth numbering', setup: ['network create n1', 'network create n2', `run -d --name c1 --net n1 ${S}`, 'network connect n2 c1', 'network disconnect n1 c1', 'network connect n1 c1'],
    cmd: 'exec c1 ip route', stdout: 'default via 172.18.0.1 dev eth2 \n172.18.0.0/16 dev eth2 scope link  src 172.18.0.2 \n172.19.0.0/16 dev eth1 scope link  src 172.19.0.2 \n' },
  { name: 'container mode: the owner stopped, restart of the joined one fails', setup: [`run -d --name own ${S}`, `run -d --name joi --net container:own ${S}`, 'stop own'],
    cmd: 'restart -t 0 joi', exitCode: 1, stderr: /^Error response from daemon: Cannot restart container joi: cannot join network of a non running container: [0-9a-f]{64}\n$/ },
  { name: 'network rm with only stopped members; their start fails', setup: ['network create n1', `run -d --name c1 --net n1 ${S}`, 'stop c1', 'network rm n1'],
    cmd: 'start c1', exitCode: 1, stderr: /^Error response from daemon: network [0-9a-f]{64} not found\nError: failed to start containers: c1\n$/ },
  { name: 'ps --filter status= implies -a', setup: [`run -d --name ee ${S}`, `run -d --name ff ${S}`, 'stop ee'],
    cmd: "ps --filter status=exited --format '{{.Names}}'", stdout: 'ee\n' },
  { name: 'ps --filter exited= does not imply -a', setup: [`run -d --name ee ${S}`, 'stop ee'], cmd: "ps --filter exited=137 --format '{{.Names}}'", stdout: '' },
  { name: 'ps --filter network= and name= (a pattern)', setup: ['network create n1', `run -d --name web1 --net n1 ${S}`, `run -d --name web2 ${S}`],
    cmd: "ps --filter network=n1 --filter name=^/web --format '{{.Names}}'", stdout: 'web1\n' },
  { name: 'ps --filter with an unknown key', setup: [], cmd: 'ps --filter bogus=1', exitCode: 1, stderr: "Error response from daemon: Invalid filter 'bogus'\n" },
  { name: 'a failed start keeps an earlier exit code', setup: ['network create --subnet 10.9.0.0/24 s1', `run -d --name ff --net s1 --ip 10.9.0.2 ${S}`, 'stop ff', `run -d --name gg --net s1 ${S}`, '!start ff'],
    cmd: "inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' ff", stdout: 'exited 137 Address already in use\n' },
  { name: 'connect --alias to the default bridge', setup: [`run -d --name bb ${S}`], cmd: 'network connect --alias xx bridge bb', exitCode: 1,
    stderr: 'Error response from daemon: network-scoped alias is supported only for containers in user defined networks\n' },
];

describe('real-engine behaviour beyond FACTS.md', () => {
  it.each(rows)('$name', expectRow);
});

describe('container mode shares the owner\'s ports (real engine)', () => {
  it('a second server on a port the namespace serves exits with the bind error; another port is free', () => {
    const w = new World();
    w.setup('run -d --name own nginx', 'run -d --name second --net container:own nginx', 'run -d --name third --net container:own busybox httpd -f -p 8080');
    expect(w.state('second')).toBe('exited');
    expect(w.docker('logs second').stderr).toContain('Address already in use');
    expect(w.state('own')).toBe('running');
    expect(w.state('third')).toBe('running');
  });
});

describe('container mode after the owner stops (real engine)', () => {
  it('the joined container keeps running with only loopback until its own restart', () => {
    const w = new World();
    w.setup(`run -d --name own ${S}`, `run -d --name joi --net container:own ${S}`, `run -d --name peer ${S}`);
    expect(w.ping('joi', '172.17.0.3').reached).toBe(true);
    w.setup('restart -t 0 own');
    expect(w.state('joi')).toBe('running');
    expect(w.ip('joi')).toBeNull();
    expect(w.ping('joi', '172.17.0.3').reached).toBe(false);
    expect(w.docker('exec joi hostname').stdout).toBe(w.docker('exec own hostname').stdout);
    w.setup('restart -t 0 joi');
    expect(w.ip('joi')).toBe(w.ip('own'));
  });
});

describe('a paused target (real engine: the kernel stack still works)', () => {
  it('answers ping and accepts TCP, but serves no HTTP', () => {
    const w = new World();
    w.setup('network create n1', 'run -d --name web --net n1 nginx', `run -d --name c1 --net n1 ${S}`, 'pause web');
    expect(w.ping('c1', 'web').reached).toBe(true);
    expect(w.docker('exec c1 wget -qO- http://web/').exitCode).not.toBe(0);
  });
});

describe('DNS on several networks', () => {
  it('answers from the network whose name sorts first', () => {
    const w = new World();
    w.setup('network create zz', 'network create aa', `run -d --name c1 --net zz ${S}`, 'network connect aa c1',
      `run -d --name c2 --net zz ${S}`, 'network connect aa c2');
    expect(w.docker('exec c1 nslookup -type=a c2').stdout).toContain(`Address: ${w.ip('c2', 'aa')}`);
  });
  it('--hostname resolves for others on a user network, not on the default bridge', () => {
    const w = new World();
    w.setup('network create n1', `run -d --name web --net n1 --hostname web01 ${S}`, `run -d --name cl --net n1 ${S}`,
      `run -d --name web2 --hostname web02 ${S}`, `run -d --name cl2 ${S}`);
    expect(w.ping('cl', 'web01').reached).toBe(true);
    expect(w.ping('cl2', 'web02').reached).toBe(false);
  });
});
