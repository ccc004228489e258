// Docker's command-line surface as data: every subcommand dnet-test understands and the
// flags each takes, as the docker 20.10 client (cobra + spf13/pflag) and docker-compose
// 1.29 define them. Harmless flags that change nothing about networking are listed too,
// so that pasted real-world commands parse; the engine simply accepts them.
import type { CommandSpec, FlagSpec } from './types.js';

const bool = (name: string, short?: string, aliases?: string[]): FlagSpec => ({ name, short, aliases, kind: 'bool' });
const str = (name: string, short?: string, aliases?: string[]): FlagSpec => ({ name, short, aliases, kind: 'string' });
const list = (name: string, short?: string, aliases?: string[]): FlagSpec => ({
  name, short, aliases, kind: 'string', repeated: true,
});

const docker = (path: string[], usage: string, flags: FlagSpec[], minArgs: number, maxArgs?: number,
  stopAtFirstPositional = false): CommandSpec =>
  ({ program: 'docker', path, usage, flags, minArgs, maxArgs, stopAtFirstPositional });

/** Flags shared by `docker run` and `docker create` (container configuration). */
const containerConfigFlags: FlagSpec[] = [
  str('name'), bool('interactive', 'i'), bool('tty', 't'), bool('rm'),
  list('env', 'e'), list('env-file'), list('publish', 'p'), bool('publish-all', 'P'),
  list('network', undefined, ['net']), list('network-alias', undefined, ['net-alias']),
  str('ip'), str('ip6'), list('link'), str('hostname', 'h'), str('domainname'),
  list('add-host'), list('dns'), list('dns-search'), list('dns-option', undefined, ['dns-opt']),
  list('expose'), str('mac-address'), list('volume', 'v'), list('volumes-from'), list('mount'),
  list('tmpfs'), str('restart'), str('entrypoint'), str('workdir', 'w'), list('cap-add'),
  list('cap-drop'), bool('privileged'), str('memory', 'm'), str('memory-swap'), str('memory-reservation'),
  str('cpus'), str('cpu-shares', 'c'), str('cpuset-cpus'), list('label', 'l'), list('label-file'),
  str('user', 'u'), bool('init'), str('stop-signal'), str('stop-timeout'), str('log-driver'),
  list('log-opt'), bool('read-only'), list('sysctl'), list('ulimit'), list('security-opt'),
  list('device'), str('shm-size'), str('pid'), str('ipc'), str('uts'), str('userns'),
  str('cgroupns'), str('platform'), str('pull'), str('gpus'), str('health-cmd'),
  str('health-interval'), str('health-retries'), str('health-timeout'), str('health-start-period'),
  bool('no-healthcheck'), bool('oom-kill-disable'), list('attach', 'a'), bool('disable-content-trust'),
  list('group-add'), str('runtime'), str('pids-limit'),
];

const networkDriverFlags: FlagSpec[] = [
  str('driver', 'd'), list('subnet'), list('gateway'), list('ip-range'), bool('internal'),
  list('opt', 'o'), list('label'), bool('attachable'), bool('ipv6'), list('aux-address'),
  str('ipam-driver'), list('ipam-opt'), str('scope'), bool('ingress'), bool('config-only'),
  str('config-from'),
];

