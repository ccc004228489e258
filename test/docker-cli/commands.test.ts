// The command table covers LANGUAGE.md's "Docker commands the engine understands".
import { describe, expect, it } from 'vitest';
import { commands, findCommand } from '../../src/docker-cli/commands.js';

const flagsOf = (program: 'docker' | 'docker-compose', path: string[]): string[] => {
  const spec = findCommand(program, path);
  if (!spec) throw new Error(`no ${program} ${path.join(' ')}`);
  return spec.flags.flatMap((f) => [`--${f.name}`, ...(f.aliases ?? []).map((a) => `--${a}`), ...(f.short ? [`-${f.short}`] : [])]);
};

describe('LANGUAGE.md flags', () => {
  const table: Array<[string, string]> = [
    ['run', '--name -d -i -t --rm -e --env -p --publish -P --publish-all --network --net --network-alias --net-alias --ip --link --hostname -h --add-host --dns --expose --mac-address -v --volume --volumes-from --restart --entrypoint -w'],
    ['create', '--name -i -t --rm -e -p -P --network --net --network-alias --net-alias --ip --link --hostname --add-host --dns --expose -v'],
    ['stop', '-t'], ['restart', '-t'], ['rm', '-f'], ['ps', '-a -q --format --no-trunc'], ['inspect', '-f --format --type'],
    ['network create', '--driver -d --subnet --gateway --ip-range --internal --opt -o --label --attachable'],
    ['network connect', '--alias --ip'], ['network ls', '-q --filter --format --no-trunc'], ['build', '-t -f'],
    ['exec', '-i -t -d -e -w'], ['kill', '-s'], ['logs', '-f'],
  ];
  it.each(table)('docker %s', (path, flags) => {
    const known = flagsOf('docker', path.split(' '));
    for (const flag of flags.split(' ')) expect(known, flag).toContain(flag);
  });

  it('has the commands: start kill pause unpause exec logs port images volume…', () => {
    for (const path of ['start', 'kill', 'pause', 'unpause', 'exec', 'logs', 'port', 'images', 'network rm', 'network inspect',
      'network disconnect', 'network prune', 'volume create', 'volume ls', 'volume inspect', 'volume rm', 'compose up', 'compose down', 'compose ps']) {
      expect(findCommand('docker', path.split(' ')), path).toBeDefined();
    }
    for (const path of ['up', 'down', 'ps', 'stop', 'start', 'rm', 'logs']) expect(findCommand('docker-compose', [path])).toBeDefined();
    expect(flagsOf('docker-compose', ['up'])).toEqual(expect.arrayContaining(['-d', '--scale', '--no-start']));
    expect(flagsOf('docker-compose', ['down'])).toContain('-v');
  });

  it('never gives one letter or name to two flags of a command', () => {
    for (const c of commands) {
      const names = c.flags.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
      const shorts = c.flags.flatMap((f) => (f.short ? [f.short] : []));
      expect(new Set(names).size, c.path.join(' ')).toBe(names.length);
      expect(new Set(shorts).size, c.path.join(' ')).toBe(shorts.length);
    }
  });
});
