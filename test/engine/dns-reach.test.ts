// Name resolution and reachability (FACTS 8, 23–28, 42–54, 58–84, 96).
import { describe, expect, it } from 'vitest';
import { answerProbe } from '../../src/engine/probes.js';
import { arpaAddress, arpaName } from '../../src/engine/resolver.js';
import { World } from './helpers.js';

const RUN = (name: string, opts = '') => `run -d --name ${name} ${opts} busybox sleep 3600`.replace(/ +/g, ' ');

function resolve(w: World, from: string, name: string): string[] {
  const o = answerProbe(w.ctrl, { kind: 'resolve', source: { kind: 'container', name: from }, name });
  return o.status === 'answered' ? [...o.answer.addresses].sort() : [];
}

describe('embedded DNS', () => {
  const w = new World();
  w.setup('network create my-bridge', RUN('mb1', '--net my-bridge'), RUN('mb2', '--net my-bridge'), RUN('d1'), RUN('d2'));
  const mb2Id = w.docker("inspect -f '{{.Id}}' mb2").stdout.trim();
  const cases: Array<[string, string, string[]]> = [
    ['mb1', 'mb2', ['172.18.0.3']],
    ['mb1', 'mb1', ['172.18.0.2']],
    ['mb1', mb2Id.slice(0, 12), ['172.18.0.3']],
    ['mb1', mb2Id, []],
    ['mb1', mb2Id.slice(0, 6), []],
    ['mb1', 'nosuchcontainer', []],
    ['d1', 'd2', []],
    ['d1', 'd1', []],
    ['mb1', 'd1', []],
  ];
  it.each(cases)('from %s, %s resolves to %j', (from, name, want) => {
    expect(resolve(w, from, name)).toEqual(want);
  });

  it('a stopped container drops out and comes back on start (FACT 24)', () => {
    w.setup('stop -t 0 mb2');
    expect(resolve(w, 'mb1', 'mb2')).toEqual([]);
    w.setup('start mb2');
    expect(resolve(w, 'mb1', 'mb2')).toEqual(['172.18.0.3']);
  });

  it('own hostname resolves through /etc/hosts on the default bridge (FACT 8)', () => {
    const id12 = w.docker("inspect -f '{{.Id}}' d1").stdout.slice(0, 12);
    expect(resolve(w, 'd1', id12)).toEqual(['172.17.0.2']);
  });

  it('resolv.conf: 127.0.0.11 on user networks, the host resolver on the default bridge (FACTS 5, 23)', () => {
    expect(w.docker('exec mb1 cat /etc/resolv.conf').stdout).toBe('nameserver 127.0.0.11\noptions ndots:0\n');
    expect(w.docker('exec d1 cat /etc/resolv.conf').stdout).toBe('nameserver 10.255.255.53\n');
  });
});

