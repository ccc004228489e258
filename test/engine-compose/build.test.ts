// docker build (classic builder texts, recorded on this machine's engine) and docker images.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/engine/build/dockerfile.js';
import { sim } from './helpers.js';

const id12 = /[0-9a-f]{12}/.source;

describe('docker build', () => {
  it('prints the classic builder steps and tags the image', () => {
    const s = sim({ 'Dockerfile': 'FROM nginx\nENV FOO=bar\nEXPOSE 8080\nCMD ["httpd","-f","-p","8080"]\n' });
    const r = s.docker('build', '-t', 'h-img', '.');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp([
      '^Sending build context to Docker daemon  2\\.048kB',
      'Step 1/4 : FROM nginx', ` ---> ${id12}`,
      'Step 2/4 : ENV FOO=bar', ` ---> Running in ${id12}`, `Removing intermediate container ${id12}`, ` ---> ${id12}`,
      'Step 3/4 : EXPOSE 8080', ` ---> Running in ${id12}`, `Removing intermediate container ${id12}`, ` ---> ${id12}`,
      'Step 4/4 : CMD \\["httpd","-f","-p","8080"\\]', ` ---> Running in ${id12}`, `Removing intermediate container ${id12}`, ` ---> (${id12})`,
      'Successfully built \\1', 'Successfully tagged h-img:latest', '$'].join('\n')));
    // The same build again comes from the cache, with the same image ID.
    const again = s.docker('build', '-t', 'h-img', '.');
    expect(again.stdout).toContain(' ---> Using cache\n');
    expect(again.stdout.match(/Successfully built (\w+)/)![1]).toBe(r.stdout.match(/Successfully built (\w+)/)![1]);
    expect(s.docker('images').stdout).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\nh-img +latest /);
  });

  it('runs a built image with its CMD, ENV and EXPOSE', () => {
    const s = sim({ 'Dockerfile': 'FROM busybox\nENV GREETING=hello\nEXPOSE 8080\nCMD ["httpd", "-f", "-p", "8080"]\n' });
    s.docker('build', '-t', 'web8080', '.');
    s.docker('network', 'create', 'n1');
    expect(s.docker('run', '-d', '--name', 'w1', '--network', 'n1', 'web8080').exitCode).toBe(0);
    s.docker('run', '-d', '--name', 'c1', '--network', 'n1', 'busybox', 'sleep', '600');
    // httpd answers on 8080 (its folder has no index.html: 404, as BusyBox httpd says).
    expect(s.docker('exec', 'c1', 'wget', '-qO-', 'http://w1:8080/').stderr).toContain('server returned error: HTTP/1.1 404 Not Found');
    expect(s.docker('exec', 'c1', 'wget', '-qO-', 'http://w1:80/').stderr).toContain('Connection refused');
    expect(s.docker('exec', 'w1', 'env').stdout).toContain('GREETING=hello\n');
    expect(s.docker('ps').stdout).toContain('8080/tcp');
  });

  it('adds the tools of installed packages (the seed walkthrough)', () => {
    const s = sim({ 'd/Dockerfile': 'FROM debian\nRUN apt-get update && apt-get install -y iputils-ping curl\nCMD ["sleep","1d"]\n' });
    s.docker('run', '-d', '--name', 'plain', 'debian', 'sleep', '1d');
    expect(s.docker('exec', 'plain', 'ping', '-c', '1', '127.0.0.1').exitCode).toBe(126);
    expect(s.docker('build', '-t', 'debian-ping', 'd').exitCode).toBe(0);
    s.docker('run', '-d', '--name', 'pinger', 'debian-ping');
    expect(s.docker('exec', 'pinger', 'ping', '-c', '1', '127.0.0.1').exitCode).toBe(0);
    expect(s.docker('exec', 'pinger', 'curl', '--version').stderr).not.toContain('executable file not found');
  });

  it('fails as the builder does', () => {
    const s = sim({
      'Dockerfile': 'FROM busybox\nRUN apt-get install -y curl\n', 'bad/Dockerfile': 'FROM busybox\nFROBNICATE x\n',
      'missing/Dockerfile': 'FROM nosuchimg\n', 'apt/Dockerfile': 'FROM debian\nRUN apt-get install -y nosuchpkg\n',
    });
    const busybox = s.docker('build', '.');
    expect([busybox.exitCode, busybox.stderr]).toEqual([127, "The command '/bin/sh -c apt-get install -y curl' returned a non-zero code: 127\n"]);
    // The builder's stream wraps each write of the step's stderr in red (real 20.10).
    expect(busybox.stdout).toContain('\x1b[91m/bin/sh: apt-get: not found\n\x1b[0m');
    expect(s.docker('build', 'bad').stderr).toBe('Error response from daemon: dockerfile parse error line 2: unknown instruction: FROBNICATE\n');
    const missing = s.docker('build', 'missing');
    expect([missing.exitCode, missing.stdout.endsWith('Step 1/1 : FROM nosuchimg\n')]).toEqual([1, true]);
    expect(s.docker('build', 'apt').stdout).toContain('\x1b[91mE: Unable to locate package nosuchpkg\n\x1b[0m');
    expect(s.docker('build', '-f', 'Nope', '.').stderr).toBe('unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /tmp/composetest/Nope: no such file or directory\n');
    expect(s.docker('build', 'nodir').stderr).toBe('unable to prepare context: path "nodir" not found\n');
  });

  it('resets an inherited CMD when ENTRYPOINT is set', () => {
    const s = sim({ 'Dockerfile': 'FROM nginx\nENTRYPOINT ["sleep"]\n' });
    s.docker('build', '-t', 'ep', '.');
    expect(s.docker('create', '--name', 'e1', 'ep').exitCode).toBe(0);
    expect(s.docker('inspect', '-f', '{{json .Config.Cmd}} {{json .Config.Entrypoint}}', 'e1').stdout).toBe('null ["sleep"]\n');
  });

  it('parses continuation lines and comments', () => {
    const p = parseDockerfile('# c\nFROM busybox\nRUN a \\\n  && b\n');
    expect(p.ok && p.instructions.map((i) => i.original)).toEqual(['FROM busybox', 'RUN a && b']);
    expect(parseDockerfile('RUN x\n')).toEqual({ ok: false, message: 'failed to process "RUN x": no build stage in current context' });
  });
});

describe('compose build:', () => {
  it('builds a missing image, names it <project>_<service>, and says so', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  app:\n    build: .\n', 'Dockerfile': 'FROM busybox\nEXPOSE 81\nCMD ["sleep","600"]\n' }, '/t/hcb');
    const r = s.compose('up', '-d');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Successfully tagged hcb_app:latest\n');
    expect(r.stderr).toContain('Building app\n');
    expect(r.stderr).toContain('Image for service app was built because it did not already exist.');
    expect(s.compose('ps').stdout).toContain('hcb_app_1   sleep 600   Up      81/tcp');
  });
});
