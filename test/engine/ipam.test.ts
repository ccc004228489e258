// IP allocation (FACT 14), pool order and wrap-around (FACTS 18–20).
import { describe, expect, it } from 'vitest';
import { World } from './helpers.js';

const RUN = (name: string, net = '') => `run -d --name ${name} ${net ? `--net ${net} ` : ''}busybox sleep 3600`;

describe('FACT 14: lowest-free addresses, released on stop, re-requested on start', () => {
  // Each step: a command, then the expected address of one container (null: none).
  const steps: Array<[string, string, string | null]> = [
    ['run r1', 'r1', '.2'], ['run r2', 'r2', '.3'], ['run r3', 'r3', '.4'],
    ['stop -t 0 r1', 'r1', null], ['run r4', 'r4', '.2'], ['start r1', 'r1', '.5'],
    ['rm -f r2', 'r2', null], ['run r5', 'r5', '.3'], ['restart -t 0 r3', 'r3', '.4'],
    ['rm -f r4', 'r4', null], ['restart -t 0 r3', 'r3', '.2'], ['pause r5', 'r5', '.3'], ['unpause r5', 'r5', '.3'],
    ['create r6', 'r6', null], ['run r7', 'r7', '.4'], ['start r6', 'r6', '.6'],
  ];
  for (const [net, prefix] of [['', '172.17.0'], ['ipnet', '172.18.0']] as const) {
    it(`on ${net || 'the default bridge'}`, () => {
      const w = new World();
      if (net) w.setup('network create ipnet');
      for (const [cmd, who, want] of steps) {
        const [verb, ...rest] = cmd.split(' ');
        const line = verb === 'run' ? RUN(rest[0], net)
          : verb === 'create' ? `create --name ${rest[0]} ${net ? `--net ${net} ` : ''}busybox sleep 3600` : cmd;
        w.setup(line);
        expect(w.ip(who), `${cmd} → ip of ${who}`).toBe(want === null ? null : `${prefix}${want}`);
      }
    });
  }

  it('disconnect + connect takes the lowest free address again', () => {
    const w = new World();
    w.setup('network create ipnet', RUN('u1', 'ipnet'), RUN('u2', 'ipnet'), RUN('u3', 'ipnet'));
    w.setup('network disconnect ipnet u2');
    expect(w.ip('u2')).toBe(null);
    w.setup('network connect ipnet u2');
    expect(w.ip('u2', 'ipnet')).toBe('172.18.0.3');
  });

  it('MAC is 02:42 + the IPv4 bytes (FACT 4)', () => {
    const w = new World();
    w.setup(RUN('b1'));
    const r = w.docker("inspect -f '{{.NetworkSettings.MacAddress}}' b1");
    expect(r.stdout).toBe('02:42:ac:11:00:02\n');
  });
});

describe('FACTS 18–20: default pools', () => {
  const subnetOf = (w: World, name: string) => w.docker(`network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' ${name}`).stdout.trim();

  it('gives 172.18, 172.19, … then 192.168.x/20, next after last, wrapping around', () => {
    const w = new World();
    const got: string[] = [];
    for (let i = 1; i <= 30; i++) {
      w.setup(`network create pool${i}`);
      got.push(subnetOf(w, `pool${i}`));
    }
    expect(got.slice(0, 3)).toEqual(['172.18.0.0/16', '172.19.0.0/16', '172.20.0.0/16']);
    expect(got[13]).toBe('172.31.0.0/16');
    expect(got[14]).toBe('192.168.0.0/20');
    expect(got[29]).toBe('192.168.240.0/20');
    const full = w.docker('network create pool31');
    expect(full.exitCode).toBe(1);
    expect(full.stderr).toBe('Error response from daemon: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network\n');
    w.setup('network rm pool5');
    w.setup('network create after-rm');
    expect(subnetOf(w, 'after-rm')).toBe('172.22.0.0/16');
  });

  it('does not reuse a freed pool before wrapping around (FACT 19)', () => {
    const w = new World();
    w.setup('network create n1', 'network create n2', 'network create n3', 'network rm n1', 'network create n4');
    expect(subnetOf(w, 'n4')).toBe('172.21.0.0/16');
  });
});