describe('aliases (FACTS 42–49)', () => {
  it('every member of an alias answers; aliases are per network', () => {
    const w = new World();
    w.setup('network create mybridge', 'network create other',
      'run -itd --name network_alias_container1 --net mybridge --net-alias alicek106 ubuntu:14.04',
      'run -itd --name network_alias_container2 --net mybridge --net-alias alicek106 ubuntu:14.04',
      'run -itd --name network_alias_container3 --net mybridge --network-alias alicek106 ubuntu:14.04',
      RUN('probe', '--net mybridge'), RUN('outsider', '--net other'));
    expect(resolve(w, 'probe', 'alicek106')).toEqual(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
    expect(resolve(w, 'outsider', 'alicek106')).toEqual([]);
    const aliases = w.docker("inspect -f '{{json .NetworkSettings.Networks.mybridge.Aliases}}' network_alias_container1").stdout;
    expect(aliases).toMatch(/^\["alicek106","[0-9a-f]{12}"\]\n$/);
  });

  const rejected: Array<[string, string]> = [
    ['run -d --name a1 --net bridge --network-alias foo busybox sleep 3600',
      "docker: network-scoped aliases are only supported for user-defined networks.\nSee 'docker run --help'.\n"],
    ['run -d --name a2 --net host --network-alias foo busybox sleep 3600',
      "docker: network-scoped aliases are only supported for user-defined networks.\nSee 'docker run --help'.\n"],
  ];
  it.each(rejected)('docker %s', (cmd, stderr) => {
    const w = new World();
    const r = w.docker(cmd);
    expect([r.stderr, r.exitCode]).toEqual([stderr, 125]);
    expect(w.state(/--name (\S+)/.exec(cmd)![1])).toBe('removed');
  });

  it('--net-alias on the implicit default bridge is ignored (FACT 49)', () => {
    const w = new World();
    expect(w.docker('run -d --name aliasdef --net-alias foo busybox sleep 3600').exitCode).toBe(0);
    expect(w.ip('aliasdef')).toBe('172.17.0.2');
  });
});

describe('reachability', () => {
  const w = new World();
  w.setup('network create my-bridge', 'network create my-bridge2', 'network create --internal intnet',
    'network create -o com.docker.network.bridge.enable_icc=false noicc',
    RUN('mb1', '--net my-bridge'), RUN('mb2', '--net my-bridge'), RUN('d1'), RUN('d2'), RUN('mc1', '--net my-bridge2'),
    RUN('i1', '--net intnet'), RUN('i2', '--net intnet'), RUN('n1', '--net noicc'), RUN('n2', '--net noicc'),
    RUN('isolated', '--net none'), 'run -d --name hostweb --net host nginx');
  const cases: Array<[string, string, boolean, string | undefined]> = [
    ['d1', '172.17.0.3', true, undefined],
    ['d1', 'd2', false, 'name-not-resolvable'],
    ['mb1', 'mb2', true, undefined],
    ['mb1', '172.17.0.2', false, 'bridge-isolation'],
    ['d1', '172.18.0.2', false, 'bridge-isolation'],
    ['mb1', 'mc1', false, 'no-shared-network'],
    ['mc1', '172.18.0.1', true, undefined],
    ['mb1', '172.17.0.1', true, undefined],
    ['mb1', '172.18.0.200', false, 'address-not-in-use'],
    ['host', '172.18.0.3', true, undefined],
    ['host', '172.17.0.2', true, undefined],
    ['i1', 'i2', true, undefined],
    ['i1', '172.17.0.2', false, 'internal-network'],
    ['n1', 'n2', false, 'icc-disabled'],
    ['isolated', '172.17.0.2', false, 'loopback-only'],
    ['isolated', '127.0.0.1', true, undefined],
    ['isolated', 'd1', false, 'name-not-resolvable'],
    ['hostweb', '172.18.0.2', true, undefined],
  ];
  it.each(cases)('ping from %s to %s → %s (%s)', (from, to, reached, cause) => {
    expect(w.ping(from, to)).toEqual({ reached, cause });
  });

  it('tcp: refused when nothing listens, dropped across bridges (FACTS 10, 28)', () => {
    const tcp = (from: string, target: string, port: number) => {
      const o = answerProbe(w.ctrl, { kind: 'tcp', source: { kind: 'container', name: from }, target, port });
      return o.status === 'answered' ? [o.answer.connected, o.why.cause] : [];
    };
    expect(tcp('d1', '172.17.0.3', 80)).toEqual([false, 'nothing-listening']);
    expect(tcp('mb1', '172.17.0.2', 80)).toEqual([false, 'bridge-isolation']);
  });

  it('none mode: ping by IP says Network is unreachable (FACT 82)', () => {
    const r = w.docker('exec isolated ping -c 1 -W 1 172.17.0.2');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Network is unreachable');
  });
});

describe('links (FACTS 50–54)', () => {
  it('hosts entry, env vars, one way', () => {
    const w = new World();
    w.setup('run -d --name nginx nginx', 'run -d --name nginx1 --link nginx:nginx nginx');
    const id12 = w.docker("inspect -f '{{.Id}}' nginx").stdout.slice(0, 12);
    expect(w.docker('exec nginx1 cat /etc/hosts').stdout).toContain(`172.17.0.2\tnginx ${id12}\n`);
    expect(w.ping('nginx1', 'nginx').reached).toBe(true);
    expect(w.ping('nginx', 'nginx1').reached).toBe(false);
    const env = w.docker('exec nginx1 env').stdout;
    expect(env).toContain('NGINX_PORT=tcp://172.17.0.2:80\n');
    expect(env).toContain('NGINX_PORT_80_TCP_ADDR=172.17.0.2\n');
    expect(env).toContain('NGINX_NAME=/nginx1/nginx\n');
    expect(w.docker("inspect -f '{{json .HostConfig.Links}}' nginx1").stdout).toBe('["/nginx:/nginx1/nginx"]\n');
  });

  it('link to a stopped container leaves it Created; to a missing one creates nothing', () => {
    const w = new World();
    w.setup(RUN('stoppedone'), 'stop -t 0 stoppedone');
    const r = w.docker('run -d --name linkstopped --link stoppedone:st busybox sleep 3600');
    expect(r.stderr).toBe("docker: Error response from daemon: Cannot link to a non running container: /stoppedone AS /linkstopped/st.\n");
    expect(r.exitCode).toBe(125);
    expect(w.state('linkstopped')).toBe('created');
    const r2 = w.docker('run -d --name ln2 --link nosuchcontainer:ns busybox sleep 3600');
    expect(r2.stderr).toBe("docker: Error response from daemon: could not get container for nosuchcontainer: No such container: nosuchcontainer.\nSee 'docker run --help'.\n");
    expect(w.state('ln2')).toBe('removed');
  });
});

describe('links on a user-defined network', () => {
  it('the alias resolves through the embedded DNS for the linking container only', () => {
    const w = new World();
    w.setup('network create un', RUN('srv', '--net un'), RUN('cli', '--net un --link srv:db'), RUN('other', '--net un'));
    expect(resolve(w, 'cli', 'db')).toEqual(['172.18.0.2']);
    expect(resolve(w, 'other', 'db')).toEqual([]);
    expect(w.docker('exec cli cat /etc/hosts').stdout).not.toContain('db');
  });
});

describe('NAME.NETWORK readings (libnetwork sandbox.ResolveName)', () => {
  const w = new World();
  w.setup('network create my.net', 'network create other', RUN('web', '--net my.net --network-alias svc'),
    RUN('client', '--net my.net'), RUN('stranger', '--net other'), RUN('db', '--net other'));
  w.setup('network connect other client');
  const cases: Array<[string, string, string[]]> = [
    ['client', 'web.my.net', ['172.18.0.2']],
    ['client', 'svc.my.net', ['172.18.0.2']],
    ['client', 'web.', ['172.18.0.2']],
    ['client', 'db.other', ['172.19.0.3']],
    ['client', 'web.other', []],
    ['stranger', 'web.my.net', []],
    ['stranger', 'db.other', ['172.19.0.3']],
  ];
  it.each(cases)('from %s, %s resolves to %j', (from, name, want) => {
    expect(resolve(w, from, name)).toEqual(want);
  });
});

describe('endpoint links on user networks are names looked up when asked', () => {
  const w = new World();
  w.setup('network create mynet', RUN('db', '--net mynet'), RUN('app', '--net mynet --link db:database --link nosuch:ghost'),
    RUN('plain'), RUN('other', '--net mynet'));
  w.setup('network connect --link db:store mynet plain');
  const cases: Array<[string, string, string[]]> = [
    ['app', 'database', ['172.18.0.2']],
    ['app', 'ghost', []],
    ['plain', 'store', ['172.18.0.2']],
    ['other', 'database', []],
    ['other', 'store', []],
  ];
  it.each(cases)('from %s, %s resolves to %j', (from, name, want) => {
    expect(resolve(w, from, name)).toEqual(want);
  });

  it('Links are the endpoint settings, as given; HostConfig.Links stays null', () => {
    expect(w.docker("inspect -f '{{json .NetworkSettings.Networks.mynet.Links}} {{json .HostConfig.Links}}' app").stdout)
      .toBe('["db:database","nosuch:ghost"] null\n');
  });

  it('a renamed target no longer answers for the link; a new container of that name does', () => {
    w.setup('rename db db2');
    expect(resolve(w, 'app', 'database')).toEqual([]);
    w.setup(RUN('db', '--net mynet'));
    expect(resolve(w, 'app', 'database')).toEqual(['172.18.0.6']);
  });
});

describe('resolv.conf from --dns, --dns-search and --dns-option (sandbox_dns.go)', () => {
  const w = new World();
  w.setup('network create mynet');
  const cases: Array<[string, string]> = [
    ['', 'nameserver 10.255.255.53\n'],
    ['--dns-search a.com --dns-search b.org', 'search a.com b.org\nnameserver 10.255.255.53\n'],
    ['--dns 10.1.1.1 --dns-option ndots:3', 'nameserver 10.1.1.1\noptions ndots:3\n'],
    ['--dns-search .', 'nameserver 10.255.255.53\n'],
    ['--net mynet', 'nameserver 127.0.0.11\noptions ndots:0\n'],
    ['--net mynet --dns 10.9.9.9 --dns-search a.com', 'search a.com\nnameserver 127.0.0.11\noptions ndots:0\n'],
    ['--net mynet --dns-option timeout:3', 'nameserver 127.0.0.11\noptions timeout:3 ndots:0\n'],
    ['--net mynet --dns-option ndots:2', 'nameserver 127.0.0.11\noptions ndots:2\n'],
    ['--net host --dns-search example.com', 'search example.com\nnameserver 10.255.255.53\n'],
  ];
  let n = 0;
  it.each(cases)('run %s → %j', (opts, want) => {
    const name = `rc${n++}`;
    w.setup(RUN(name, opts));
    expect(w.docker(`exec ${name} cat /etc/resolv.conf`).stdout).toBe(want);
  });
});

describe('reverse lookups (PTR) from the embedded DNS', () => {
  const w = new World();
  w.setup('network create mynet', RUN('web', '--net mynet --network-alias svc'), RUN('c1', '--net mynet'), RUN('d1'));
  const cases: Array<[string, string, RegExp]> = [
    ['c1', '172.18.0.2', /in-addr\.arpa\tname = web\.mynet\n/],
    ['c1', '172.18.0.9', /server can't find 9\.0\.18\.172\.in-addr\.arpa: NXDOMAIN/],
    ['d1', '172.17.0.2', /^Server:\t\t10\.255\.255\.53\n[^]*NXDOMAIN/],
  ];
  it.each(cases)('from %s, nslookup %s', (from, ip, want) => {
    expect(w.docker(`exec ${from} nslookup ${ip}`).stdout).toMatch(want);
  });
});

describe('query types of the embedded DNS (libnetwork resolver.ServeDNS, real 20.10)', () => {
  const w = new World();
  w.setup('network create mynet', RUN('web', '--net mynet --network-alias svc'), RUN('c1', '--net mynet'), RUN('d1'));
  const HEAD = 'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n';
  const A = 'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n';
  const EMPTY = 'Non-authoritative answer:\n\n';
  const nx = (name: string): string => `** server can't find ${name}: NXDOMAIN\n\n`;
  const TIMEOUT = ';; connection timed out; no servers could be reached\n\n';
  const cases: Array<[string, string, number, string]> = [
    ['c1', '-type=a web', 0, HEAD + A],
    ['c1', '-type=A web', 0, HEAD + A],
    ['c1', '-q=a web', 0, HEAD + A],
    ['c1', '-querytype=a web', 0, HEAD + A],
    ['c1', '-type=a -type=a web', 0, HEAD + A],
    ['c1', '-type=mx web', 0, HEAD + EMPTY],
    ['c1', '-type=MX svc', 0, HEAD + EMPTY],
    ['c1', '-type=mx web.mynet', 0, HEAD + EMPTY],
    ['c1', '-type=aaaa web', 0, HEAD + EMPTY],
    ['c1', '-type=mx nosuch', 1, HEAD + nx('nosuch')],
    ['c1', '-type=aaaa nosuch', 1, HEAD + nx('nosuch')],
    ['c1', '-type=txt web', 1, HEAD + nx('web')],
    ['c1', '-type=srv web', 1, HEAD + nx('web')],
    ['c1', '-type=ns web', 1, HEAD + nx('web')],
    ['c1', '-type=soa web', 1, HEAD + nx('web')],
    ['c1', '-type=cname web', 1, HEAD + nx('web')],
    ['c1', '-type=any web', 1, HEAD + nx('web')],
    ['c1', '-type=a 172.18.0.2', 1, HEAD + nx('172.18.0.2')],
    ['c1', '-type=mx -type=a web', 0, HEAD + A + EMPTY],
    ['c1', '-type=txt -type=a web', 1, HEAD + A + nx('web')],
    ['c1', '-type=ptr 172.18.0.2', 1, TIMEOUT],
    ['c1', '-type=ptr web', 1, TIMEOUT],
    ['c1', '-type=ptr 2.0.18.172.IN-ADDR.ARPA', 1, TIMEOUT],
    ['c1', '-type=ptr 2.0.18.172.in-addr.arpa', 0, `${HEAD}Non-authoritative answer:\n2.0.18.172.in-addr.arpa\tname = web.mynet\n\n`],
    ['c1', '-type=ptr 2.0.18.172.in-addr.arpa.', 0, `${HEAD}Non-authoritative answer:\n2.0.18.172.in-addr.arpa\tname = web.mynet\n\n`],
    ['c1', '-type=ptr 02.0.18.172.in-addr.arpa', 1, HEAD + nx('02.0.18.172.in-addr.arpa')],
    ['c1', '-type=ptr -type=a web', 0, `${HEAD + A}*** Can't find web: No answer\n\n`],
    ['d1', '-type=mx d1', 1, `Server:\t\t10.255.255.53\nAddress:\t10.255.255.53:53\n\n${nx('d1')}`],
  ];
  it.each(cases)('from %s, nslookup %s → exit %i', (from, args, code, stdout) => {
    const r = w.docker(`exec ${from} nslookup ${args}`);
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([code, stdout, '']);
  });

  const errors: Array<[string, string]> = [
    ['-type=naptr web', 'nslookup: invalid query type "naptr"\n'],
    ['-type=15 web', 'nslookup: invalid query type "15"\n'],
    ['-type web', 'nslookup: invalid query type ""\n'],
    ['-t=mx web', "nslookup: invalid number 'mx'\n"],
    ['-retry=0 web', 'nslookup: number 0 is not in 1..2147483647 range\n'],
    ['-port=0 web', 'nslookup: number 0 is not in 1..65535 range\n'],
    ['-timeout=0 web', 'nslookup: number 0 is not in 1..2147483 range\n'],
    ['web -type=mx', "nslookup: bad address '-type=mx'\n"],
    ['-port=54 -type=a web', 'nslookup: read: Connection refused\n'.repeat(2)],
  ];
  it.each(errors)('nslookup %s fails with %j', (args, stderr) => {
    const r = w.docker(`exec c1 nslookup ${args}`);
    expect([r.exitCode, r.stderr]).toEqual([1, stderr]);
  });

  it.each(['-x web', '-QUERY=mx web', '-o web'])('nslookup %s is refused with the usage', (args) => {
    const r = w.docker(`exec c1 nslookup ${args}`);
    expect([r.exitCode, r.stderr]).toEqual([1, expect.stringContaining('Usage: nslookup [-type=QUERY_TYPE]')]);
  });

  it('-debug (-d) prints timings, which the simulator has not: said so', () => {
    expect(w.docker('exec c1 nslookup -d=1 web').stderr).toContain('not simulated');
  });
});

describe('PTR names (arpaAddress, arpaName)', () => {
  const cases: Array<[string, string | null | undefined]> = [
    ['3.0.18.172.in-addr.arpa.', '172.18.0.3'],
    ['03.0.18.172.in-addr.arpa.', null],
    ['0.18.172.in-addr.arpa.', null],
    ['3.0.18.172.IN-ADDR.ARPA.', undefined],
    ['172.18.0.3.', undefined],
    [`3.${'0.'.repeat(23)}7.7.0.0.0.0.d.f.ip6.arpa.`, 'fd00:77::3'],
    [`${'0.'.repeat(31)}G.ip6.arpa.`, null],
  ];
  it.each(cases)('%s stands for %j', (name, want) => {
    expect(arpaAddress(name)).toBe(want);
  });
  it.each([['172.18.0.3', '3.0.18.172.in-addr.arpa'], ['fd00:77::3', `3.${'0.'.repeat(23)}7.7.0.0.0.0.d.f.ip6.arpa`]])('%s asks %s', (ip, name) => {
    expect(arpaName(ip)).toBe(name);
  });
});
