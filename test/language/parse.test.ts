// Table-driven: each form of docs/language.md → the AST it must produce.
import { describe, expect, test } from 'vitest';
import { parseSource } from '../../src/language/parse.js';
import { first, parseOk, withoutLocs } from './helpers.js';

const word = (value: string) => ({ type: 'Word', parts: [{ type: 'Text', value }] });
const lit = (value: string) => ({ type: 'Literal', word: word(value) });

const expectations: Array<[string, object]> = [
  ['ping b from a succeeds', { type: 'PingExpect', target: word('b'), source: word('a'), outcome: 'succeeds' }],
  ['ping 172.17.0.2 from host fails', { type: 'PingExpect', target: word('172.17.0.2'), source: { type: 'HostSource' }, outcome: 'fails' }],
  ['ping b from "host" succeeds', { source: { type: 'Word', quoted: true, parts: [{ value: 'host' }] } }],
  ['tcp web:80 from a succeeds', { type: 'TcpExpect', target: word('web'), port: word('80') }],
  ['tcp [fd00::2]:80 from a fails', { type: 'TcpExpect', target: word('fd00::2'), port: word('80'), outcome: 'fails' }],
  ['tcp $ip:$port from a succeeds', { target: { parts: [{ type: 'Var', name: 'ip' }] }, port: { parts: [{ type: 'Var', name: 'port' }] } }],
  ['http http://web:8080/x from a succeeds', { type: 'HttpExpect', url: word('http://web:8080/x'), check: { type: 'Outcome', outcome: 'succeeds' } }],
  ['http http://web/ from a returns 404', { check: { type: 'Status', status: 404 } }],
  ['resolve web from a fails', { type: 'ResolveExpect', name: word('web'), check: { type: 'Outcome', outcome: 'fails' } }],
  ['resolve web from a gives 10.0.0.2, 10.0.0.3', { check: { type: 'Gives', values: [lit('10.0.0.2'), lit('10.0.0.3')] } }],
  ['resolve web from a gives 10.0.0.2,10.0.0.3', { check: { type: 'Gives', values: [lit('10.0.0.2'), lit('10.0.0.3')] } }],
  ['resolve w from a gives ip of b on n, $x', { check: { type: 'Gives', values: [{ type: 'IpOf', container: word('b'), network: word('n') }, { type: 'Literal' }] } }],
  ['ip of a is 172.17.0.2', { type: 'IpExpect', container: word('a'), network: null, predicate: { type: 'Is', value: lit('172.17.0.2') } }],
  ['ip of a on n is not ip of b', { network: word('n'), predicate: { type: 'IsNot', value: { type: 'IpOf', container: word('b'), network: null } } }],
  ['ip of a is none', { predicate: { type: 'IsNone' } }],
  ['ip of a in 10.0.0.0/8', { predicate: { type: 'In', cidr: word('10.0.0.0/8') } }],
  ['mac of a on n is 02:42:ac:11:00:02', { type: 'MacExpect', network: word('n'), value: lit('02:42:ac:11:00:02') }],
  ['gateway of a is 172.17.0.1', { type: 'ContainerGatewayExpect', container: word('a'), value: lit('172.17.0.1') }],
  ['gateway of network n is 10.1.0.1', { type: 'NetworkGatewayExpect', network: word('n') }],
  ['gateway of network is 10.1.0.1', { type: 'ContainerGatewayExpect', container: word('network') }],
  ['subnet of network n is 10.1.0.0/16', { type: 'NetworkSubnetExpect', network: word('n'), value: lit('10.1.0.0/16') }],
  ['network n exists', { type: 'NetworkExistsExpect', network: word('n'), exists: true }],
  ['network n does not exist', { type: 'NetworkExistsExpect', exists: false }],
  ['container c is paused', { type: 'ContainerStateExpect', container: word('c'), state: 'paused' }],
  ['container c is removed', { type: 'ContainerStateExpect', state: 'removed' }],
  ['container c exited with code 3', { type: 'ExitCodeExpect', code: 3 }],
  ['port 80 of web is published on 8080', { type: 'PortExpect', port: 80, proto: 'tcp', published: { hostIp: null, hostPort: word('8080') } }],
  ['port 53/udp of dns is published on 0.0.0.0:53', { port: 53, proto: 'udp', published: { hostIp: '0.0.0.0', hostPort: word('53') } }],
  ['port 80/tcp of web is published on [::]:80', { published: { hostIp: '::' } }],
  ['port 80 of web is not published', { published: null }],
  ['output contains "a b"', { type: 'OutputExpect', stream: 'stdout', check: { type: 'Contains', negated: false, text: { quoted: true, parts: [{ value: 'a b' }] } } }],
  ["output does not contain 'x'", { check: { type: 'Contains', negated: true } }],
  ['error contains "oops"', { stream: 'stderr' }],
  ['output matches /a b/', { check: { type: 'Matches', pattern: 'a b', flags: '' } }],
  ['output matches /80\\/tcp -> 0\\.0\\.0\\.0:8080/', { check: { pattern: '80\\/tcp -> 0\\.0\\.0\\.0:8080' } }],
  ['output matches /x/gi', { check: { pattern: 'x', flags: 'gi' } }],
  ['output matches /a|b;c>d/', { check: { pattern: 'a|b;c>d' } }],
  ['output matches /x/ # a comment /y', { check: { pattern: 'x/ # a comment ', flags: 'y' } }],
  ['output matches /a/b/ within 2s', { check: { pattern: 'a/b' }, within: { ms: 2000 } }],
  ['docker run -d busybox succeeds', { type: 'DockerExpect', command: { program: 'docker', args: [word('run'), word('-d'), word('busybox')] }, outcome: 'succeeds', withText: null }],
  ['docker rm x fails with "No such container"', { outcome: 'fails', withText: { parts: [{ value: 'No such container' }] } }],
  ['docker exec a echo "fails" succeeds', { outcome: 'succeeds', command: { args: [word('exec'), word('a'), word('echo'), { quoted: true }] } }],
  ['docker exec a echo fails fails', { outcome: 'fails', command: { args: [{}, {}, {}, word('fails')] } }],
  ['docker-compose up -d fails within 1m', { command: { program: 'docker-compose' }, within: { ms: 60000 } }],
  ['file /etc/hosts of a contains "web"', { type: 'FileExpect', path: word('/etc/hosts'), container: word('a'), negated: false }],
  ['file /etc/hosts of a does not contain "web"', { type: 'FileExpect', negated: true }],
  ['ping b from a succeeds within 500ms', { within: { type: 'Duration', ms: 500, raw: '500ms' } }],
  ['ping b from a succeeds within 1.5s', { within: { ms: 1500 } }],
];

