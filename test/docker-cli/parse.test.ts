import { describe, expect, it } from 'vitest';
import { closest } from '../../src/docker-cli/closest.js';
import { parseInvocation } from '../../src/docker-cli/parse.js';

const ok = (program: 'docker' | 'docker-compose', argv: string[]) => {
  const r = parseInvocation(program, argv);
  if (!r.ok) throw new Error(r.error.message);
  return r.invocation;
};
const err = (program: 'docker' | 'docker-compose', argv: string[]) => {
  const r = parseInvocation(program, argv);
  if (r.ok) throw new Error(`parsed: ${argv.join(' ')}`);
  return r.error;
};

describe('parseInvocation: accepted forms', () => {
  const cases: Array<{ argv: string; path: string; flags: Record<string, string[]>; args: string[] }> = [
    { argv: 'run -d --name nginx2 --network my-bridge nginx', path: 'run',
      flags: { detach: ['true'], name: ['nginx2'], network: ['my-bridge'] }, args: ['nginx'] },
    { argv: 'run --net=host nginx', path: 'run', flags: { network: ['host'] }, args: ['nginx'] },
    { argv: 'run -itd --name c1 ubuntu:14.04', path: 'run',
      flags: { interactive: ['true'], tty: ['true'], detach: ['true'], name: ['c1'] }, args: ['ubuntu:14.04'] },
    { argv: 'run -p80:80 -p 443:443 -P nginx', path: 'run',
      flags: { publish: ['80:80', '443:443'], 'publish-all': ['true'] }, args: ['nginx'] },
    { argv: 'run -e=A=b --rm=false busybox sh -c echo -d', path: 'run',
      flags: { env: ['A=b'], rm: ['false'] }, args: ['busybox', 'sh', '-c', 'echo', '-d'] },
    { argv: 'run --net-alias x --network-alias y busybox', path: 'run',
      flags: { 'network-alias': ['x', 'y'] }, args: ['busybox'] },
    { argv: 'exec -it c1 ping -c 1 x', path: 'exec',
      flags: { interactive: ['true'], tty: ['true'] }, args: ['c1', 'ping', '-c', '1', 'x'] },
    { argv: 'network create --subnet 192.168.100.0/24 --gateway=192.168.100.254 mynet', path: 'network create',
      flags: { subnet: ['192.168.100.0/24'], gateway: ['192.168.100.254'] }, args: ['mynet'] },
    { argv: 'network list -q', path: 'network ls', flags: { quiet: ['true'] }, args: [] },
    { argv: 'stop -t 0 a b', path: 'stop', flags: { time: ['0'] }, args: ['a', 'b'] },
    { argv: 'rm -fv a -- -weird', path: 'rm', flags: { force: ['true'], volumes: ['true'] }, args: ['a', '-weird'] },
    { argv: 'compose -p proj up -d --scale web=3', path: 'compose up',
      flags: { detach: ['true'], scale: ['web=3'] }, args: [] },
  ];
  it.each(cases)('docker $argv', ({ argv, path, flags, args }) => {
    const inv = ok('docker', argv.split(' '));
    expect(inv.spec.path.join(' ')).toBe(path);
    expect(Object.fromEntries(inv.flags)).toEqual(flags);
    expect(inv.args).toEqual(args);
  });

  it('keeps compose globals', () => {
    const inv = ok('docker-compose', ['-f', 'a.yml', '-p', 'x', 'down', '-v']);
    expect(inv.spec.path).toEqual(['down']);
    expect(inv.globals.get('file')).toEqual(['a.yml']);
    expect(inv.globals.get('project-name')).toEqual(['x']);
    expect(inv.flags.get('volumes')).toEqual(['true']);
    expect(ok('docker', ['compose', '-f', 'b.yml', 'ps']).globals.get('file')).toEqual(['b.yml']);
  });
});

describe('parseInvocation: errors in Docker words', () => {
  const cases: Array<{ argv: string; kind: string; message: string; suggestion?: string; exitCode: number }> = [
    { argv: 'run --nmae x busybox', kind: 'unknown-flag', message: "unknown flag: --nmae\nSee 'docker run --help'.",
      suggestion: '--name', exitCode: 125 },
    { argv: 'run -Z busybox', kind: 'unknown-flag', message: "unknown shorthand flag: 'Z' in -Z\nSee 'docker run --help'.",
      exitCode: 125 },
    { argv: 'run --name', kind: 'missing-value', message: "flag needs an argument: --name\nSee 'docker run --help'.",
      exitCode: 125 },
    { argv: 'netwrk ls', kind: 'unknown-command', message: "docker: 'netwrk' is not a docker command.\nSee 'docker --help'",
      suggestion: 'network', exitCode: 1 },
    { argv: 'rename a', kind: 'arg-count', exitCode: 1,
      message: "\"docker rename\" requires exactly 2 arguments.\nSee 'docker rename --help'.\n\nUsage:  docker rename CONTAINER NEW_NAME" },
    { argv: 'ps x', kind: 'arg-count', exitCode: 1,
      message: "\"docker ps\" accepts no arguments.\nSee 'docker ps --help'.\n\nUsage:  docker ps [OPTIONS]" },
    { argv: 'port', kind: 'arg-count', exitCode: 1,
      message: "\"docker port\" requires at least 1 and at most 2 arguments.\nSee 'docker port --help'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]" },
    { argv: 'network conect n c', kind: 'unknown-command', suggestion: 'connect', exitCode: 1,
      message: "docker network: 'conect' is not a docker network command.\nSee 'docker network --help'" },
  ];
  it.each(cases)('docker $argv', ({ argv, kind, message, suggestion, exitCode }) => {
    const e = err('docker', argv.split(' '));
    expect(e.kind).toBe(kind);
    expect(e.message).toBe(message);
    expect(e.suggestion).toBe(suggestion);
    expect(e.exitCode).toBe(exitCode);
  });
});

describe('closest', () => {
  it('suggests near words only', () => {
    expect(closest('netwrok', ['network', 'run'])).toBe('network');
    expect(closest('zzzzzz', ['network', 'run'])).toBeUndefined();
  });
});

describe('management commands (`docker container …`, `docker image …`)', () => {
  const cases: Array<[string, string, string[]]> = [
    ['container ls -a', 'ps', []],
    ['container list -q', 'ps', []],
    ['container run -d --name web nginx', 'run', ['nginx']],
    ['container stop a b', 'stop', ['a', 'b']],
    ['container rm -f a', 'rm', ['a']],
    ['image ls', 'images', []],
  ];
  it.each(cases)('docker %s runs as docker %s', (argv, path, args) => {
    const inv = ok('docker', argv.split(' '));
    expect(inv.spec.path.join(' ')).toBe(path);
    expect(inv.args).toEqual(args);
  });

  it('keep their own name in messages', () => {
    expect(err('docker', ['container', 'stop']).message).toBe('"docker container stop" requires at least 1 argument.\nSee \'docker container stop --help\'.\n\nUsage:  docker container stop [OPTIONS] CONTAINER [CONTAINER...]');
  });

  it('a flag error exits 125 for every docker command, an argument count error 1 (real engine)', () => {
    for (const argv of ['ps --bad', 'network ls --bad', 'container ls --bad', 'run --bad nginx']) {
      expect(err('docker', argv.split(' ')).exitCode, argv).toBe(125);
    }
    expect(err('docker', ['stop']).exitCode).toBe(1);
    expect(err('docker-compose', ['up', '--bad']).exitCode).toBe(1);
  });
});
