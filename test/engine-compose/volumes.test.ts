// Volumes: docker volume commands (texts recorded on this machine's engine), mounts,
// files shared through volumes, the file probe and files served over HTTP.
import { describe, expect, it } from 'vitest';
import { answerProbe } from '../../src/engine/probes.js';
import { parseMountFlag, parseVolumeFlag } from '../../src/engine/volumes/mounts.js';
import { sim } from './helpers.js';

describe('docker volume', () => {
  it('creates, lists, inspects and removes volumes', () => {
    const s = sim();
    expect(s.docker('volume', 'create', 'v1').stdout).toBe('v1\n');
    expect(s.docker('volume', 'create').stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(s.docker('volume', 'ls').stdout).toMatch(/^DRIVER +VOLUME NAME\nlocal +[0-9a-f]{64}\nlocal +v1\n$/);
    const inspect = JSON.parse(s.docker('volume', 'inspect', 'v1').stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(inspect[0])).toEqual(['CreatedAt', 'Driver', 'Labels', 'Mountpoint', 'Name', 'Options', 'Scope']);
    expect(inspect[0].Mountpoint).toBe('/var/lib/docker/volumes/v1/_data');
    expect(s.docker('volume', 'inspect', 'nosuch')).toEqual({ stdout: '[]\n', stderr: 'Error: No such volume: nosuch\n', exitCode: 1 });
    expect(s.docker('volume', 'rm', 'nosuch')).toEqual({ stdout: '', stderr: 'Error: No such volume: nosuch\n', exitCode: 1 });
    expect(s.docker('volume', 'rm', 'v1')).toEqual({ stdout: 'v1\n', stderr: '', exitCode: 0 });
  });

  it('refuses to remove a volume in use, until its container is gone', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'c1', '-v', 'data:/data', 'busybox', 'sleep', '600');
    const id = s.ctrl.findContainer('c1')!.id;
    expect(s.docker('volume', 'rm', 'data').stderr).toBe(`Error response from daemon: remove data: volume is in use - [${id}]\n`);
    s.docker('rm', '-f', 'c1');
    expect(s.docker('volume', 'rm', 'data').exitCode).toBe(0);
  });

  it('prunes unused volumes and reports the space', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'c1', '-v', 'used:/d', 'busybox', 'sleep', '600');
    s.docker('run', '-d', '--name', 'c2', '-v', 'unused:/d', 'busybox', 'sleep', '600');
    s.docker('exec', 'c2', 'sh', '-c', 'echo hello > /d/f');
    s.docker('rm', '-f', 'c2');
    expect(s.docker('volume', 'prune', '-f').stdout).toBe('Deleted Volumes:\nunused\n\nTotal reclaimed space: 6B\n');
    expect(s.docker('volume', 'ls', '-q').stdout).toBe('used\n');
  });

  it('removes anonymous volumes with rm -v, keeps named ones', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'c1', '-v', '/anon', '-v', 'named:/named', 'busybox', 'sleep', '600');
    expect(s.docker('volume', 'ls', '-q').stdout.split('\n').filter(Boolean)).toHaveLength(2);
    s.docker('rm', '-f', '-v', 'c1');
    expect(s.docker('volume', 'ls', '-q').stdout).toBe('named\n');
  });

  it('reads ls filters as the daemon does: one key\'s values are alternatives (real 20.10)', () => {
    const s = sim();
    for (const v of ['va', 'xb', 'yc']) s.docker('volume', 'create', v);
    s.docker('run', '-d', '--name', 'c1', '-v', 'yc:/d', 'busybox', 'sleep', '600');
    expect(s.docker('volume', 'ls', '-q', '--filter', 'name=va', '--filter', 'name=xb').stdout).toBe('va\nxb\n');
    expect(s.docker('volume', 'ls', '-q', '--filter', 'name=b', '--filter', 'dangling=1').stdout).toBe('xb\n');
    expect(s.docker('volume', 'ls', '-q', '--filter', 'dangling=false').stdout).toBe('yc\n');
    expect(s.docker('volume', 'ls', '--filter', 'dangling=maybe')).toEqual({ stdout: '', stderr: "Error response from daemon: Invalid filter 'dangling=[maybe]'\n", exitCode: 1 });
    expect(s.docker('volume', 'ls', '--filter', 'dangling').exitCode).toBe(125);
    expect(s.docker('volume', 'ls', '--filter', 'bogus=1').stderr).toBe("Error response from daemon: Invalid filter 'bogus'\n");
  });
});

describe('docker inspect .Mounts', () => {
  it('lists volumes and bind mounts as the engine does', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'm1', '-v', 'mv:/d:ro', '-v', '/srv/x:/x', 'busybox', 'sleep', '60');
    expect(JSON.parse(s.docker('inspect', '-f', '{{json .Mounts}}', 'm1').stdout)).toEqual([
      { Type: 'volume', Name: 'mv', Source: '/var/lib/docker/volumes/mv/_data', Destination: '/d', Driver: 'local', Mode: 'ro', RW: false, Propagation: '' },
      { Type: 'bind', Source: '/srv/x', Destination: '/x', Mode: '', RW: true, Propagation: 'rprivate' },
    ]);
  });
});