describe('expectations', () => {
  test.each(expectations)('expect %s', (src, shape) => {
    const s = first(`expect ${src}\n`);
    expect(s.type).toBe('Expect');
    if (s.type === 'Expect') expect(s.expectation).toMatchObject(shape);
  });
});

const lets: Array<[string, object]> = [
  ['ip of web on n', { type: 'IpOf', container: word('web'), network: word('n') }],
  ['mac of web', { type: 'MacOf', container: word('web'), network: null }],
  ['gateway of network n', { type: 'GatewayOfNetwork', network: word('n') }],
  ['subnet of network n', { type: 'SubnetOfNetwork', network: word('n') }],
  ['host port of web 80', { type: 'HostPortOf', container: word('web'), port: 80, proto: 'tcp' }],
  ['host port of web 53/udp', { type: 'HostPortOf', port: 53, proto: 'udp' }],
  ['output', { type: 'OutputRef' }],
  ['"a string"', { type: 'Literal', word: { quoted: true, parts: [{ type: 'Text', value: 'a string' }] } }],
];

describe('let', () => {
  test('spaces around = are optional', () => {
    expect(first('let x=ip of web')).toMatchObject({ type: 'Let', name: 'x', value: { type: 'IpOf' } });
  });

  test.each(lets)('let x = %s', (src, shape) => {
    expect(first(`let x = ${src}`)).toMatchObject({ type: 'Let', name: 'x', value: shape });
  });
});

describe('words split as a shell splits them', () => {
  const cases: Array<[string, unknown[]]> = [
    [`a 'b c' "d e"`, [[{ type: 'Text', value: 'a' }], [{ type: 'Text', value: 'b c' }], [{ type: 'Text', value: 'd e' }]]],
    [`"say \\"hi\\"" 'it''s'`, [[{ type: 'Text', value: 'say "hi"' }], [{ type: 'Text', value: 'its' }]]],
    [`a\\ b \\$x`, [[{ type: 'Text', value: 'a b' }], [{ type: 'Text', value: '$x' }]]],
    [`"$x-\${y}z" '$x'`, [[{ type: 'Var', name: 'x' }, { type: 'Text', value: '-' }, { type: 'Var', name: 'y' }, { type: 'Text', value: 'z' }], [{ type: 'Text', value: '$x' }]]],
    [`"a\\nb" $ 5$`, [[{ type: 'Text', value: 'a\\nb' }], [{ type: 'Text', value: '$' }], [{ type: 'Text', value: '5$' }]]],
    [`a#b "" c # comment`, [[{ type: 'Text', value: 'a#b' }], [{ type: 'Text', value: '' }], [{ type: 'Text', value: 'c' }]]],
  ];
  test.each(cases)('docker %s', (src, parts) => {
    const s = first(`let x = "1"\nlet y = "2"\ndocker ${src}`.split('\n').slice(2).join('\n'));
    expect(s.type).toBe('DockerCommand');
    if (s.type === 'DockerCommand') expect(withoutLocs(s.args.map((a) => a.parts))).toEqual(parts);
  });

  test('a backslash-newline continues the line', () => {
    const s = first('docker run -d \\\n    --name web \\\n    nginx\n');
    expect(s.type === 'DockerCommand' && s.args.map((a) => a.raw)).toEqual(['run', '-d', '--name', 'web', 'nginx']);
    expect(s.loc.end.line).toBe(3);
  });

  test('a backslash at the very end of the file is harmless', () => {
    const s = first('docker run -d nginx \\');
    expect(s.type === 'DockerCommand' && s.args.map((a) => a.raw)).toEqual(['run', '-d', 'nginx']);
  });

  test('a word records its source text and whether it was quoted', () => {
    const s = first(`docker run "x"y z`);
    expect(s.type === 'DockerCommand' && s.args.map((a) => [a.raw, a.quoted])).toEqual([['run', false], ['"x"y', true], ['z', false]]);
  });
});

