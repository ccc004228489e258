// Several compose files merged as Compose 1.29 merges them (compose/config/config.py).
import { describe, expect, it } from 'vitest';
import { mergeComposeData } from '../../src/engine/compose/merge.js';
import { sim } from './helpers.js';

describe('mergeComposeData', () => {
  const svc = (base: object, over: object) =>
    (mergeComposeData({ services: { s: base } }, { services: { s: over } }) as { services: { s: unknown } }).services.s;
  const cases: Array<[string, object, object, object]> = [
    ['scalars are replaced', { image: 'a', command: 'x' }, { image: 'b' }, { image: 'b', command: 'x' }],
    ['ports add up, without repeats', { ports: ['80:80', '81:81'] }, { ports: ['81:81', '82:82'] }, { ports: ['80:80', '81:81', '82:82'] }],
    ['environment merges key by key, list or mapping', { environment: ['A=1', 'B=2'] }, { environment: { B: 'x', C: '3' } },
      { environment: { A: '1', B: 'x', C: '3' } }],
    ['networks merge, a list read as keys', { networks: ['front'] }, { networks: { back: { aliases: ['www'] } } },
      { networks: { front: null, back: { aliases: ['www'] } } }],
    ['volumes merge by container path', { volumes: ['a:/data', 'b:/logs'] }, { volumes: ['c:/data'] }, { volumes: ['b:/logs', 'c:/data'] }],
  ];
  it.each(cases)('%s', (_what, base, over, want) => {
    expect(svc(base, over)).toEqual(want);
  });

  it('adds services and top-level networks from later files', () => {
    expect(mergeComposeData({ services: { a: { image: 'x' } }, networks: { n: {} } }, { services: { b: { image: 'y' } }, networks: { m: {} } }))
      .toEqual({ services: { a: { image: 'x' }, b: { image: 'y' } }, networks: { n: {}, m: {} } });
  });
});

describe('env files', () => {
  it('a missing env file is Compose\'s error', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  a:\n    image: busybox\n    env_file: nope.env\n' }, '/t/ef');
    expect(s.compose('up', '-d')).toEqual({ stdout: '', stderr: "Couldn't find env file: /t/ef/nope.env\n", exitCode: 1 });
  });

  it('reads the override file only without -f', () => {
    const files = { 'docker-compose.yml': 'services:\n  a:\n    image: busybox\n', 'docker-compose.override.yml': 'services:\n  a:\n    environment: [X=1]\n' };
    const s = sim(files, '/t/ov');
    s.compose('up', '-d');
    expect(s.docker('inspect', '-f', '{{json .Config.Env}}', 'ov_a_1').stdout).toContain('"X=1"');
    const t = sim(files, '/t/ov');
    t.compose('-f', 'docker-compose.yml', 'up', '-d');
    expect(t.docker('inspect', '-f', '{{json .Config.Env}}', 'ov_a_1').stdout).not.toContain('"X=1"');
  });
});

describe('profiles', () => {
  it('leave a service out until --profile names one of them or the command names the service', () => {
    const file = 'services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    command: sleep 600\n    profiles: [tools]\n';
    const s = sim({ 'docker-compose.yml': file }, '/t/pf');
    s.compose('up', '-d');
    expect(s.ctrl.findContainer('pf_debug_1')).toBeUndefined();
    s.compose('--profile', 'tools', 'up', '-d');
    expect(s.ctrl.findContainer('pf_debug_1')?.running).toBe(true);
    const t = sim({ 'docker-compose.yml': file }, '/t/pf');
    t.compose('up', '-d', 'debug');
    expect(t.ctrl.findContainer('pf_debug_1')?.running).toBe(true);
    expect(t.ctrl.findContainer('pf_web_1')).toBeUndefined();
  });
});