describe('mount flags', () => {
  it('reads -v and --mount as Docker does', () => {
    expect(parseVolumeFlag('data:/x:ro')).toEqual({ ok: true, value: { type: 'volume', name: 'data', destination: '/x', readOnly: true } });
    expect(parseVolumeFlag('/host/p:/x')).toEqual({ ok: true, value: { type: 'bind', source: '/host/p', destination: '/x', readOnly: false } });
    expect(parseVolumeFlag('/x')).toEqual({ ok: true, value: { type: 'volume', name: null, destination: '/x', readOnly: false } });
    const rel = parseVolumeFlag('data/x:/x');
    expect(!rel.ok && rel.error.message).toContain('"data/x" includes invalid characters for a local volume name');
    const dest = parseVolumeFlag('data:x');
    expect(!dest.ok && dest.error.message).toBe("invalid mount config for type \"volume\": invalid mount path: 'x' mount path must be absolute");
    expect(parseMountFlag('type=volume,src=v,dst=/d,readonly')).toEqual({ ok: true, value: { type: 'volume', name: 'v', destination: '/d', readOnly: true } });
  });
});

describe('files through volumes', () => {
  it('shares a file written by exec, serves it over HTTP, and answers the file probe', () => {
    const s = sim();
    s.docker('network', 'create', 'site');
    s.docker('run', '-d', '--name', 'genid', '--network', 'site', '-v', 'html:/data', 'busybox', 'sleep', '600');
    s.docker('run', '-d', '--name', 'web', '--network', 'site', '-v', 'html:/usr/share/nginx/html', 'nginx');
    expect(s.docker('exec', 'genid', 'sh', '-c', 'echo one > /data/id.txt && echo two >> /data/id.txt').exitCode).toBe(0);
    expect(s.docker('exec', 'web', 'cat', 'id.txt').stdout).toBe('one\ntwo\n');
    expect(s.docker('exec', 'genid', 'wget', '-qO-', 'http://web/id.txt').stdout).toBe('one\ntwo\n');
    // The empty volume got the image's page when first mounted over its folder (copy-up).
    expect(s.docker('exec', 'genid', 'wget', '-qO-', 'http://web/').stdout).toContain('Welcome to nginx!');
    expect(s.docker('exec', 'genid', 'wget', '-qO-', 'http://web/nope').stderr).toContain('404 Not Found');
    const probe = answerProbe(s.ctrl, { kind: 'file', container: 'web', path: '/usr/share/nginx/html/id.txt' });
    expect(probe.status === 'answered' && probe.answer.content).toBe('one\ntwo\n');
    const none = answerProbe(s.ctrl, { kind: 'file', container: 'web', path: '/nope' });
    expect(none.status === 'answered' && none.answer.content).toBeNull();
  });

  it('keeps a container\'s own writes to itself', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'a1', 'busybox', 'sleep', '600');
    s.docker('run', '-d', '--name', 'a2', 'busybox', 'sleep', '600');
    s.docker('exec', 'a1', 'sh', '-c', 'echo mine > /tmp/f');
    expect(s.docker('exec', 'a1', 'cat', '/tmp/f').stdout).toBe('mine\n');
    expect(s.docker('exec', 'a2', 'cat', '/tmp/f').stderr).toBe("cat: can't open '/tmp/f': No such file or directory\n");
  });

  it('refuses writes to a read-only mount and shares mounts with --volumes-from', () => {
    const s = sim();
    s.docker('run', '-d', '--name', 'store', '-v', '/cache', 'busybox', 'sleep', '600');
    s.docker('run', '-d', '--name', 'ro', '--volumes-from', 'store:ro', 'busybox', 'sleep', '600');
    s.docker('exec', 'store', 'sh', '-c', 'echo x > /cache/f');
    expect(s.docker('exec', 'ro', 'cat', '/cache/f').stdout).toBe('x\n');
    const w = s.docker('exec', 'ro', 'sh', '-c', 'echo y > /cache/f');
    expect([w.exitCode, w.stderr]).toEqual([1, "sh: can't create /cache/f: Read-only file system\n"]);
    expect(s.docker('run', '-d', '--volumes-from', 'nosuch', 'busybox').stderr).toContain('No such container: nosuch');
  });

  it('gives compose bind mounts the files of the scenario folder', () => {
    const s = sim({
      'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    volumes: ["./html:/usr/share/nginx/html:ro"]\n  c: {image: busybox, command: sleep 600}\n',
      'html/index.html': '<h1>mine</h1>\n',
    });
    expect(s.compose('up', '-d').exitCode).toBe(0);
    expect(s.docker('exec', 'composetest_c_1', 'wget', '-qO-', 'http://web/').stdout).toBe('<h1>mine</h1>\n');
  });
});