/** Flags of `docker-compose`/`docker compose` subcommands, keyed by subcommand. */
const composeCommands: Array<{ name: string; usage: string; flags: FlagSpec[]; min: number; max?: number; stop?: boolean }> = [
  { name: 'up', usage: 'up [options] [--scale SERVICE=NUM...] [SERVICE...]', min: 0, flags: [
    bool('detach', 'd'), list('scale'), bool('no-start'), bool('build'), bool('no-build'),
    bool('force-recreate'), bool('no-recreate'), bool('no-deps'), bool('remove-orphans'),
    bool('abort-on-container-exit'), bool('no-color'), bool('quiet-pull'), str('timeout', 't'),
    bool('always-recreate-deps'), bool('renew-anon-volumes', 'V'), str('exit-code-from'), bool('wait')] },
  { name: 'down', usage: 'down [options]', min: 0, max: 0, flags: [
    bool('volumes', 'v'), bool('remove-orphans'), str('rmi'), str('timeout', 't')] },
  { name: 'ps', usage: 'ps [options] [SERVICE...]', min: 0, flags: [
    bool('quiet', 'q'), bool('all', 'a'), bool('services'), list('filter'), str('format')] },
  { name: 'stop', usage: 'stop [options] [SERVICE...]', min: 0, flags: [str('timeout', 't')] },
  { name: 'start', usage: 'start [SERVICE...]', min: 0, flags: [] },
  { name: 'restart', usage: 'restart [options] [SERVICE...]', min: 0, flags: [str('timeout', 't')] },
  { name: 'rm', usage: 'rm [options] [SERVICE...]', min: 0, flags: [
    bool('force', 'f'), bool('stop', 's'), bool('volumes', 'v')] },
  { name: 'logs', usage: 'logs [options] [SERVICE...]', min: 0, flags: [
    bool('follow', 'f'), str('tail'), bool('timestamps', 't'), bool('no-color')] },
  { name: 'kill', usage: 'kill [options] [SERVICE...]', min: 0, flags: [str('signal', 's')] },
  { name: 'pause', usage: 'pause [SERVICE...]', min: 0, flags: [] },
  { name: 'unpause', usage: 'unpause [SERVICE...]', min: 0, flags: [] },
  { name: 'config', usage: 'config [options]', min: 0, max: 0, flags: [bool('quiet', 'q'), bool('services'), bool('volumes')] },
  { name: 'build', usage: 'build [options] [SERVICE...]', min: 0, flags: [bool('no-cache'), bool('pull'), bool('quiet', 'q')] },
  { name: 'pull', usage: 'pull [options] [SERVICE...]', min: 0, flags: [bool('quiet', 'q')] },
  { name: 'port', usage: 'port [options] SERVICE PRIVATE_PORT', min: 2, max: 2, flags: [str('protocol'), str('index')] },
  { name: 'exec', usage: 'exec [options] SERVICE COMMAND [ARGS...]', min: 2, stop: true, flags: [
    bool('detach', 'd'), bool('no-TTY', 'T'), list('env', 'e'), str('workdir', 'w'), str('user', 'u'),
    str('index'), bool('privileged')] },
  { name: 'run', usage: 'run [options] [-v VOLUME...] [-p PORT...] [-e KEY=VAL...] [-l KEY=VALUE...] SERVICE [COMMAND] [ARGS...]', min: 1, stop: true, flags: [
    bool('detach', 'd'), str('name'), str('entrypoint'), list('env', 'e'), list('label', 'l'), str('user', 'u'),
    bool('no-deps'), bool('rm'), list('publish', 'p'), bool('service-ports'), bool('use-aliases'), list('volume', 'v'),
    bool('no-TTY', 'T'), str('workdir', 'w')] },
  { name: 'top', usage: 'top [SERVICE...]', min: 0, flags: [] },
  { name: 'version', usage: 'version', min: 0, max: 0, flags: [bool('short')] },
];

/** Global flags, by the command group they follow ('docker', 'docker-compose', 'docker compose'). */
export const globalFlags: Readonly<Record<'docker' | 'docker-compose' | 'docker compose', FlagSpec[]>> = {
  docker: [str('host', 'H'), str('context', 'c'), str('log-level', 'l'), bool('debug', 'D'), str('config'), bool('tls')],
  'docker-compose': [list('file', 'f'), str('project-name', 'p'), str('project-directory'), str('env-file'),
    list('profile'), bool('verbose'), bool('no-ansi'), str('ansi')],
  'docker compose': [list('file', 'f'), str('project-name', 'p'), str('project-directory'), str('env-file'),
    list('profile'), bool('compatibility')],
};

