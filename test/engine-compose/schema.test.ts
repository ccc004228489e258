// Invalid compose files: Compose 1.29's texts (checked with the real 1.29 on this machine:
// a schema error names the key, not where it is written).
import { describe, expect, it } from 'vitest';
import { NO_WORKSPACE } from '../../src/engine/build/workspace.js';
import { normaliseProject, projectName } from '../../src/engine/compose/naming.js';
import { sim } from './helpers.js';

const up = (yaml: string) => sim({ 'docker-compose.yml': yaml }).compose('up', '-d');
const INVALID = "The Compose file './docker-compose.yml' is invalid because:\n";
const EXPLANATION = "You might be seeing this error because you're using the wrong Compose file version. Either specify a supported "
  + 'version (e.g "2.2" or "3.3") and place your service definitions under the `services` key, or omit the `version` key and '
  + 'place your service definitions at the root of the file to use version 1.\nFor more on the Compose file format versions, '
  + 'see https://docs.docker.com/compose/compose-file/';

describe('compose file errors', () => {
  const whole: Array<[string, string, string]> = [
    ['an unknown service key', 'version: "3"\nservices:\n  web:\n    image: nginx\n    bogus: 1\n', "Unsupported config option for services.web: 'bogus'"],
    ['a wrong type', 'services:\n  web:\n    image: nginx\n    ports: 80\n', 'services.web.ports contains an invalid type, it should be an array'],
    ['a string or a list', 'services:\n  web:\n    image: nginx\n    command: {a: 1}\n', 'services.web.command contains an invalid type, it should be a string, or an array'],
    ['a mapping or a list', 'services:\n  web:\n    image: nginx\n    environment: 5\n', 'services.web.environment contains an invalid type, it should be an object, or an array'],
    ['a number where a string goes', 'services:\n  web:\n    image: nginx\n    hostname: 5\n', 'services.web.hostname contains an invalid type, it should be a string'],
    ["YAML 1.1's no", 'services:\n  web:\n    image: nginx\n    restart: no\n', 'services.web.restart contains an invalid type, it should be a string'],
    ["YAML 1.1's yes in the environment", 'services:\n  web:\n    image: nginx\n    environment:\n      A: yes\n',
      'services.web.environment.A contains true, which is an invalid type, it should be a string, number, or a null'],
    ['a service network that is no mapping', 'services:\n  web:\n    image: nginx\n    networks: {a: 1}\n',
      'services.web.networks.a contains an invalid type, it should be an object, or a null'],
    ['an unknown top-level key', 'services:\n  web: {image: nginx}\nbogus: 1\n', `'bogus' does not match any of the regexes: '^x-'\n\n${EXPLANATION}`],
    ['a format-1 file with an unknown key', 'servces:\n  web: {image: nginx}\n', "Unsupported config option for servces: 'web'"],
  ];
  for (const [what, yaml, text] of whole) {
    it(`reports ${what}`, () => {
      const r = up(yaml);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`${INVALID}${text}\n`);
    });
  }

  const cases: Array<[string, string, string[]]> = [
    ['a service without image or build', 'services:\n  web:\n    hostname: x\n', ['Service web has neither an image nor a build context specified. At least one must be provided.']],
    ['an undefined network', 'services:\n  web:\n    image: nginx\n    networks: [nonet]\n', ['Service "web" uses an undefined network "nonet"']],
    ['an undeclared volume', 'services:\n  web:\n    image: nginx\n    volumes: ["data:/x"]\n', ['Named volume "data:/x:rw" is used in service "web" but no declaration was found in the volumes section.']],
    ['an undefined dependency', 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n', ["Service 'web' depends on service 'db' which is undefined."]],
    ['a YAML syntax error', 'version: "3"\nservices:\n  web:\n    image: nginx\n   ports: [1\n', ['yaml.parser.ParserError: ', 'in "./docker-compose.yml", line 5, column 1']],
    ['a format-1 file, which is not simulated', 'web:\n  image: nginx\n', ['Compose file format 1', 'is not simulated']],
  ];
  for (const [what, yaml, texts] of cases) {
    it(`reports ${what}`, () => {
      const r = up(yaml);
      expect(r.exitCode).toBe(1);
      for (const t of texts) expect(r.stderr).toContain(t);
    });
  }

  it('reports a missing file as Compose does', () => {
    const s = sim();
    expect(s.compose('up', '-d').stderr).toContain("Can't find a suitable configuration file in this directory or any");
    expect(s.compose('-f', 'nofile.yml', 'up', '-d').stderr).toBe(".FileNotFoundError: [Errno 2] No such file or directory: './nofile.yml'\n");
  });

  it('rejects a dependency cycle', () => {
    const r = up('services:\n  a: {image: nginx, depends_on: [b]}\n  b: {image: nginx, depends_on: [a]}\n');
    expect(r.stderr).toBe('Circular dependency between a and b\n');
  });
});

describe('project names', () => {
  it('default to the compose file\'s folder, normalised per generation', () => {
    expect(projectName('v1', undefined, '/work/My Project.X')).toBe('myprojectx');
    expect(projectName('v1', undefined, '/w/sub')).toBe('sub');
    expect(projectName('v1', 'Given', '/w')).toBe('given');
    expect(normaliseProject('_x.Y', 'v2')).toBe('xy');
    expect(NO_WORKSPACE.read('docker-compose.yml')).toBeNull();
  });
});