describe('files, scenarios, comments', () => {
  test('setup, scenarios, tags, descriptions', () => {
    const f = parseOk(`# file comment

docker network create shared   # trailing
# about one
# about one, more
scenario "one" @a @b-c
  docker run -d --name x busybox
scenario 'two'
  skip "later"
`);
    expect(f.setup.map((s) => s.type)).toEqual(['DockerCommand']);
    expect(f.scenarios.map((s) => [s.title, s.tags.map((t) => t.name), s.description, s.body.length, s.implicit])).toEqual([
      ['one', ['a', 'b-c'], ['about one', 'about one, more'], 1, false],
      ['two', [], [], 1, false],
    ]);
    expect(f.comments.map((c) => [c.text, c.ownLine])).toEqual([['file comment', true], ['trailing', false], ['about one', true], ['about one, more', true]]);
    expect(f.scenarios[1].body[0]).toMatchObject({ type: 'Skip', reason: 'later' });
  });

  test('a file with no scenario line is one scenario named after the file', () => {
    const f = parseOk('docker network create n\nexpect network n exists\n', 'dir/my-case.dnet');
    expect(f.setup).toEqual([]);
    expect(f.scenarios).toHaveLength(1);
    expect(f.scenarios[0]).toMatchObject({ title: 'my-case', implicit: true });
    expect(f.scenarios[0].body).toHaveLength(2);
  });

  test('a comment separated by a blank line is not a description', () => {
    const f = parseOk('# not mine\n\nscenario "s"\n  docker ps\n');
    expect(f.scenarios[0].description).toEqual([]);
  });

  test('file blocks: indentation removed, raw body, closing line with spaces', () => {
    const s = first(`file compose.yml <<EOF
    services:
      web:   # $kept
        image: "nginx"
   EOF
`);
    expect(s).toMatchObject({ type: 'FileBlock', path: word('compose.yml'), delimiter: 'EOF',
      content: 'services:\n  web:   # $kept\n    image: "nginx"\n' });
  });

  test("file blocks: quoted delimiter and CRLF line ends", () => {
    const s = first("file Dockerfile <<'END'\r\nFROM busybox\r\nEND\r\n");
    expect(s).toMatchObject({ type: 'FileBlock', delimiter: 'END', content: 'FROM busybox\n' });
  });

  test('locations are 1-based line:column and carry the path', () => {
    const s = first('\n  expect ping b from a succeeds', 'p/x.dnet');
    expect(s.loc).toMatchObject({ source: 'p/x.dnet', start: { line: 2, column: 3 } });
    expect(s.type === 'Expect' && s.expectation.type === 'PingExpect' && s.expectation.target.loc.start.column).toBe(15);
  });
});

describe('syntax errors say what was expected, in words', () => {
  const cases: Array<[string, string]> = [
    ['expcet ping b from a succeeds', "unknown statement 'expcet' — did you mean 'expect'?"],
    ['expect ping b frm a succeeds', "expected `from` but found 'frm'"],
    ['expect ping b from a succeeds extra', "expected `within` or end of line but found 'extra'"],
    ['expect ping b from a', 'expected `succeeds` or `fails` but found end of file'],
    ['expect pong b from a succeeds', "expected an expectation such as `ping`, `tcp`, `http`, `resolve`, `ip`, `mac`, `gateway`, `subnet`, `network`, `container`, `port`, `output`, `error`, `docker` or `file` but found 'pong'"],
    ['expect output contains a|b', "'|' is not supported: a line is one command (no pipes, redirections or ';')"],
    ['docker run "x', 'unclosed quote: the string runs to the end of the line'],
    ['let x = ip web', "expected `of` or end of line but found 'web'"],
    ['expect container a is gone', "expected a state (`running`, `exited`, `created`, `paused` or `removed`) but found 'gone'"],
    ['skip later', "expected a quoted reason but found 'later'"],
  ];
  test.each(cases)('%s', (src, message) => {
    const { file, diagnostics } = parseSource(src);
    expect(file).toBeNull();
    expect(diagnostics.map((d) => d.message)).toEqual([message]);
  });

  test('parsing resumes after a broken line: every broken line is reported', () => {
    const { diagnostics } = parseSource('expcet a\ndocker ps\nexpect ping\nexpect tcp x from a succeeds\n');
    expect(diagnostics.map((d) => d.loc.start.line)).toEqual([1, 3, 4]);
  });
});

test('a comment on a `file` header line is kept, as a trailing comment', () => {
  const f = parseOk('file a.txt <<EOF  # why\nx\nEOF\n');
  expect(f.comments).toMatchObject([{ text: 'why', ownLine: false }]);
  expect(f.scenarios[0].body[0]).not.toHaveProperty('headerComment');
});
