// docker-compose / docker compose on the simulator, against FACTS 105–112.
import { describe, expect, it } from 'vitest';
import { COMPOSETEST, sim } from './helpers.js';

/** Ends each stderr line as Compose 1.29 does without a terminal: progress lines
 *  (`NAME ... done`) with CRLF, log lines with LF; the last element is what follows the last newline. */
const withEol = (line: string, i: number, all: string[]): string => (i === all.length - 1 ? line : `${line}${line.includes(' ... ') ? '\r\n' : '\n'}`);

describe('docker-compose (v1)', () => {
  it('brings a project up as FACT 105 shows: network, container names, stderr progress', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    const r = s.compose('up', '-d');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    // Start lines are padded to the longest name so far, done lines to the longest of the batch.
    expect(r.stderr).toBe([
      'Creating network "composetest_default" with the default driver',
      'Creating app1 ... ',
      'Creating composetest_mysql_1 ... ',
      'Creating app1                ... done',
      'Creating composetest_mysql_1 ... done',
      '',
    ].map(withEol).join(''));
    expect(s.ctrl.findContainer('composetest_mysql_1')?.running).toBe(true);
  });

  // compose/network.py and volume.py name the driver only when the file gives one, even
  // the default's own name (real docker-compose 1.29: `driver: bridge`, `driver: local`).
  it.each([
    ['networks:\n  n1: {driver: bridge}\n', 'n1', 'Creating network "dr_n1" with driver "bridge"'],
    ['networks:\n  n1: {}\n', 'n1', 'Creating network "dr_n1" with the default driver'],
  ])('names a network driver as written: %j', (defs, net, line) => {
    const s = sim({ 'docker-compose.yml': `services:\n  a:\n    image: busybox\n    command: sleep 1\n    networks: [${net}]\n${defs}` }, '/tmp/dr');
    expect(s.compose('up', '-d').stderr).toContain(`${line}\n`);
  });
  it.each([
    ['v1: {driver: local}', 'Creating volume "dr_v1" with local driver'],
    ['v1: {}', 'Creating volume "dr_v1" with default driver'],
  ])('names a volume driver as written: %j', (def, line) => {
    const s = sim({ 'docker-compose.yml': `services:\n  a:\n    image: busybox\n    command: sleep 1\n    volumes: [v1:/a]\nvolumes:\n  ${def}\n` }, '/tmp/dr');
    expect(s.compose('up', '-d').stderr).toContain(`${line}\n`);
  });

  it('prints `ps` as Compose 1.29 does (FACT 105, byte for byte)', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    s.compose('up', '-d');
    expect(s.compose('ps').stdout).toBe(
      '       Name                      Command               State                  Ports                \n'
      + '---------------------------------------------------------------------------------------------------\n'
      + 'app1                  httpd -f -p 80 -h /usr/sha ...   Up      0.0.0.0:8080->80/tcp,:::8080->80/tcp\n'
      + 'composetest_mysql_1   docker-entrypoint.sh mysqld      Up      3306/tcp, 33060/tcp                 \n');
  });

  it('labels the network and containers as FACT 106 shows, aliases = service + short ID', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    s.compose('up', '-d');
    const net = s.docker('network', 'inspect', '-f', '{{json .Labels}} {{.Attachable}}', 'composetest_default');
    expect(net.stdout).toBe('{"com.docker.compose.network":"default","com.docker.compose.project":"composetest","com.docker.compose.version":"1.29.2"} true\n');
    const id = s.ctrl.findContainer('composetest_mysql_1')!.id;
    const aliases = s.docker('inspect', '-f', '{{json .NetworkSettings.Networks.composetest_default.Aliases}}', 'composetest_mysql_1');
    expect(JSON.parse(aliases.stdout)).toEqual(['mysql', id.slice(0, 12)]);
    const labels = s.docker('inspect', '-f', '{{json .Config.Labels}}', 'app1');
    expect(Object.keys(JSON.parse(labels.stdout)).sort()).toEqual(['com.docker.compose.config-hash', 'com.docker.compose.container-number',
      'com.docker.compose.oneoff', 'com.docker.compose.project', 'com.docker.compose.project.config_files',
      'com.docker.compose.project.working_dir', 'com.docker.compose.service', 'com.docker.compose.version']);
  });

  it('resolves service names and container names, not container_name as an alias (FACTS 107, 111)', () => {
    const s = sim({ 'docker-compose.yml': `services:
  web: {image: nginx}
  web2: {image: nginx, container_name: my-web}
  client: {image: busybox, command: sleep 3600}
  db: {image: "mysql:5.7"}
` }, '/x/composescale');
    expect(s.compose('up', '-d', '--scale', 'web=3').exitCode).toBe(0);
    const ips = [1, 2, 3].map((n) => s.ctrl.findContainer(`composescale_web_${n}`)!.endpoints()[0].ip);
    const out = s.docker('exec', 'composescale_client_1', 'nslookup', 'web').stdout;
    for (const ip of ips) expect(out).toContain(`Address: ${ip}`);
    expect(s.docker('exec', 'composescale_client_1', 'ping', '-c', '1', 'my-web').exitCode).toBe(0);
    expect(s.docker('exec', 'composescale_client_1', 'ping', '-c', '1', 'db').stderr).toBe("ping: bad address 'db'\n");
    expect(s.docker('inspect', '-f', '{{json .NetworkSettings.Networks.composescale_default.Aliases}}', 'my-web').stdout).not.toContain('my-web');
    expect(s.compose('ps').stdout).toMatch(/composescale_db_1 +docker-entrypoint\.sh mysqld +Exit 1 /);
    // Scaling down removes the highest-numbered replicas.
    expect(s.compose('up', '-d', '--scale', 'web=1').stderr).toContain('Stopping and removing composescale_web_3 ... done');
    expect(s.ctrl.findContainer('composescale_web_2')).toBeUndefined();
    expect(s.docker('exec', 'composescale_client_1', 'nslookup', 'web').stdout).toContain(`Address: ${ips[0]}`);
    expect(s.compose('restart', 'web').stderr).toBe('Restarting composescale_web_1 ... \r\nRestarting composescale_web_1 ... done\r\n');
  });

  it('tears a project down as FACT 108 shows, and tolerates a missing network (FACT 112)', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    s.compose('up', '-d');
    const r = s.compose('down');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('Stopping composetest_mysql_1 ... done\r\nStopping app1                ... done\r\n');
    expect(r.stderr).toMatch(/Removing network composetest_default\n$/);
    expect(s.ctrl.containers()).toEqual([]);
    expect(s.docker('network', 'ls', '-q').stdout.trim().split('\n')).toHaveLength(3);
    expect(s.compose('down').stderr).toBe('Removing network composetest_default\nNetwork composetest_default not found.\n');
  });

  it('down --rmi: local removes the images Compose built and named, all every service\'s', () => {
    const file = 'version: "3"\nservices:\n  web:\n    image: nginx\n  app:\n    build: ./app\n  app2:\n    build: ./app\n    image: myapp:v1\n  web2:\n    image: nginx\n';
    const local = sim({ 'docker-compose.yml': file, 'app/Dockerfile': 'FROM busybox\nCMD ["sleep", "3600"]\n' });
    local.compose('up', '-d');
    expect(local.compose('down', '--rmi', 'local').stderr).toMatch(/Removing network composetest_default\nRemoving image composetest_app\n$/);
    expect(local.docker('images', '--format', '{{.Repository}}', '--filter', 'reference=*app*').stdout).toBe('myapp\n');
    const all = sim({ 'docker-compose.yml': file, 'app/Dockerfile': 'FROM busybox\nCMD ["sleep", "3600"]\n' });
    all.compose('up', '-d');
    expect(all.compose('down', '--rmi', 'all').stderr).toMatch(
      /Removing network composetest_default\nRemoving image nginx\nRemoving image composetest_app\nRemoving image myapp:v1\nRemoving image nginx\nImage nginx not found\.\n$/);
    expect(all.compose('down', '--rmi', 'bogus')).toEqual({ stdout: '', stderr: '--rmi flag must be one of: all, local\n', exitCode: 1 });
  });

  it('refuses --no-start with -d, and creates without starting (FACT 112)', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    expect(s.compose('up', '-d', '--no-start')).toEqual({ stdout: '', stderr: '--no-start and --detach cannot be combined.\n', exitCode: 1 });
    expect(s.compose('-p', 'otherproj', 'up', '--no-start').exitCode).toBe(0);
    expect(s.ctrl.findContainer('otherproj_mysql_1')?.status).toBe('created');
    expect(s.compose('-p', 'otherproj', 'start').stderr).toContain('Starting mysql ... done');
  });

  it('goes on with other services when a container_name is taken (FACT 110)', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    s.compose('-p', 'first', 'up', '-d');
    const r = s.compose('-p', 'second', 'up', '-d');
    expect(r.exitCode).toBe(1);
    const id = s.ctrl.findContainer('app1')!.id;
    const conflict = `Cannot create container for service app1: Conflict. The container name "/app1" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`;
    // Told under the container's line, then again per service after the batch (as recorded).
    expect(r.stderr).toBe(['Creating network "second_default" with the default driver', 'Creating app1 ... ', 'Creating second_mysql_1 ... ',
      'Creating app1           ... error', '', `ERROR: for app1  ${conflict}`, 'Creating second_mysql_1 ... done', '',
      `ERROR: for app1  ${conflict}`, 'Encountered errors while bringing up the project.', ''].map(withEol).join(''));
    expect(s.ctrl.findContainer('second_mysql_1')?.running).toBe(true);
  });

  it('starts services after what they depend on, in batches', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n  db:\n    image: busybox\n    command: sleep 600\n' }, '/t/hcproj');
    const r = s.compose('up', '-d');
    expect(r.stderr).toBe('Creating network "hcproj_default" with the default driver\nCreating hcproj_db_1 ... \r\nCreating hcproj_db_1 ... done\r\n'
      + 'Creating hcproj_web_1 ... \r\nCreating hcproj_web_1 ... done\r\n');
    expect(s.ctrl.findContainer('hcproj_db_1')!.endpoints()[0].ip).toBe('172.18.0.2');
    expect(s.compose('up', '-d').stderr).toBe('hcproj_db_1 is up-to-date\nhcproj_web_1 is up-to-date\n');
    s.compose('stop');
    expect(s.compose('start').stderr).toBe('Starting db  ... \r\nStarting web ... \r\nStarting db  ... done\r\nStarting web ... done\r\n');
  });

  it('applies a declared network with ipam, aliases and a fixed address', () => {
    const s = sim({ 'docker-compose.yml': `services:
  app:
    image: busybox
    command: sleep 600
    networks:
      front:
        aliases: [appalias]
        ipv4_address: 10.77.0.10
networks:
  front:
    ipam:
      config:
        - subnet: 10.77.0.0/24
` }, '/t/hcb');
    expect(s.compose('up', '-d').stderr).toContain('Creating network "hcb_front" with the default driver');
    const inspect = JSON.parse(s.docker('inspect', '-f', '{{json .NetworkSettings.Networks.hcb_front}}', 'hcb_app_1').stdout) as { IPAddress: string; Aliases: string[] };
    expect(inspect.IPAddress).toBe('10.77.0.10');
    expect(inspect.Aliases.slice(0, 2)).toEqual(['app', 'appalias']);
    expect(s.ctrl.findNetwork('hcb_default')).toBeUndefined();
  });

  it('fails on a missing external network with Compose\'s text', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  a: {image: nginx, networks: [ext]}\nnetworks:\n  ext: {external: true}\n' });
    const r = s.compose('up', '-d');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Network ext declared as external, but could not be found.');
    s.docker('network', 'create', 'ext');
    expect(s.compose('up', '-d').exitCode).toBe(0);
    expect(s.ctrl.findContainer('composetest_a_1')!.endpoints()[0].network.name).toBe('ext');
  });

  it('supports network_mode service: and host', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  db: {image: busybox, command: sleep 600}\n  side: {image: busybox, command: sleep 600, network_mode: "service:db"}\n  h: {image: busybox, command: sleep 600, network_mode: host}\n' });
    expect(s.compose('up', '-d').exitCode).toBe(0);
    const db = s.ctrl.findContainer('composetest_db_1')!;
    expect(s.docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', 'composetest_side_1').stdout).toBe(`container:${db.id}\n`);
    expect(s.docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', 'composetest_h_1').stdout).toBe('host\n');
  });
});

