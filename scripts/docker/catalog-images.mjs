// Builds real-engine stand-ins for the simulator's catalog images that are not one of
// the oracle's four (src/engine/images/catalog.json: "standIn": false), from the same
// data the simulator uses, so both backends agree: the image's Cmd, Entrypoint,
// WorkingDir, Expose and Env; only the catalog's `tools` on PATH (null: every BusyBox
// applet); the default command listening where `listens` says (BusyBox httpd serving
// `page` for HTTP, an `nc` echo server otherwise); `requiredEnv` refusing to start
// without one of its variables, printing the catalog's `stderr`.
// Tools BusyBox does not have (mysql, psql, redis-cli, curl, node, python3…) are absent:
// `docker exec` of them fails as Docker does, where the simulator may know them.
//
// usage: node catalog-images.mjs DOCKER BUSYBOX [--force]   (DOCKER_HOST picks the engine)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [docker, busybox, flag] = process.argv.slice(2);
const force = flag === '--force';
const here = dirname(fileURLToPath(import.meta.url));
const catalog = JSON.parse(readFileSync(join(here, '../../src/engine/images/catalog.json'), 'utf8'));
const applets = new Set(spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean));
const BB = '/.dnet/busybox'; // off PATH: the helper scripts' own tools

const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The default command's behaviour; `direct`: the script IS cmd[0] (no entrypoint in front). */
function serverScript(image, direct) {
  const lines = ['#!/.dnet/busybox sh'];
  const serverCmd = image.cmd[0];
  if (direct) lines.push(`set -- ${sh(serverCmd)} "$@"`);
  lines.push(`case "$1" in ${sh(serverCmd)}|${sh(serverCmd.split('/').pop())})`);
  if (image.requiredEnv) {
    const test = image.requiredEnv.anyOf.map((v) => `[ -z "$${v}" ]`).join(' && ');
    lines.push(`  if ${test}; then`, `    ${BB} printf '%s' ${sh(image.requiredEnv.stderr)} >&2`, `    exit ${image.requiredEnv.exitCode}`, '  fi');
  }
  const listeners = image.listens.filter((l) => l.proto === 'tcp').map((l) => (l.http
    ? `${BB} httpd -f -p ${l.port} -h /.dnet/www`
    : `${BB} nc -ll -p ${l.port} -e ${BB} cat`));
  listeners.slice(0, -1).forEach((l) => lines.push(`  ${l} &`));
  lines.push(listeners.length > 0 ? `  exec ${listeners[listeners.length - 1]}` : '  shift; exec /bin/sh "$@"');
  lines.push(';;', '*) exec "$@" ;;', 'esac');
  return `${lines.join('\n')}\n`;
}

// glibc's `getent hosts NAME` for images that have it: /etc/hosts, then DNS.
const GETENT = `#!/.dnet/busybox sh
[ "$1" = hosts ] || { echo "Unknown database: $1" >&2; exit 1; }
n=$2
line=$(${BB} awk -v n="$n" '!/^#/ && $1 ~ /^[0-9.]+$/ { for (i = 2; i <= NF; i++) if (tolower($i) == tolower(n)) { print; exit } }' /etc/hosts)
if [ -n "$line" ]; then echo "$line" | ${BB} awk '{ printf "%-15s %s\\n", $1, $2 }'; exit 0; fi
ip=$(${BB} nslookup -type=a "$n" 2>/dev/null | ${BB} awk '/^Name:/ { f = 1 } f && /^Address: / { print $2; exit }')
[ -n "$ip" ] || exit 2
${BB} printf '%-15s %s\\n' "$ip" "$n"
`;

function build(name, image) {
  const root = mkdtempSync(join(tmpdir(), 'dnet-catalog-'));
  try {
    for (const d of ['bin', 'etc', 'tmp', 'root', 'proc', 'sys', 'dev', 'var/log', '.dnet/www']) mkdirSync(join(root, d), { recursive: true });
    chmodSync(join(root, 'tmp'), 0o1777);
    copyFileSync(busybox, join(root, '.dnet/busybox'));
    chmodSync(join(root, '.dnet/busybox'), 0o755);
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
    const tools = image.tools === null ? [...applets] : image.tools;
    for (const tool of new Set(['sh', ...tools])) {
      if (tool === 'busybox') continue;
      if (applets.has(tool)) symlinkSync(BB, join(root, 'bin', tool));
      else if (tool === 'bash') writeFileSync(join(root, 'bin/bash'), '#!/bin/sh\nexec /bin/sh "$@"\n', { mode: 0o755 });
      else if (tool === 'getent') writeFileSync(join(root, 'bin/getent'), GETENT, { mode: 0o755 });
    }
    writeFileSync(join(root, '.dnet/www/index.html'), image.page ?? '');
    if (image.workdir) mkdirSync(join(root, image.workdir), { recursive: true });
    const write = (program, script) => {
      if (program === 'sh' || program === '/bin/sh') return; // the shell applet itself
      const path = join(root, program.startsWith('/') ? program : `usr/local/bin/${program}`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, script, { mode: 0o755 });
    };
    const serves = image.listens.length > 0 || image.requiredEnv;
    if (image.entrypoint.length > 0) write(image.entrypoint[0], serverScript(image, false));
    // The default command itself: the server (also run directly, `--entrypoint ''`), or
    // for a shell-behaviour image its program, which acts as a shell.
    write(image.cmd[0], serves ? serverScript(image, true) : '#!/.dnet/busybox sh\nexec /bin/sh "$@"\n');
    const changes = [
      ...image.env.map((e) => `ENV ${e}`),
      ...image.expose.map((p) => `EXPOSE ${p}`),
      ...(image.workdir ? [`WORKDIR ${image.workdir}`] : []),
      ...(image.entrypoint.length > 0 ? [`ENTRYPOINT ${JSON.stringify(image.entrypoint)}`] : []),
      `CMD ${JSON.stringify(image.cmd)}`,
    ];
    const tar = spawnSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 1 << 28 });
    const imported = spawnSync(docker, ['import', ...changes.flatMap((c) => ['-c', c]), '-', name], { input: tar.stdout, encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`docker import ${name}: ${imported.stderr}`);
    console.log(`built ${name}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

for (const [name, image] of Object.entries(catalog.images)) {
  if (image.standIn) continue; // the oracle's four: build-images.sh makes them as recorded
  if (!force && spawnSync(docker, ['image', 'inspect', name], { stdio: 'ignore' }).status === 0) continue;
  build(name, image);
}
