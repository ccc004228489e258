import { describe, expect, test } from 'vitest';
import { indent, marshal } from '../../src/engine/format/gojson.js';
import { compile, type GoValue, prepareFormat, render } from '../../src/engine/format/gotemplate.js';
import { bool, fields, int, nil, ptr, str, stringMap, strings, struct } from '../../src/engine/format/govalue.js';

const data: GoValue = struct(
  'types.ContainerJSON',
  fields([
    ['Id', str('99cd1e01ab6d')],
    ['Name', str('/h-fmt-u1')],
    ['State', ptr('*types.ContainerState', struct('types.ContainerState', fields([['Status', str('running')], ['Running', bool(true)], ['Pid', int(5)], ['Health?', ptr('*types.Health', null)]])))],
    ['Config', ptr('*container.Config', struct('container.Config', fields([['Cmd', strings(['httpd', '-f'])], ['Env', strings(['A=1', 'B=2'])], ['Labels', stringMap({ lab: 'x', a: 'b' })], ['Nothing', nil]])))],
  ]),
);

function run(source: string): string {
  const compiled = compile(source);
  if (!compiled.ok) return `PARSE ${compiled.error}`;
  const out = render(compiled.template, data);
  return out.ok ? out.text : `EXEC ${out.error}`;
}

describe('Go text/template', () => {
  // Expected texts recorded from the real 20.10 client (docker inspect -f) where it applies.
  test.each([
    ['{{.Config.Cmd}} {{.Config.Labels}} {{.State.Running}} {{.State.Pid}}', '[httpd -f] map[a:b lab:x] true 5'],
    ['{{.State}}', '{running true 5 <nil>}'],
    ['{{json .Config.Labels}} {{json .State}}', '{"a":"b","lab":"x"} {"Status":"running","Running":true,"Pid":5}'],
    ['{{range $k, $v := .Config.Labels}}{{$k}}={{$v}},{{end}}', 'a=b,lab=x,'],
    ['{{range .Config.Cmd}}[{{.}}]{{else}}none{{end}}', '[httpd][-f]'],
    ['{{range $i, $c := .Config.Cmd}}{{$i}}{{$c}} {{end}}', '0httpd 1-f '],
    ['{{range .Config.Nothing}}x{{else}}empty{{end}}', 'empty'],
    ['{{if .State.Running}}yes{{else}}no{{end}} {{- " t " -}} z', 'yes t z'],
    ['{{if eq .State.Status "exited"}}a{{else if eq .State.Status "running"}}b{{else}}c{{end}}', 'b'],
    ['{{with .Config}}{{len .Env}}{{end}}', '2'],
    ['{{index .Config.Labels "lab"}}|{{index .Config.Labels "zz"}}|{{index .Config.Cmd 1}}', 'x||-f'],
    ['{{len .Config.Env}} {{upper .Name}} {{lower "ABC"}} {{title "hello world"}} {{join .Config.Cmd ","}} {{split "a,b" ","}} {{println "x"}}y', '2 /H-FMT-U1 abc Hello World httpd,-f [a b] x\ny'],
    ['{{.Id | printf "%.3s"}} {{printf "%d-%s-%v" 3 "a" .State.Running}} {{pad "x" 1 1}}|{{truncate "abcdef" 3}}|{{eq .State.Status "running"}}', '99c 3-a-true  x |abc|true'],
    ['{{$n := .Name}}{{range .Config.Cmd}}{{$n}}{{end}}', '/h-fmt-u1/h-fmt-u1'],
    ['{{/* a comment */}}ok', 'ok'],
    ['{{"literal"}} {{`raw`}} {{1}} {{true}}', 'literal raw 1 true'],
    ['{{.Config.Labels.nosuch}}', '<no value>'],
    ['{{.Config.Nothing}}', '<nil>'],
    ['{{not .State.Running}} {{and 1 0}} {{or 0 "x"}}', 'false 0 x'],
    ['{{(index .Config.Cmd 0) | upper}}', 'HTTPD'],
  ])('%s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  test.each([
    ['{{.Foo', 'PARSE template: :1: unclosed action'],
    ['{{if .Id}}x', 'PARSE template: :1: unexpected EOF'],
    ['{{nosuch .Id}}', 'PARSE template: :1: function "nosuch" not defined'],
    ['{{.Networks.h-fmt-n2.IPAddress}}', "PARSE template: :1: bad character U+002D '-'"],
    ['{{.Foo}}', `EXEC template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type types.ContainerJSON`],
    ['x\n{{.State.Foo}}', `EXEC template: :2:8: executing "" at <.State.Foo>: can't evaluate field Foo in type *types.ContainerState`],
    ['{{index .Config.Cmd 5}}', 'EXEC template: :1:2: executing "" at <index .Config.Cmd 5>: error calling index: index out of range: 5'],
  ])('error %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  test('--format preprocessing: table prefix, \\t escapes', () => {
    expect(prepareFormat('table {{.ID}}\\t{{.Name}}')).toEqual({ table: true, source: '{{.ID}}\t{{.Name}}' });
    expect(prepareFormat('{{.Name}}')).toEqual({ table: false, source: '{{.Name}}' });
  });
});

describe('encoding/json', () => {
  test('HTML escaped by json.Marshal, not by the json template func', () => {
    expect(marshal(str('a->b & <c>'))).toBe('"a-\\u003eb \\u0026 \\u003cc\\u003e"');
    expect(run('{{json "a->b"}}')).toBe('"a->b"');
  });
  test('indent like docker inspect: 4 spaces, empty {} and [] inline', () => {
    expect(indent('[{"a":{},"b":[],"c":[1,2],"d":"x,y:{"}]')).toBe('[\n    {\n        "a": {},\n        "b": [],\n        "c": [\n            1,\n            2\n        ],\n        "d": "x,y:{"\n    }\n]');
  });
});