describe('exec, port and rm', () => {
  it('behave as Compose 1.29 does without a terminal', () => {
    const s = sim({ 'docker-compose.yml': COMPOSETEST });
    s.compose('up', '-d');
    expect(s.compose('exec', 'mysql', 'hostname')).toEqual({ stdout: '', stderr: 'the input device is not a TTY\n', exitCode: 1 });
    const id = s.ctrl.findContainer('composetest_mysql_1')!.id;
    expect(s.compose('exec', '-T', 'mysql', 'hostname').stdout).toBe(`${id.slice(0, 12)}\n`);
    expect(s.compose('exec', '-T', 'app1', 'ping', '-c', '1', 'mysql').exitCode).toBe(0);
    expect(s.compose('port', 'app1', '80').stdout).toBe('0.0.0.0:8080\n');
    // print(), not the log: on stdout (real 1.29).
    expect(s.compose('rm', '-f')).toEqual({ stdout: 'No stopped containers\n', stderr: '', exitCode: 0 });
    s.compose('stop', 'mysql');
    const rm = s.compose('rm', '-f');
    expect([rm.stdout, rm.stderr]).toEqual(['Going to remove composetest_mysql_1\n', 'Removing composetest_mysql_1 ... \r\nRemoving composetest_mysql_1 ... done\r\n']);
    expect(s.ctrl.findContainer('composetest_mysql_1')).toBeUndefined();
  });
});

