// Invalid compose files: Compose 1.29's texts, plus where the key is (yaml's positions).
import { describe, expect, it } from 'vitest';
import { NO_WORKSPACE } from '../../src/engine/build/workspace.js';
import { normaliseProject, projectName } from '../../src/engine/compose/naming.js';
import { sim } from './helpers.js';

const up = (yaml: string) => sim({ 'docker-compose.yml': yaml }).compose('up', '-d');

describe('compose file errors', () => {
  const cases: Array<[string, string, string[]]> = [
    ['an unknown service key', 'version: "3"\nservices:\n  web:\n    image: nginx\n    bogus: 1\n',
      ["The Compose file './docker-compose.yml' is invalid because:", "Unsupported config option for services.web: 'bogus'", '  in "./docker-compose.yml", line 5, column 5']],
    ['a wrong type', 'services:\n  web:\n    image: nginx\n    ports: 80\n',
      ['services.web.ports contains an invalid type, it should be an array', 'line 4, column 5']],
    ['an unknown top-level key', 'servces:\n  web: {image: nginx}\n', ['Invalid top-level property "servces".', 'line 1, column 1']],
    ['a service without image or build', 'services:\n  web:\n    hostname: x\n', ['Service web has neither an image nor a build context specified. At least one must be provided.']],
    ['an undefined network', 'services:\n  web:\n    image: nginx\n    networks: [nonet]\n', ['Service "web" uses an undefined network "nonet"']],
    ['an undeclared volume', 'services:\n  web:\n    image: nginx\n    volumes: ["data:/x"]\n', ['Named volume "data:/x:rw" is used in service "web" but no declaration was found in the volumes section.']],
    ['an undefined dependency', 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n', ["Service 'web' depends on service 'db' which is undefined."]],
    ['a YAML syntax error', 'version: "3"\nservices:\n  web:\n    image: nginx\n   ports: [1\n', ['yaml.parser.ParserError: ', 'in "./docker-compose.yml", line 5, column 1']],
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
    expect(projectName('v1', undefined, '/work/My Project.X', 'docker-compose.yml')).toBe('myprojectx');
    expect(projectName('v1', undefined, '/w', 'sub/docker-compose.yml')).toBe('sub');
    expect(projectName('v1', 'Given', '/w', 'docker-compose.yml')).toBe('given');
    expect(normaliseProject('_x.Y', 'v2')).toBe('xy');
    expect(NO_WORKSPACE.read('docker-compose.yml')).toBeNull();
  });
});
