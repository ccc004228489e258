// The checks: each problem found (and only real problems), all of a file at once.
import { describe, expect, test } from 'vitest';
import { checkFile, stages } from '../../src/language/checks/index.js';
import { parseOk } from './helpers.js';

function problems(source: string): string[] {
  return checkFile(parseOk(source)).map((d) => `${d.loc.start.line}:${d.loc.start.column} ${d.message}${d.label ? ` [${d.label}]` : ''}`);
}

describe('problems are found', () => {
  const cases: Array<[string, string, string[]]> = [
    ['unknown flag', 'docker run -d --nmae web nginx', ["1:15 unknown flag '--nmae' for 'docker run' [did you mean '--name'?]"]],
    ['unknown flag with =', 'docker network create --drivr=bridge n', ["1:23 unknown flag '--drivr' for 'docker network create' [did you mean '--driver'?]"]],
    ['unknown subcommand', 'docker netwrok ls', ["1:8 unknown command 'netwrok' for 'docker' [did you mean 'network'?]"]],
    ['unknown subcommand after a global flag', 'docker-compose -p cr scale web=1', ["1:22 unknown command 'scale' for 'docker-compose'"]],
    ['missing flag value', 'docker run busybox\ndocker network create --subnet', ["2:23 flag '--subnet' of 'docker network create' needs a value [no value follows it]"]],
    ['compose flag', 'docker-compose up --detach-me', ["1:19 unknown flag '--detach-me' for 'docker-compose up' [did you mean '--detach'?]"]],
    ['inside expect docker succeeds', 'expect docker run --nmae x busybox succeeds', ["1:19 unknown flag '--nmae' for 'docker run' [did you mean '--name'?]"]],
    ['undefined variable', 'expect ping $ip from a succeeds', ["1:13 undefined variable '$ip' [no `let` binds it]"]],
    ['variable used before its let', 'docker run --ip $ip busybox\nlet ip = "10.0.0.2"', ["1:17 undefined variable '$ip' [used before its `let`]"]],
    ['misspelt variable', 'let webip = ip of web\nexpect ping $wbip from a succeeds', ["2:13 undefined variable '$wbip' [did you mean '$webip'?]"]],
    ['bad ip', 'expect ip of a is 10.0.0.256', ["1:19 '10.0.0.256' is not an IP address [expected an IP address such as 172.17.0.2]"]],
    ['bad gateway', 'expect gateway of network n is 10.0.1', ["1:32 '10.0.1' is not an IP address [expected an IP address such as 172.17.0.2]"]],
    ['bad resolve value', 'expect resolve w from a gives 10.0.0.2, 10.0.0.x', ["1:41 '10.0.0.x' is not an IP address [expected an IP address such as 172.17.0.2]"]],
    ['bad ping target', 'expect ping 172.17.0.999 from a succeeds', ["1:13 '172.17.0.999' is not an IP address [expected an IP address such as 172.17.0.2]"]],
    ['bad cidr', 'expect ip of a in 10.0.0.0/40', ["1:19 '10.0.0.0/40' is not a CIDR [expected a CIDR such as 172.18.0.0/16]"]],
    ['bad subnet', 'expect subnet of network n is 10.0.0.0', ["1:31 '10.0.0.0' is not a CIDR [expected a CIDR such as 172.18.0.0/16]"]],
    ['bad mac', 'expect mac of a is 02:42:zz:11:00:02', ["1:20 '02:42:zz:11:00:02' is not a MAC address [expected a MAC address such as 02:42:ac:11:00:02]"]],
    ['empty scenario', 'scenario "a"\nscenario "b"\n  docker ps', ['1:1 scenario "a" has no statements']],
    ['duplicate title', 'scenario "a"\n  docker ps\nscenario "a"\n  docker ps', ['3:1 duplicate scenario title "a" [a second scenario with this title]']],
    ['within 0', 'expect network n exists within 0ms', ["1:32 'within 0ms' leaves no time to retry"]],
    ['bad regex', 'docker ps\nexpect output matches /a[/', ['2:8 invalid regular expression /a[/: Unterminated character class']],
    ['bad regex flags', 'docker ps\nexpect output matches /a/q', ["2:8 invalid regular expression /a/q: Invalid flags supplied to RegExp constructor 'q'"]],
  ];
  test.each(cases)('%s', (_name, source, expected) => {
    expect(problems(source)).toEqual(expected);
  });

  test('all problems of a file are reported, in source order', () => {
    const found = problems('scenario "s"\n  expect ip of $x is 1.2.3.999\n  docker run --nmae a busybox\n  docker rum\nscenario "s"\n  docker ps');
    expect(found.map((p) => p.split(' ')[0])).toEqual(['2:16', '2:22', '3:14', '4:10', '5:1']);
  });

  test('setup problems are reported once, not once per scenario', () => {
    expect(problems('docker run $nope\nscenario "a"\n  docker ps\nscenario "b"\n  docker ps')).toHaveLength(1);
  });
});

describe('valid files have no problems', () => {
  const clean: Array<[string, string]> = [
    ['variables bound in setup reach every scenario', 'let n = "net"\nscenario "a"\n  docker network create $n\nscenario "b"\n  expect network $n does not exist'],
    ['a variable holds a flag value', 'let ip = "10.0.0.5"\ndocker run -d --ip $ip --net=${ip}x busybox'],
    ['file bodies are not expanded', 'file compose.yml <<EOF\n  image: $UNBOUND\nEOF\ndocker-compose -f compose.yml up -d'],
    ["single quotes do not expand", "docker run -e 'A=$NOT_A_VAR' busybox"],
    ['expect docker … fails may be wrong on purpose', 'expect docker run --bogus busybox fails with "unknown flag"'],
    ['names and addresses', 'expect ping web-1 from a succeeds\nexpect ip of a is fd00::2\nexpect ip of a in fd00::/64\nexpect mac of a is $m\nlet m = "x"'.split('\n').slice(0, 3).join('\n')],
    ['combined shorts and repeated flags', 'docker run -itd -p 80:80 -p 443:443 --name w nginx'],
    ['docker compose v2', 'docker compose -p p up -d'],
  ];
  test.each(clean)('%s', (_name, source) => {
    expect(problems(source)).toEqual([]);
  });
});

test('the checks are a staged list of named passes', () => {
  const names = stages.flatMap((s) => s.checks.map((c) => c.name));
  expect(new Set(names).size).toBe(names.length);
  expect(names).toContain('undefined-variable');
});