describe('compose -f in a subfolder', () => {
  it('names the project after that folder and resolves build contexts from it', () => {
    const s = sim({ 'app/docker-compose.yml': 'services:\n  api:\n    build: .\n', 'app/Dockerfile': 'FROM busybox\nCMD ["sleep", "600"]\n' });
    const r = s.compose('-f', 'app/docker-compose.yml', 'up', '-d');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Successfully tagged app_api:latest');
    expect(s.ctrl.findContainer('app_api_1')?.running).toBe(true);
  });
});

describe('docker compose (v2)', () => {
  it('names containers project-service-n and keeps networks project_key', () => {
    const s = sim({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }, '/t/My.Shop');
    const r = s.docker('compose', 'up', '-d');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(' Network myshop_default  Creating\n Network myshop_default  Created\n Container myshop-web-1  Creating\n'
      + ' Container myshop-web-1  Created\n Container myshop-web-1  Starting\n Container myshop-web-1  Started\n');
    expect(s.docker('compose', 'ps').stdout).toMatch(/^NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS\nmyshop-web-1 +nginx +"httpd -f -p 80 -h \/…" +web /);
    expect(s.docker('compose', 'down').stderr).toContain(' Network myshop_default  Removed\n');
  });
});

describe('docker-compose run', () => {
  const FILE = 'services:\n  web:\n    image: nginx\n  cache:\n    image: busybox\n    command: sleep 3600\n    depends_on: [web]\n';

  it('brings the dependencies up, then runs the command in a one-off container and prints its output', () => {
    const s = sim({ 'docker-compose.yml': FILE }, '/t/cr');
    const r = s.compose('run', '--rm', 'cache', 'echo', 'hello');
    expect(r).toEqual({ stdout: 'hello\n', exitCode: 0, stderr: 'Creating network "cr_default" with the default driver\n'
      + 'Creating cr_web_1 ... \r\nCreating cr_web_1 ... done\r\nCreating cr_cache_run ... \r\nCreating cr_cache_run ... done\r\n' });
    expect(s.ctrl.containers().map((c) => c.name)).toEqual(['cr_web_1']);
  });

  it('names a detached one-off `<project>_<service>_run_<12 hex>`, the same on every run, and gives it no service alias', () => {
    const names = [0, 1].map(() => {
      const s = sim({ 'docker-compose.yml': FILE }, '/t/cr');
      s.compose('up', '-d');
      const r = s.compose('run', '-d', 'cache');
      expect(r.exitCode).toBe(0);
      const oneOff = s.ctrl.findContainer(r.stdout.trim())!;
      expect(s.docker('inspect', '-f', '{{json .NetworkSettings.Networks.cr_default.Aliases}}', oneOff.name).stdout).toBe(`["${oneOff.id.slice(0, 12)}"]\n`);
      expect(s.compose('ps', '--services').stdout).toBe('web\ncache\n');
      s.compose('down');
      expect(s.ctrl.findContainer(oneOff.name)).toBeUndefined();
      return r.stdout;
    });
    expect(names[0]).toMatch(/^cr_cache_run_[0-9a-f]{12}\n$/);
    expect(names[1]).toBe(names[0]);
  });

  it('returns the command exit code, and names an unknown service', () => {
    const s = sim({ 'docker-compose.yml': FILE }, '/t/cr');
    expect(s.compose('run', '--rm', '--no-deps', 'cache', 'false').exitCode).toBe(1);
    expect(s.compose('run', 'nosuch')).toEqual({ stdout: '', stderr: 'No such service: nosuch\n', exitCode: 1 });
  });
});

describe('docker-compose logs', () => {
  it('attaches to the containers by name and prefixes their lines, the first cyan, the second yellow', () => {
    const s = sim({ 'docker-compose.yml': 'services:\n  b:\n    image: busybox\n    command: echo bee\n  a:\n    image: busybox\n    command: echo ay\n' }, '/t/lg');
    s.compose('up', '-d');
    expect(s.compose('logs').stdout).toBe('Attaching to lg_a_1, lg_b_1\n\u001b[36ma_1  |\u001b[0m ay\n\u001b[33mb_1  |\u001b[0m bee\n');
    expect(s.compose('logs', '--no-color', 'b').stdout).toBe('Attaching to lg_b_1\nb_1  | bee\n');
    expect(s.compose('logs', 'nosuch')).toEqual({ stdout: '', stderr: 'No such service: nosuch\n', exitCode: 1 });
  });
});
