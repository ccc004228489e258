// docker image inspect, docker inspect's lookup order, tag, rmi, prune and history, against a 20.10 engine's
// recordings (fixtures/image-inspect-*.json: the images the Dockerfiles below build there;
// IDs, times and overlay2 folders are random on the engine and masked on both sides).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskOutput } from '../../src/runner/output-mask.js';
import { sim } from './helpers.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const BUILT = `FROM nginx
ENV FOO=bar
LABEL a=b team="net ops"
EXPOSE 8080/udp 9000
WORKDIR /srv
RUN echo hi > /srv/x
COPY f.txt /x/
RUN true
WORKDIR /tmp
CMD ["sh", "-c", "sleep 3600"]
`;

const ENTRYPOINT = `FROM busybox
RUN true
WORKDIR /tmp
WORKDIR /new/dir
USER nobody
ENTRYPOINT ["sh"]
`;

describe('docker image inspect', () => {
  it('shows a built image as the engine does: config, parent, the step that made it, layers, size', () => {
    const s = sim({ 'app/Dockerfile': BUILT, 'app/f.txt': 'hello\n' });
    expect(s.docker('build', '-t', 'myimg:v1', 'app').exitCode).toBe(0);
    const r = s.docker('image', 'inspect', 'myimg:v1');
    expect(r.exitCode).toBe(0);
    expect(maskOutput(r.stdout)).toBe(maskOutput(fixture('image-inspect-built.json')));
  });

  it('leaves out the layers of steps that change no file, and resets CMD with ENTRYPOINT', () => {
    const s = sim({ 'b2/Dockerfile': ENTRYPOINT });
    expect(s.docker('build', '-q', '-t', 'b2', 'b2').exitCode).toBe(0);
    expect(maskOutput(s.docker('image', 'inspect', 'b2').stdout)).toBe(maskOutput(fixture('image-inspect-entrypoint.json')));
  });

  it('shows a catalog image as `docker import` made it: no parent, an empty ContainerConfig', () => {
    expect(maskOutput(sim().docker('image', 'inspect', 'alpine').stdout)).toBe(maskOutput(fixture('image-inspect-alpine.json')));
  });

  it('lists every tag of the image, and a build step has none', () => {
    const s = sim({ 'Dockerfile': 'FROM busybox\nENV A=1\nCMD ["sh"]\n' });
    s.docker('build', '-t', 'b', '-t', 'a:x', '.');
    expect(s.docker('image', 'inspect', '-f', '{{json .RepoTags}} {{.Metadata.LastTagTime}}', 'b').stdout).toMatch(/^\["a:x","b:latest"\] 2026-/);
    const parent = s.docker('image', 'inspect', '-f', '{{.Parent}}', 'b').stdout.trim();
    expect(s.docker('image', 'inspect', '-f', '{{json .RepoTags}} {{.Metadata.LastTagTime}} {{json .ContainerConfig.Cmd}}', parent).stdout)
      .toBe('[] 0001-01-01 00:00:00 +0000 UTC ["/bin/sh","-c","#(nop) ","ENV A=1"]\n');
  });

  it('gives the client errors: no such image (exit 1, what was found still printed)', () => {
    const s = sim();
    expect(s.docker('image', 'inspect', 'nosuch')).toEqual({ stdout: '[]\n', stderr: 'Error: No such image: nosuch\n', exitCode: 1 });
    const some = s.docker('image', 'inspect', '-f', '{{.Os}}', 'nginx', 'nosuch');
    expect(some).toEqual({ stdout: 'linux\n', stderr: 'Error: No such image: nosuch\n', exitCode: 1 });
  });
});

describe('what a container takes from its image', () => {
  it('labels (its own win) and the image ID', () => {
    const s = sim({ 'Dockerfile': 'FROM nginx\nLABEL a=b z=image\n' });
    s.docker('build', '-t', 'lab', '.');
    s.docker('run', '-d', '--name', 'c1', '--label', 'z=1', 'lab');
    expect(s.docker('inspect', '-f', '{{json .Config.Labels}}', 'c1').stdout).toBe('{"a":"b","z":"1"}\n');
    expect(s.docker('inspect', '-f', '{{.Image}}', 'c1').stdout).toBe(s.docker('image', 'inspect', '-f', '{{.Id}}', 'lab').stdout);
    expect(s.docker('images', '--format', '{{.Repository}}', '--filter', 'label=a=b').stdout).toBe('lab\n');
    expect(s.docker('images', '--format', '{{.Repository}}', '--filter', 'label=a=c').stdout).toBe('');
  });
});

describe('docker inspect: which object a name finds', () => {
  const s = sim();
  s.docker('run', '-d', '--name', 'both', 'busybox', 'sleep', '600');
  s.docker('network', 'create', 'both');
  s.docker('network', 'create', 'nv');
  s.docker('volume', 'create', 'nv');
  s.docker('volume', 'create', 'vol');
  // What was found, told by a field only that kind of object has.
  const kindOf = (json: string): string => {
    const [found] = JSON.parse(json) as Array<Record<string, unknown>>;
    if (found === undefined) return '';
    return 'State' in found ? 'container' : 'RepoTags' in found ? 'image' : 'IPAM' in found ? 'network' : 'Mountpoint' in found ? 'volume' : '?';
  };

  it.each([
    // name, flags, stdout, stderr, exit code
    ['both', [], 'container', '', 0],
    ['busybox', [], 'image', '', 0],
    ['nv', [], 'network', '', 0],
    ['vol', [], 'volume', '', 0],
    ['both', ['--type', 'network'], 'network', '', 0],
    ['nv', ['--type', 'volume'], 'volume', '', 0],
    ['busybox', ['-s'], 'image', 'WARNING: --size ignored for image\n', 0],
    ['nv', ['-s'], 'network', 'WARNING: --size ignored for network\n', 0],
    ['both', ['-s'], 'container', '', 0],
    ['nosuch', [], '', 'Error: No such object: nosuch\n', 1],
    ['nosuch', ['--type', 'container'], '', 'Error: No such container: nosuch\n', 1],
    ['nosuch', ['--type', 'image'], '', 'Error: No such image: nosuch\n', 1],
    ['nosuch', ['--type', 'volume'], '', 'Error: No such volume: nosuch\n', 1],
    ['nosuch', ['--type', 'plugin'], '', 'Error: No such plugin: nosuch\n', 1],
  ] as const)('%s %j', (name, flags, kind, stderr, exitCode) => {
    const r = s.docker('inspect', ...flags, name);
    expect({ kind: kindOf(r.stdout), stderr: r.stderr, exitCode: r.exitCode }).toEqual({ kind, stderr, exitCode });
  });

  it.each(['bogus', 'config'])('refuses --type %s before looking', (type) => {
    expect(s.docker('inspect', '--type', type, 'busybox')).toEqual({ stdout: '', stderr: `"${type}" is not a valid value for --type\n`, exitCode: 1 });
  });

  it('container inspect looks only for containers; swarm kinds need a manager', () => {
    expect(s.docker('container', 'inspect', 'busybox')).toEqual({ stdout: '[]\n', stderr: 'Error: No such container: busybox\n', exitCode: 1 });
    expect(s.docker('container', 'inspect', '-f', '{{.Name}}', 'both').stdout).toBe('/both\n');
    expect(s.docker('inspect', '--type', 'service', 'x').stderr).toContain('This node is not a swarm manager.');
  });
});

describe('docker tag, images by ID, and the image ps shows (real 20.10)', () => {
  it('tags an image by name or ID; the client checks the new name first', () => {
    const s = sim();
    expect(s.docker('tag', 'nginx', 'web:v2')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const id = s.docker('images', '-q', 'nginx').stdout.trim();
    expect(s.docker('image', 'tag', id, 'web:v3').exitCode).toBe(0);
    expect(s.docker('image', 'inspect', '-f', '{{json .RepoTags}} {{.Comment}}', 'web:v3').stdout).toBe('["nginx:latest","web:v2","web:v3"] Imported from -\n');
    expect(s.docker('images', '--format', '{{.Tag}} {{.CreatedSince}}', 'web').stdout).toBe('v2 About an hour ago\nv3 About an hour ago\n');
    expect(s.docker('tag', 'nosuch', 'x')).toEqual({ stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n', exitCode: 1 });
    expect(s.docker('tag', 'nginx', 'Web').stderr)
      .toBe('Error parsing reference: "Web" is not a valid repository/tag: invalid reference format: repository name must be lowercase\n');
    expect(s.docker('tag', 'nginx', 'web:b@d').stderr).toBe('Error parsing reference: "web:b@d" is not a valid repository/tag: invalid reference format\n');
  });

  it('runs an image by its ID; ps shows an ID short, a reference familiar, a moved tag as the old ID', () => {
    const s = sim({ 'Dockerfile': 'FROM busybox\nCMD ["sleep", "3600"]\n', 'v2/Dockerfile': 'FROM busybox\nENV V=2\nCMD ["sleep", "3600"]\n' });
    const id = s.docker('build', '-q', '-t', 'moved', '.').stdout.trim();
    expect(s.docker('run', '-d', '--name', 'by-id', id).exitCode).toBe(0);
    s.docker('run', '-d', '--name', 'by-tag', 'moved');
    s.docker('run', '-d', '--name', 'by-path', 'docker.io/library/busybox:latest', 'sleep', '3600');
    expect(s.docker('ps', '--format', '{{.Names}} {{.Image}}').stdout).toBe(`by-path busybox:latest\nby-tag moved\nby-id ${id.slice(7, 19)}\n`);
    s.docker('build', '-q', '-t', 'moved', 'v2'); // the tag moves to another image
    expect(s.docker('ps', '--format', '{{.Names}} {{.Image}}', '--filter', 'name=by-tag').stdout).toBe(`by-tag ${id.slice(7, 19)}\n`);
    expect(s.docker('ps', '--no-trunc', '--format', '{{.Image}}', '--filter', 'name=by-tag').stdout).toBe(`${id}\n`);
    expect(s.docker('inspect', '-f', '{{.Config.Image}}', 'by-tag').stdout).toBe('moved\n');
  });
});

describe('docker rmi and image prune (moby ImageDelete; texts of the 20.10 engine)', () => {
  const STEPS = 'FROM busybox\nENV A=1\nRUN echo hi > /x\nCMD ["sleep", "3600"]\n';
  const deleted = (out: string): number => out.split('\n').filter((l) => /^Deleted: sha256:[0-9a-f]{64}$/.test(l)).length;

  it('deletes an image with its steps and the layer only they stood on', () => {
    const s = sim({ Dockerfile: STEPS });
    s.docker('build', '-q', '-t', 'one', '.');
    const r = s.docker('rmi', 'one');
    expect(r.stdout.split('\n')[0]).toBe('Untagged: one:latest');
    // The CMD and RUN step images, the RUN layer, the ENV step image; busybox keeps its own.
    expect(deleted(r.stdout)).toBe(4);
    expect(s.docker('images', '-a', '-q', 'one').stdout).toBe('');
    // Built again, nothing comes from a cache that is gone.
    expect(s.docker('build', '-t', 'one', '.').stdout).not.toContain('Using cache');
  });

  it('keeps what a container or a child image needs, unless forced', () => {
    const s = sim({ Dockerfile: STEPS });
    s.docker('build', '-q', '-t', 'two', '.');
    s.docker('run', '-d', '--name', 'c1', 'two');
    const id = s.docker('images', '-q', 'two').stdout.trim();
    const c1 = s.docker('inspect', '-f', '{{.Id}}', 'c1').stdout.slice(0, 12);
    expect(s.docker('rmi', 'two')).toEqual({ stdout: '', exitCode: 1,
      stderr: `Error response from daemon: conflict: unable to remove repository reference "two" (must force) - container ${c1} is using its referenced image ${id}\n` });
    expect(s.docker('rmi', 'busybox')).toEqual({ stdout: 'Untagged: busybox:latest\n', stderr: '', exitCode: 0 });
    expect(s.docker('rmi', '-f', 'two').stderr).toBe('');
    expect(s.docker('ps', '--format', '{{.Image}}').stdout).toBe(`${id}\n`);
    expect(s.docker('rmi', '-f', 'nosuch')).toEqual({ stdout: '', stderr: 'Error: No such image: nosuch\n', exitCode: 0 });
    expect(s.docker('rmi', 'nosuch').exitCode).toBe(1);
  });

  it('an ID with two tags needs -f; then both go', () => {
    const s = sim();
    s.docker('tag', 'nginx', 'n2');
    const id = s.docker('images', '-q', 'nginx').stdout.trim();
    expect(s.docker('rmi', id).stderr).toBe(`Error response from daemon: conflict: unable to delete ${id} (must be forced) - image is referenced in multiple repositories\n`);
    const forced = s.docker('rmi', '-f', id).stdout;
    expect(forced).toMatch(/^Untagged: n2:latest\nUntagged: nginx:latest\nDeleted: sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect(s.docker('run', '-d', 'nginx').stderr).toContain("Unable to find image 'nginx:latest' locally");
  });

  it('image prune: dangling images, or with -a every image no container uses', () => {
    const s = sim({ Dockerfile: STEPS });
    s.docker('build', '-q', '.');
    expect(s.docker('image', 'prune').stdout).toBe('WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n');
    const dangling = s.docker('image', 'prune', '-f').stdout;
    expect(dangling).toMatch(/^Deleted Images:\n(deleted: sha256:[0-9a-f]{64}\n){4}\nTotal reclaimed space: 3B\n$/);
    s.docker('run', '-d', '--name', 'keep', 'nginx');
    const all = s.docker('image', 'prune', '-a', '-f').stdout;
    expect(all).toContain('untagged: alpine:latest\n');
    expect(all).not.toContain('untagged: nginx:latest');
    // The 14 other stand-ins of ~1.98 MB, their one layer apiece.
    expect(all.match(/^untagged: /gm)).toHaveLength(14);
    expect(all).toMatch(/\n\nTotal reclaimed space: 27\.77MB\n$/);
    expect(s.docker('images', '--format', '{{.Repository}}').stdout).toBe('nginx\n');
  });
});

describe('docker history', () => {
  it('lists the steps newest first down to the imported base, each with its image and the bytes it added', () => {
    const s = sim({ 'app/Dockerfile': BUILT, 'app/f.txt': 'hello\n' });
    s.docker('build', '-q', '-t', 'myimg:v1', 'app');
    const r = s.docker('history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Size}}|{{.Comment}}', 'myimg:v1');
    expect(r.stdout).toMatch(new RegExp(`^${[
      '/bin/sh -c #\\(nop\\)  CMD \\["sh" "-c" "sleep 3600"\\]\\|0B\\|',
      '/bin/sh -c #\\(nop\\) WORKDIR /tmp\\|0B\\|',
      '/bin/sh -c true\\|0B\\|',
      '/bin/sh -c #\\(nop\\) COPY file:[0-9a-f]{64} in /x/ \\|6B\\|',
      '/bin/sh -c echo hi > /srv/x\\|3B\\|',
      '/bin/sh -c #\\(nop\\) WORKDIR /srv\\|0B\\|',
      '/bin/sh -c #\\(nop\\)  EXPOSE 8080/udp 9000\\|0B\\|',
      '/bin/sh -c #\\(nop\\)  LABEL a=b team=net ops\\|0B\\|',
      '/bin/sh -c #\\(nop\\)  ENV FOO=bar\\|0B\\|',
      '\\|1.98MB\\|Imported from -',
    ].join('\\n')}\\n$`));
    const ids = s.docker('history', '-q', 'myimg:v1').stdout.trim().split('\n');
    expect(ids[0]).toBe(s.docker('images', '-q', 'myimg:v1').stdout.trim());
    expect(ids.at(-1)).toBe(s.docker('images', '-q', 'nginx').stdout.trim());
    expect(s.docker('history', 'alpine').stdout).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT\n[0-9a-f]{12} +About an hour ago +1\.99MB +Imported from -\n$/);
    expect(s.docker('history', '-H=false', '--format', '{{.CreatedAt}} {{.Size}}', 'alpine').stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 1986048\n$/);
    expect(s.docker('history', 'nosuch')).toEqual({ stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n', exitCode: 1 });
  });
});

describe('COPY names its source as the builder hashes the context (recorded on the engine)', () => {
  it('file:, dir: (the folder and all under it) and multi:', () => {
    const s = sim({
      'app/Dockerfile': 'FROM busybox\nCOPY f.txt /x/\nCOPY conf /etc/conf\nCOPY f.txt g.txt /y/\nCOPY . /all\n',
      'app/f.txt': 'hello\n', 'app/g.txt': 'world!\n', 'app/conf/a.conf': 'a=1\n', 'app/conf/sub/b.conf': 'b=2\n',
    });
    s.docker('build', '-q', '-t', 'h2', 'app');
    expect(s.docker('history', '--no-trunc', '--format', '{{.CreatedBy}} {{.Size}}', 'h2').stdout.split('\n').slice(0, 4)).toEqual([
      '/bin/sh -c #(nop) COPY dir:f1022a32482e7d1f97393eddb76cda3cc4b26f0d855ab35e14efa4e762aaa668 in /all  102B',
      '/bin/sh -c #(nop) COPY multi:0009c7b0d4a7ecc8f6c4726f093ac14230c396f289d1b146708ff356fde48bd2 in /y/  13B',
      '/bin/sh -c #(nop) COPY dir:88a237102dc7f95ace5d12d2f855d10fb554d306e38f7d19cf4848865d97e6e4 in /etc/conf  8B',
      '/bin/sh -c #(nop) COPY file:a76d97b9e333b20275d3a840325f2eb49929ce711c732e45f5b6a24cce4caac3 in /x/  6B',
    ]);
  });
});