describe('FACTS 29–39: --subnet, --gateway, --ip-range, --ip', () => {
  it('custom subnet and gateway; --ip; next automatic addresses .1 then .2', () => {
    const w = new World();
    w.setup('network create --driver bridge --subnet 192.168.100.0/24 --gateway 192.168.100.254 mynet',
      RUN('fix1', 'mynet --ip 192.168.100.100'), RUN('a1', 'mynet'), RUN('a2', 'mynet'));
    expect(w.ip('fix1')).toBe('192.168.100.100');
    expect(w.ip('a1')).toBe('192.168.100.1');
    expect(w.ip('a2')).toBe('192.168.100.2');
    expect(w.docker("network inspect -f '{{json .IPAM.Config}}' mynet").stdout).toBe('[{"Subnet":"192.168.100.0/24","Gateway":"192.168.100.254"}]\n');
  });

  it('--ip-range: the gateway and addresses come from the range', () => {
    const w = new World();
    w.setup('network create --subnet 192.168.110.0/24 --ip-range 192.168.110.128/25 rnet', RUN('r1', 'rnet'));
    expect(w.ip('r1')).toBe('192.168.110.129');
  });

  it('--ip without --net is ignored by the 20.10 client (FACT 30)', () => {
    const w = new World();
    w.setup('run -d --name ipdef --ip 172.17.0.100 busybox sleep 3600');
    expect(w.ip('ipdef')).toBe('172.17.0.2');
  });

  const failing: Array<{ setup: string[]; cmd: string; stderr: string; exitCode: number; left: string }> = [
    { setup: [], cmd: 'run -d --name ipdef2 --net bridge --ip 172.17.0.100 busybox sleep 3600', exitCode: 125, left: 'created',
      stderr: "docker: Error response from daemon: user specified IP address is supported on user defined networks only.\n" },
    { setup: ['network create nosubnet'], cmd: 'run -d --name ipns --net nosubnet --ip 172.18.0.50 busybox sleep 3600', exitCode: 125, left: 'created',
      stderr: "docker: Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets.\n" },
    { setup: ['network create --subnet 192.168.100.0/24 mynet'], cmd: 'run -d --name out --net mynet --ip 192.168.200.5 busybox sleep 3600',
      exitCode: 125, left: 'created',
      stderr: "docker: Error response from daemon: Invalid address 192.168.200.5: It does not belong to any of this network's subnets.\n" },
    ...['192.168.100.100', '192.168.100.254', '192.168.100.0', '192.168.100.255'].map((ip) => ({
      setup: ['network create --subnet 192.168.100.0/24 --gateway 192.168.100.254 mynet', RUN('fix1', 'mynet --ip 192.168.100.100')],
      cmd: `run -d --name dup --net mynet --ip ${ip} busybox sleep 3600`, exitCode: 125, left: 'created',
      stderr: "docker: Error response from daemon: Address already in use.\n" })),
    { setup: ['network create --subnet 192.168.100.0/24 mynet'], cmd: 'run -d --name bad --net mynet --ip 192.168.100.300 busybox sleep 3600',
      exitCode: 125, left: 'removed',
      stderr: "docker: Error response from daemon: invalid IPv4 address: 192.168.100.300.\nSee 'docker run --help'.\n" },
  ];
  it.each(failing)('docker $cmd', ({ setup, cmd, stderr, exitCode, left }) => {
    const w = new World();
    w.setup(...setup);
    const r = w.docker(cmd);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(exitCode);
    const name = /--name (\S+)/.exec(cmd)![1];
    expect(w.state(name)).toBe(left);
  });

  const networkErrors: Array<[string[], string, string]> = [
    [['network create --subnet 192.168.100.0/24 mynet'], 'network create --subnet 192.168.100.0/24 overlapnet',
      'Error response from daemon: Pool overlaps with other one on this address space\n'],
    [['network create --subnet 192.168.100.0/24 mynet'], 'network create --subnet 192.168.100.128/25 overlapnet',
      'Error response from daemon: Pool overlaps with other one on this address space\n'],
    [[], 'network create --subnet 172.17.0.0/16 overlapnet', 'Error response from daemon: Pool overlaps with other one on this address space\n'],
    [[], 'network create --subnet abc x', 'Error response from daemon: Invalid subnet abc : invalid CIDR address: abc\n'],
    [[], 'network create --subnet 192.168.101.0/33 x', 'Error response from daemon: Invalid subnet 192.168.101.0/33 : invalid CIDR address: 192.168.101.0/33\n'],
    [[], 'network create --subnet 192.168.103.0/24 --gateway 192.168.200.1 x', 'no matching subnet for gateway 192.168.200.1\n'],
    [[], 'network create --gateway 192.168.104.1 x', 'every ip-range or gateway must have a corresponding subnet\n'],
    [[], 'network create --ip-range 192.168.106.0/25 x', 'every ip-range or gateway must have a corresponding subnet\n'],
    [[], 'network create --subnet 192.168.111.0/24 --ip-range 192.168.112.0/25 x', 'no matching subnet for range 192.168.112.0/25\n'],
    [[], 'network create --subnet 192.168.105.0/24 --gateway 192.168.105.0 x',
      'Error response from daemon: failed to allocate gateway (192.168.105.0): Address already in use\n'],
  ];
  it.each(networkErrors)('after %j: docker %s', (setup, cmd, stderr) => {
    const w = new World();
    w.setup(...setup);
    const r = w.docker(cmd);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(1);
  });

  it('host bits set in --subnet are accepted and kept (FACT 38)', () => {
    const w = new World();
    w.setup('network create --subnet 192.168.102.5/24 hb');
    expect(w.docker("network inspect -f '{{json .IPAM.Config}}' hb").stdout).toBe('[{"Subnet":"192.168.102.5/24"}]\n');
  });
});

describe('--aux-address', () => {
  it('is never handed out', () => {
    const w = new World();
    w.setup('network create --subnet 192.168.150.0/24 --aux-address router=192.168.150.2 aux', RUN('x1', 'aux'));
    expect(w.ip('x1')).toBe('192.168.150.3');
  });
});
