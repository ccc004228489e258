import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ContainerView, PublishedPortView } from '../../src/engine/model.js';
import { displayablePorts, imagesTable, networkLs, portCommand, portsOf, psTable, tabwrite, volumeLs } from '../../src/engine/format/tables.js';
import { container, network, nginxU1, userNetwork } from './views.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ps = { all: false, quiet: false, noTrunc: false, format: null };

const P1_ID = '498a0e7a91772adbdfff2303047d5209e526822c2bc134d6ec13b9cd8b8996ba';
const bind = (containerPort: number, ...hostPorts: Array<[string, number]>): PublishedPortView => ({
  containerPort,
  proto: 'tcp',
  bindings: hostPorts.map(([hostIp, hostPort]) => ({ hostIp, hostPort })),
});

/** h-fmt-p1: nginx -p 8090:80 -p 8091:80 --expose 90 -p 127.0.0.1:8092:81 (fixture ps-fresh.txt). */
function p1(): ContainerView {
  return {
    ...nginxU1(),
    id: P1_ID,
    name: 'h-fmt-p1',
    allNames: ['h-fmt-p1'],
    labels: {},
    createdSeq: 3,
    ports: [
      bind(80, ['0.0.0.0', 8091], ['::', 8091], ['0.0.0.0', 8090], ['::', 8090]),
      bind(81, ['127.0.0.1', 8092]),
      bind(90),
    ],
  };
}