const topLevel: CommandSpec[] = [
  docker(['run'], 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    [...containerConfigFlags, bool('detach', 'd'), bool('sig-proxy'), str('detach-keys')], 1, undefined, true),
  docker(['create'], 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]', containerConfigFlags, 1, undefined, true),
  docker(['start'], 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
    [bool('attach', 'a'), bool('interactive', 'i'), str('detach-keys')], 1),
  docker(['stop'], 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', [str('time', 't')], 1),
  docker(['restart'], 'docker restart [OPTIONS] CONTAINER [CONTAINER...]', [str('time', 't')], 1),
  docker(['kill'], 'docker kill [OPTIONS] CONTAINER [CONTAINER...]', [str('signal', 's')], 1),
  docker(['rm'], 'docker rm [OPTIONS] CONTAINER [CONTAINER...]',
    [bool('force', 'f'), bool('volumes', 'v'), bool('link', 'l')], 1),
  docker(['pause'], 'docker pause CONTAINER [CONTAINER...]', [], 1),
  docker(['unpause'], 'docker unpause CONTAINER [CONTAINER...]', [], 1),
  docker(['wait'], 'docker wait CONTAINER [CONTAINER...]', [], 1),
  docker(['rename'], 'docker rename CONTAINER NEW_NAME', [], 2, 2),
  docker(['exec'], 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]',
    [bool('detach', 'd'), bool('interactive', 'i'), bool('tty', 't'), list('env', 'e'), list('env-file'),
      str('workdir', 'w'), str('user', 'u'), bool('privileged'), str('detach-keys')], 2, undefined, true),
  docker(['logs'], 'docker logs [OPTIONS] CONTAINER',
    [bool('follow', 'f'), str('tail', 'n'), bool('timestamps', 't'), str('since'), str('until'), bool('details')], 1, 1),
  docker(['port'], 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]', [], 1, 2),
  docker(['ps'], 'docker ps [OPTIONS]',
    [bool('all', 'a'), bool('quiet', 'q'), str('format'), bool('no-trunc'), list('filter', 'f'),
      str('last', 'n'), bool('latest', 'l'), bool('size', 's')], 0, 0),
  docker(['inspect'], 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
    [str('format', 'f'), str('type'), bool('size', 's')], 1),
  // The management forms of inspect are commands of their own: one kind of object each.
  docker(['container', 'inspect'], 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]', [str('format', 'f'), bool('size', 's')], 1),
  docker(['image', 'inspect'], 'docker image inspect [OPTIONS] IMAGE [IMAGE...]', [str('format', 'f')], 1),
  docker(['top'], 'docker top CONTAINER [ps OPTIONS]', [], 1, undefined, true),
  docker(['network', 'create'], 'docker network create [OPTIONS] NETWORK', networkDriverFlags, 1, 1),
  docker(['network', 'rm'], 'docker network rm NETWORK [NETWORK...]', [], 1),
  docker(['network', 'ls'], 'docker network ls [OPTIONS]',
    [bool('quiet', 'q'), list('filter', 'f'), str('format'), bool('no-trunc')], 0, 0),
  docker(['network', 'inspect'], 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
    [str('format', 'f'), bool('verbose', 'v')], 1),
  docker(['network', 'connect'], 'docker network connect [OPTIONS] NETWORK CONTAINER',
    [list('alias'), str('ip'), str('ip6'), list('link'), list('link-local-ip'), list('driver-opt')], 2, 2),
  docker(['network', 'disconnect'], 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
    [bool('force', 'f')], 2, 2),
  docker(['network', 'prune'], 'docker network prune [OPTIONS]', [bool('force', 'f'), list('filter')], 0, 0),
  docker(['container', 'prune'], 'docker container prune [OPTIONS]', [bool('force', 'f'), list('filter')], 0, 0),
  docker(['build'], 'docker build [OPTIONS] PATH | URL | -',
    [list('tag', 't'), str('file', 'f'), list('build-arg'), bool('no-cache'), bool('pull'), bool('quiet', 'q'),
      bool('rm'), bool('force-rm'), list('label'), str('target'), str('network'), str('platform')], 1, 1),
  docker(['images'], 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
    [bool('all', 'a'), bool('quiet', 'q'), str('format'), bool('no-trunc'), list('filter', 'f'), bool('digests')], 0, 1),
  docker(['tag'], 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', [], 2, 2),
  docker(['history'], 'docker history [OPTIONS] IMAGE', [str('format'), bool('human', 'H'), bool('no-trunc'), bool('quiet', 'q')], 1, 1),
  docker(['rmi'], 'docker rmi [OPTIONS] IMAGE [IMAGE...]', [bool('force', 'f'), bool('no-prune')], 1),
  docker(['image', 'prune'], 'docker image prune [OPTIONS]', [bool('all', 'a'), list('filter'), bool('force', 'f')], 0, 0),
  docker(['pull'], 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]', [bool('all-tags', 'a'), bool('quiet', 'q'), str('platform')], 1, 1),
  docker(['volume', 'create'], 'docker volume create [OPTIONS] [VOLUME]',
    [str('driver', 'd'), list('opt', 'o'), list('label'), str('name')], 0, 1),
  docker(['volume', 'ls'], 'docker volume ls [OPTIONS]', [bool('quiet', 'q'), list('filter', 'f'), str('format')], 0, 0),
  docker(['volume', 'inspect'], 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]', [str('format', 'f')], 1),
  docker(['volume', 'rm'], 'docker volume rm [OPTIONS] VOLUME [VOLUME...]', [bool('force', 'f')], 1),
  docker(['volume', 'prune'], 'docker volume prune [OPTIONS]', [bool('force', 'f'), list('filter')], 0, 0),
  docker(['version'], 'docker version [OPTIONS]', [str('format', 'f')], 0, 0),
  docker(['info'], 'docker info [OPTIONS]', [str('format', 'f')], 0, 0),
  ...composeCommands.flatMap(({ name, usage, flags, min, max, stop }): CommandSpec[] => [
    { program: 'docker-compose', path: [name], usage: `docker-compose ${usage}`, flags, minArgs: min, maxArgs: max,
      stopAtFirstPositional: stop ?? false },
    { program: 'docker', path: ['compose', name], usage: `docker compose ${usage}`, flags, minArgs: min, maxArgs: max,
      stopAtFirstPositional: stop ?? false },
  ]),
];

/**
 * The management commands of the 20.10 client (`docker container …`, `docker image …`)
 * that are top-level commands under another name: same flags and arguments, their own
 * usage line. [management word, its verb, the top-level command].
 */
const MANAGEMENT: ReadonlyArray<[string, string, string]> = [
  ...['run', 'create', 'start', 'stop', 'restart', 'kill', 'rm', 'pause', 'unpause', 'wait', 'rename', 'exec', 'logs', 'port',
    'top'].map((verb): [string, string, string] => ['container', verb, verb]),
  ['container', 'ls', 'ps'], ['container', 'ps', 'ps'],
  ['image', 'ls', 'images'], ['image', 'build', 'build'], ['image', 'pull', 'pull'], ['image', 'tag', 'tag'], ['image', 'rm', 'rmi'], ['image', 'history', 'history'],
];

export const commands: readonly CommandSpec[] = [
  ...topLevel,
  ...MANAGEMENT.map(([group, verb, target]): CommandSpec => {
    const twin = topLevel.find((c) => c.program === 'docker' && c.path.join(' ') === target) as CommandSpec;
    return { ...twin, path: [group, verb], usage: twin.usage.replace(`docker ${target}`, `docker ${group} ${verb}`), dispatch: twin.path };
  }),
];

/** Subcommand names docker accepts as synonyms (cobra `Aliases`): `network list` = `network ls`. */
export const commandAliases: Readonly<Record<string, string>> = {
  list: 'ls',
  remove: 'rm',
};

/** The spec of `program path…`, or undefined. */
export function findCommand(program: 'docker' | 'docker-compose', path: readonly string[]): CommandSpec | undefined {
  const key = path.join(' ');
  return commands.find((c) => c.program === program && c.path.join(' ') === key);
}