describe('docker ps', () => {
  test('default table of a fresh container (fixture ps-fresh.txt)', () => {
    expect(psTable([p1()], ps)).toEqual({ stdout: fixture('ps-fresh.txt'), stderr: '', exitCode: 0 });
  });

  test('table format with a label column (fixture ps-format-table.txt)', () => {
    const stopped = (name: string, seq: number): ContainerView => ({
      ...container({ name, createdSeq: seq }),
      state: { ...container({}).state, status: 'exited', running: false, exitCode: 137 },
    });
    const e1 = { ...nginxU1(), name: 'h-fmt-e1', labels: {}, createdSeq: 6, ports: [bind(80)] };
    const u2 = container({ name: 'h-fmt-u2', createdSeq: 4 });
    const rows = [container({ createdSeq: 1 }), nginxU1(), p1(), stopped('h-fmt-s1', 7), e1, stopped('h-fmt-c1', 5), u2];
    rows[2]!.createdSeq = 8;
    const out = psTable(rows, { ...ps, all: true, format: 'table {{.Names}}\\t{{.Ports}}\\t{{.Label "lab"}}' });
    expect(out.stdout).toBe(fixture('ps-format-table.txt'));
  });

  test('{{json .}} marshals every field, HTML-escaped (real engine)', () => {
    const out = psTable([p1()], { ...ps, noTrunc: true, format: '{{json .}}' });
    expect(out.stdout).toBe(
      '{"Command":"\\"httpd -f -p 80 -h /usr/share/nginx/html\\"","CreatedAt":"2026-11-22 06:50:32 +0000 UTC","ID":"498a0e7a91772adbdfff2303047d5209e526822c2bc134d6ec13b9cd8b8996ba","Image":"nginx","Labels":"","LocalVolumes":"0","Mounts":"","Names":"h-fmt-p1","Networks":"h-fmt-net","Ports":"90/tcp, 0.0.0.0:8090-\\u003e80/tcp, 0.0.0.0:8091-\\u003e80/tcp, :::8090-\\u003e80/tcp, :::8091-\\u003e80/tcp, 127.0.0.1:8092-\\u003e81/tcp","RunningFor":"Less than a second ago","Size":"0B (virtual 1.98MB)","State":"running","Status":"Up Less than a second"}\n',
    );
  });

  test('newest first, -a shows stopped ones, -q only IDs', () => {
    const a = container({ name: 'a1', id: 'a'.repeat(64), createdSeq: 1 });
    const b = container({ name: 'b1', id: 'b'.repeat(64), createdSeq: 2 });
    const c = { ...container({ name: 'c1', id: 'c'.repeat(64), createdSeq: 3 }), state: { ...a.state, status: 'exited' as const, running: false, exitCode: 1 } };
    expect(psTable([a, b, c], { ...ps, quiet: true }).stdout).toBe('bbbbbbbbbbbb\naaaaaaaaaaaa\n');
    expect(psTable([a, b, c], { ...ps, all: true, format: '{{.Names}} {{.Status}} {{.Networks}}' }).stdout).toBe(
      'c1 Exited (1) Less than a second ago bridge\nb1 Up Less than a second bridge\na1 Up Less than a second bridge\n',
    );
  });

  test('--format table alone is the default table; paused shows without -a (real engine)', () => {
    const paused = { ...p1(), state: { ...p1().state, status: 'paused' as const, paused: true } };
    expect(psTable([paused], { ...ps, format: 'table' }).stdout).toBe(psTable([paused], ps).stdout);
    expect(psTable([paused], { ...ps, format: '{{.Status}}|{{.State}}' }).stdout).toBe('Up Less than a second (Paused)|paused\n');
  });

  test('COMMAND is quoted and cut to 20 characters (FACT 12)', () => {
    const mysql = container({ entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'] });
    expect(psTable([mysql], { ...ps, format: '{{.Command}}' }).stdout).toBe('"docker-entrypoint.s…"\n');
  });

  test('template errors as the client prints them', () => {
    expect(psTable([container({})], { ...ps, format: '{{.Foo}}' })).toEqual({
      stdout: '',
      stderr: `failed to execute template: template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext\n`,
      exitCode: 1,
    });
    expect(psTable([], { ...ps, format: '{{.Names' }).stderr).toBe('failed to parse template: template: :1: unclosed action\n');
  });
});

describe('PORTS column (FACTS 66–72)', () => {
  const web = (ports: PublishedPortView[]) => displayablePorts(portsOf({ ...container({}), ports }));
  test.each<[string, PublishedPortView[], string]>([
    ['-p 8080:80', [bind(80, ['0.0.0.0', 8080], ['::', 8080])], '0.0.0.0:8080->80/tcp, :::8080->80/tcp'],
    ['-p 127.0.0.1:8081:80', [bind(80, ['127.0.0.1', 8081])], '127.0.0.1:8081->80/tcp'],
    ['-p 8082:80/udp', [bind(80), { containerPort: 80, proto: 'udp', bindings: [{ hostIp: '0.0.0.0', hostPort: 8082 }, { hostIp: '::', hostPort: 8082 }] }], '80/tcp, 0.0.0.0:8082->80/udp, :::8082->80/udp'],
    [
      '-p 8083-8085:80-82',
      [bind(80, ['0.0.0.0', 8083], ['::', 8083]), bind(81, ['0.0.0.0', 8084], ['::', 8084]), bind(82, ['0.0.0.0', 8085], ['::', 8085])],
      '0.0.0.0:8083->80/tcp, :::8083->80/tcp, 0.0.0.0:8084->81/tcp, :::8084->81/tcp, 0.0.0.0:8085->82/tcp, :::8085->82/tcp',
    ],
    ['mysql', [bind(3306), bind(33060)], '3306/tcp, 33060/tcp'],
    ['-p 8080-8081:8080-8081 (same numbers group into a range)', [bind(8080, ['0.0.0.0', 8080]), bind(8081, ['0.0.0.0', 8081])], '0.0.0.0:8080-8081->8080-8081/tcp'],
    ['EXPOSE 80 81 83', [bind(80), bind(81), bind(83)], '80-81/tcp, 83/tcp'],
  ])('%s', (_name, ports, expected) => {
    expect(web(ports)).toBe(expected);
  });
});

describe('docker port', () => {
  test('all bindings, in the engine order (real engine: later -p first)', () => {
    expect(portCommand(p1(), 'h-fmt-p1', null).stdout).toBe(
      '80/tcp -> 0.0.0.0:8091\n80/tcp -> :::8091\n80/tcp -> 0.0.0.0:8090\n80/tcp -> :::8090\n81/tcp -> 127.0.0.1:8092\n',
    );
  });
  test('one port; unpublished is an error (FACT 66)', () => {
    expect(portCommand(nginxU1(), 'web', '80').stdout).toBe('0.0.0.0:8080\n:::8080\n');
    expect(portCommand(nginxU1(), 'web', '80/tcp').stdout).toBe('0.0.0.0:8080\n:::8080\n');
    expect(portCommand(nginxU1(), 'web', '81')).toEqual({ stdout: '', stderr: "Error: No public port '81/tcp' published for web\n", exitCode: 1 });
  });
});

describe('docker network ls', () => {
  const host = network({ id: '475e73bef56f' + '0'.repeat(52), name: 'host', driver: 'host', options: {}, containers: [] });
  const none = network({ id: 'db6e43c5b18a' + '0'.repeat(52), name: 'none', driver: 'null', options: {}, containers: [] });
  const all = [none, userNetwork(), host, network({})];
  const ls = { quiet: false, noTrunc: false, format: null, filters: [] };

  test('sorted by name (fixture network-ls.txt)', () => {
    expect(networkLs(all, ls).stdout).toBe(fixture('network-ls.txt'));
  });
  test('-q, --filter, --format (FACT 95)', () => {
    expect(networkLs(all, { ...ls, quiet: true }).stdout).toBe('bb89f5de4e98\n702cc8d93e74\n475e73bef56f\ndb6e43c5b18a\n');
    expect(networkLs(all, { ...ls, filters: ['driver=bridge'], format: '{{.Name}}' }).stdout).toBe('bridge\nh-fmt-net\n');
    expect(networkLs(all, { ...ls, filters: ['name=o'], format: '{{.Name}}' }).stdout).toBe('host\nnone\n');
    expect(networkLs(all, { ...ls, format: '{{.Name}}: {{.Driver}}/{{.Scope}} internal={{.Internal}}' }).stdout).toContain('none: null/local internal=false\n');
    expect(networkLs(all, { ...ls, format: 'table {{.Name}}\\t{{.ID}}' }).stdout).toBe(
      'NAME        NETWORK ID\nbridge      bb89f5de4e98\nh-fmt-net   702cc8d93e74\nhost        475e73bef56f\nnone        db6e43c5b18a\n',
    );
  });
  test('errors as the real client prints them', () => {
    expect(networkLs(all, { ...ls, format: '{{.Foo}}' }).stderr).toBe(
      `template parsing error: template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type *network.networkContext\n`,
    );
    expect(networkLs(all, { ...ls, filters: ['foo=bar'] })).toEqual({ stdout: '', stderr: "Error response from daemon: Invalid filter 'foo'\n", exitCode: 1 });
    expect(networkLs(all, { ...ls, filters: ['foo'] }).exitCode).toBe(125);
  });
  test.each([
    // A known key without '=' is still the client's error; values the daemon checks.
    [['driver'], 125, 'invalid argument "driver" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee \'docker network ls --help\'.\n'],
    [['dangling=maybe'], 1, 'Error response from daemon: invalid value for filter \'dangling\', must be "true" (or "1"), or "false" (or "0")\n'],
    [['type=bogus'], 1, "Error response from daemon: invalid filter: 'type'='bogus'\n"],
  ])('--filter %j refused (real 20.10)', (filters, exitCode, stderr) => {
    expect(networkLs(all, { ...ls, filters })).toEqual({ stdout: '', stderr, exitCode });
  });
  test('filters of one key are alternatives; dangling=1 is true', () => {
    expect(networkLs(all, { ...ls, filters: ['name=none', 'name=host'], format: '{{.Name}}' }).stdout).toBe('host\nnone\n');
    expect(networkLs(all, { ...ls, filters: ['dangling=1'], format: '{{.Name}}' }).stdout).toBe('h-fmt-net\n');
    expect(networkLs(all, { ...ls, filters: ['driver='], format: '{{.Name}}' }).stdout).toBe('');
  });
});

describe('images, volumes, tabwriter', () => {
  const image = (repository: string | null, tag: string | null, id: string) =>
    ({ repository, tag, id: id + '0'.repeat(52), created: '2026-12-04T14:32:13.675415831Z', createdSince: '11 minutes ago', size: 1984172 });
  const plain = { quiet: false, noTrunc: false, digests: false, format: null };
  test('docker images (real engine layout)', () => {
    expect(imagesTable([image('mysql', '5.7', 'c5e3ba753af8'), image('busybox', 'latest', 'c1466f2be390')], plain).stdout).toBe(
      'REPOSITORY   TAG       IMAGE ID       CREATED          SIZE\nmysql        5.7       c5e3ba753af8   11 minutes ago   1.98MB\nbusybox      latest    c1466f2be390   11 minutes ago   1.98MB\n',
    );
    expect(imagesTable([image(null, null, '788930723d37')], { ...plain, digests: true }).stdout).toBe(
      'REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED          SIZE\n<none>       <none>    <none>    788930723d37   11 minutes ago   1.98MB\n',
    );
  });
  test('docker images: -q, --no-trunc, raw, json, and a format of the user\'s own over -q (real engine)', () => {
    const busybox = [image('busybox', 'latest', '925d3c633817')];
    expect(imagesTable(busybox, { ...plain, quiet: true, noTrunc: true }).stdout).toBe(`sha256:925d3c633817${'0'.repeat(52)}\n`);
    expect(imagesTable(busybox, { ...plain, quiet: true, format: '{{.Repository}}' }).stdout).toBe('busybox\n');
    expect(imagesTable(busybox, { ...plain, format: 'raw' }).stdout).toBe(
      'repository: busybox\ntag: latest\nimage_id: 925d3c633817\ncreated_at: 2026-12-04 14:32:13 +0000 UTC\nvirtual_size: 1.98MB\n\n',
    );
    expect(imagesTable(busybox, { ...plain, quiet: true, format: 'raw' }).stdout).toBe('image_id: 925d3c633817\n');
    expect(imagesTable(busybox, { ...plain, format: '{{json .}}' }).stdout).toBe(
      '{"Containers":"N/A","CreatedAt":"2026-12-04 14:32:13 +0000 UTC","CreatedSince":"11 minutes ago","Digest":"\\u003cnone\\u003e","ID":"925d3c633817","Repository":"busybox","SharedSize":"N/A","Size":"1.98MB","Tag":"latest","UniqueSize":"N/A","VirtualSize":"1.984MB"}\n',
    );
    expect(imagesTable(busybox, { ...plain, format: '{{.Nope}}' }).stderr).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.imageContext\n',
    );
  });
  test('docker volume ls', () => {
    const ls = { quiet: false, format: null };
    const data = [{ name: 'data', driver: 'local', labels: {}, mountpoint: '/var/lib/docker/volumes/data/_data' }];
    expect(volumeLs([], ls).stdout).toBe('DRIVER    VOLUME NAME\n');
    expect(volumeLs(data, ls).stdout).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
    expect(volumeLs(data, { quiet: true, format: 'raw' }).stdout).toBe('name: data\n');
    expect(volumeLs(data, { quiet: false, format: 'raw' }).stdout).toBe('name: data\ndriver: local\n\n');
    expect(volumeLs(data, { quiet: true, format: 'table' }).stdout).toBe('data\n');
    expect(volumeLs(data, ls).stdout).toBe(volumeLs(data, { quiet: false, format: 'table' }).stdout);
    expect(volumeLs(data, { quiet: false, format: '{{json .}}' }).stdout).toBe(
      '{"Driver":"local","Labels":"","Links":"N/A","Mountpoint":"/var/lib/docker/volumes/data/_data","Name":"data","Scope":"local","Size":"N/A"}\n',
    );
  });
  test('tabwriter: widest cell + 3, at least 10; the last cell is not padded', () => {
    expect(tabwrite('a\tbbbbbbbbbbbb\tc\nxx\ty\tz\n')).toBe('a         bbbbbbbbbbbb   c\nxx        y              z\n');
  });
});
