// `docker run` / `docker create`: flags → container configuration, with the client's
// and daemon's validations in Docker's order (FACTS 30–35, 49, 53–54, 61–62, 73, 77–79,
// 97–100): failures before creation leave nothing; failures at start leave it Created.
import type { CommandResult } from '../../backends/backend.js';
import { flagBool, flagKeyValues, flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { mergeEnv, type Attachment, type Container, type ContainerConfig, type LinkSpec, type NetMode } from '../container.js';
import type { Controller } from '../controller.js';
import * as E from '../errors.js';
import type { EngineError } from '../errors.js';
import { normaliseRef } from '../images/catalog.js';
import { isIPv4 } from '../ipam.js';
import { isIPv6 } from '../ipam6.js';
import { removeContainer, startContainer, type OneShotRunner } from '../lifecycle.js';
import { parseSignal } from '../signals.js';
import { goParseInt } from '../go-strconv.js';
import { clientHealthcheck, healthcheckDaemonError } from './healthcheck.js';
import type { PortRequestView, Proto } from '../model.js';
import { parseExpose, parsePortSpec } from '../ports.js';
import { done, runFailure } from './result.js';
import { nanoCpus, ramInBytes, runFlagError } from './run-flags.js';
import { cleanPath } from '../environment.js';
import { containerFiles } from '../volumes/filesystem.js';
import { mountInto, mountRequests } from '../volumes/mounts.js';

function parseEnv(inv: Invocation): string[] {
  return flagList(inv.flags, 'env').filter((e) => e.includes('='));
}


function parseMode(ctrl: Controller, value: string | undefined): { mode: NetMode } | { error: EngineError } {
  if (value === undefined || value === 'default') return { mode: { kind: 'bridge', explicit: false } };
  if (value === 'bridge') return { mode: { kind: 'bridge', explicit: true } };
  if (value === 'host') return { mode: { kind: 'host' } };
  if (value === 'none') return { mode: { kind: 'none' } };
  if (value === 'container' || value.startsWith('container:')) {
    const ref = value.slice('container:'.length);
    if (value === 'container' || ref === '') return { error: E.ErrInvalidNetworkMode() };
    // Stored as the full ID (FACT 76); an unknown name fails at start (FACT 78).
    return { mode: { kind: 'container', targetId: ctrl.findContainer(ref)?.id ?? ref } };
  }
  return { mode: { kind: 'network', name: value } };
}

/**
 * Several --network flags. The 20.10 client checks each name once and refuses a mix of
 * user-defined and predefined modes (bridge, default, host, none, container:…); the
 * daemon (API < 1.44) then refuses any second endpoint. The daemon lists the names from
 * a Go map (random order); the simulator keeps the flags' order.
 */
function checkNetworkFlags(names: string[]): EngineError | null {
  if (names.length < 2) return null;
  const isUserDefined = (n: string): boolean =>
    !['default', 'bridge', 'host', 'none'].includes(n) && n !== 'container' && !n.startsWith('container:');
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return E.ErrNetworkGivenTwice(n);
    seen.add(n);
  }
  if (names.some(isUserDefined) && !names.every(isUserDefined)) return E.ErrMixedNetworkModes();
  return E.ErrSeveralEndpoints(names);
}

/** docker's NetworkMode.IsUserDefined: not default, bridge, host, none, nor container:X
 *  (a bare `container`, without the colon, counts as a network name). */
function isUserDefinedMode(n: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(n) && !n.startsWith('container:');
}

/** Builds the configuration, or the error that stops `docker run` before anything exists. */
function configure(ctrl: Controller, inv: Invocation, warnings: string[]): { config: ContainerConfig; attachments: Attachment[] } | { error: EngineError } {
  // slice, not a rest pattern: the rest array is grown element by element (room for 17),
  // and the container keeps it as its command.
  const imageRef = inv.args[0];
  const cmd = inv.args.slice(1);
  const f = inv.flags;
  const parsed = parseMode(ctrl, flagString(f, 'network'));
  const ip = flagString(f, 'ip') ?? null;
  if (ip !== null && !isIPv4(ip)) return { error: E.ErrInvalidIPv4(ip) };
  const ip6 = flagString(f, 'ip6') ?? null;
  if (ip6 !== null && !isIPv6(ip6)) return { error: E.ErrInvalidIPv6(ip6) };
  const aliases = flagList(f, 'network-alias');
  const ports: PortRequestView[] = [];
  for (const spec of flagList(f, 'publish')) {
    const p = parsePortSpec(spec);
    if (!p.ok) return { error: p.error };
    ports.push(...p.value);
  }
  const expose: Array<{ port: number; proto: Proto }> = [];
  for (const spec of flagList(f, 'expose')) {
    const e = parseExpose(spec);
    if (!e.ok) return { error: e.error };
    expose.push(...e.value);
  }
  // The client parses ports and exposes before the networks.
  const several = checkNetworkFlags(flagList(f, 'network'));
  if (several) return { error: several };
  const hostname = flagString(f, 'hostname') ?? null;
  const dns = flagList(f, 'dns');
  const mac = flagString(f, 'mac-address') ?? null;
  const extraHosts = flagList(f, 'add-host');
  const links = flagList(f, 'link');
  const publishAll = flagBool(f, 'publish-all');
  // The client (docker/cli parseNetworkAttachmentOpt) puts --network-alias and --link on
  // the first --network's endpoint settings and refuses them, aliases first, when that
  // network is not user-defined: bridge, default, host, none, container:X. Without any
  // --network flag there is no endpoint setting, so both pass (the default bridge takes
  // legacy links; FACT 49). Real 20.10: `--net bridge --link db:x` and `--net default
  // --link db:x` are refused like `--net host --link`.
  const firstNet = flagList(f, 'network')[0];
  if (firstNet !== undefined && !isUserDefinedMode(firstNet)) {
    if (aliases.length > 0) return { error: E.ErrAliasOnDefault() };
    if (links.length > 0) return { error: E.ErrLinksOnlyUserDefined() };
  }
  for (const d of dns) if (d.startsWith('127.')) warnings.push(`WARNING: Localhost DNS setting (--dns=${d}) may fail in containers.\n`);
  if ('error' in parsed) return parsed;
  const health = clientHealthcheck(inv);
  if ('error' in health) return health;
  const mode = parsed.mode;
  // The daemon's validateNetContainerMode (runconfig/hostconfig_unix.go), in its order:
  // hostname, links, dns, extra hosts, mac (container or host), ports, expose.
  if (mode.kind === 'container') {
    if (hostname !== null) return { error: E.ErrConflictingOptions('hostname and the network mode') };
    if (dns.length > 0) return { error: E.ErrConflictingOptions('dns and the network mode') };
    if (extraHosts.length > 0) return { error: E.ErrConflictingOptions('custom host-to-IP mapping and the network mode') };
  }
  if ((mode.kind === 'container' || mode.kind === 'host') && mac !== null) return { error: E.ErrConflictingOptions('mac-address and the network mode') };
  if (mode.kind === 'container') {
    if (ports.length > 0 || publishAll) return { error: E.ErrConflictingOptions('port publishing and the container type network mode') };
    if (expose.length > 0) return { error: E.ErrConflictingOptions('port exposing and the container type network mode') };
  }
  if (mode.kind === 'host' && ports.length > 0) warnings.push('WARNING: Published ports are discarded when using host network mode\n');
  // On a user network the client moves --link into the endpoint's settings, and the
  // daemon registers no legacy link (registerLinks skips user networks): no check here.
  const linkSpecs: LinkSpec[] = [];
  for (const l of mode.kind === 'network' ? [] : links) {
    const [target, alias = target] = l.split(':');
    const found = ctrl.findContainer(target);
    if (!found) return { error: E.ErrLinkNoContainer(target) };
    let c: Container = found;
    // daemon registerLinks: a target in container: mode stands for the container whose
    // namespace it shares (the link, its hosts line and variables are that one's); a
    // target in host mode is refused.
    while (c.config.mode.kind === 'container') {
      const ref: string = c.config.mode.targetId;
      const next: Container | undefined = ctrl.containerById(ref) ?? ctrl.findContainer(ref);
      if (!next) return { error: E.ErrLinkNoContainer(ref, 'Could') };
      c = next;
    }
    if (c.config.mode.kind === 'host') return { error: E.ErrConflictingOptions("host type networking can't be used with links. This would result in undefined behavior") };
    linkSpecs.push({ targetId: c.id, alias });
  }
  // The daemon's validateContainerConfig takes the working directory first; an empty -w
  // is the image's.
  const workdirFlag = flagString(f, 'workdir') || undefined;
  if (workdirFlag !== undefined && !workdirFlag.startsWith('/')) return { error: E.ErrRelativeWorkdir(workdirFlag) };
  const restartError = restartPolicyError(flagString(f, 'restart') ?? '', flagBool(f, 'rm'));
  if (restartError) return { error: restartError };
  // The daemon parses the stop signal at create (signal.ParseSignal).
  const stopSignal = flagString(f, 'stop-signal');
  if (stopSignal !== undefined && stopSignal !== '' && parseSignal(stopSignal) === null) return { error: E.ErrInvalidSignal(stopSignal) };
  const healthError = healthcheckDaemonError(health.health);
  if (healthError) return { error: healthError };
  const stopTimeout = flagString(f, 'stop-timeout');
  const memory = ramInBytes(flagString(f, 'memory') ?? '0') ?? 0;
  // daemon verifyPlatformContainerResources (Linux).
  if (memory !== 0 && memory < 6 * 2 ** 20) return { error: { kind: 'invalid', daemon: true, message: 'Minimum memory limit allowed is 6MB' } };
  // --memory-swap: -1 is unlimited; a limit must not be under -m, and needs one.
  const swapFlag = flagString(f, 'memory-swap');
  const swap = swapFlag === undefined ? undefined : swapFlag === '-1' ? -1 : ramInBytes(swapFlag) ?? 0;
  if (swap !== undefined && memory > 0 && swap > 0 && swap < memory) return { error: { kind: 'invalid', daemon: true, message: 'Minimum memoryswap limit should be larger than memory limit, see usage' } };
  if (swap !== undefined && memory === 0 && swap > 0) return { error: { kind: 'invalid', daemon: true, message: 'You should always set the Memory limit when using Memoryswap limit, see usage' } };
  const nano = nanoCpus(flagString(f, 'cpus') ?? '0');
  // A name or an image ID, full or short (`docker run $(docker images -q web)`).
  const local = ctrl.images.lookup(imageRef);
  const image = local?.spec;
  const exposed = [...expose];
  for (const e of image?.expose ?? []) {
    const [port, proto] = e.split('/');
    if (!exposed.some((x) => x.port === Number(port) && x.proto === proto)) exposed.push({ port: Number(port), proto: proto as Proto });
  }
  for (const p of ports) if (!exposed.some((x) => x.port === p.containerPort && x.proto === p.proto)) exposed.push({ port: p.containerPort, proto: p.proto });
  if (publishAll) {
    for (const e of exposed) {
      if (!ports.some((p) => p.containerPort === e.port && p.proto === e.proto)) ports.push({ containerPort: e.port, proto: e.proto, hostIp: '', hostPort: '' });
    }
  }
  const entrypointFlag = flagString(f, 'entrypoint');
  const config: ContainerConfig = {
    imageRef, image: image ?? null, imageId: local?.id,
    cmd: cmd.length > 0 ? cmd : entrypointFlag !== undefined ? [] : (image?.cmd ?? []),
    entrypoint: entrypointFlag !== undefined ? (entrypointFlag === '' ? [] : [entrypointFlag]) : (image?.entrypoint ?? []),
    env: mergeEnv(image?.env ?? [], parseEnv(inv)), 
    // The daemon fills what the container leaves unset from the image: its labels (the
    // container's win), its user.
    labels: { ...image?.labels, ...flagKeyValues(f, 'label') },
    // Cleaned as SetupWorkingDirectory cleans it (`/x/../y/` is `/y`).
    workdir: workdirFlag !== undefined ? cleanPath(workdirFlag) : image?.workdir ?? '', user: flagString(f, 'user') ?? image?.user ?? '',
    tty: flagBool(f, 'tty'), openStdin: flagBool(f, 'interactive'), autoRemove: flagBool(f, 'rm'), publishAll,
    restart: flagString(f, 'restart') ?? 'no', hostname, domainname: flagString(f, 'domainname') ?? '',
    extraHosts, dns, dnsSearch: flagList(f, 'dns-search'), dnsOptions: flagList(f, 'dns-option'), mode, portRequests: mode.kind === 'host' ? [] : ports, exposed, links: linkSpecs, macAddress: mac,
    ...(f.has('sysctl') ? { sysctls: flagKeyValues(f, 'sysctl') } : {}),
    ...(stopSignal ? { stopSignal } : {}),
    ...(f.has('init') ? { init: flagBool(f, 'init') } : {}),
    ...(memory ? { memory } : {}),
    // The daemon keeps a swap limit as given (0 becomes twice -m in inspect), drops a
    // pids limit of 0 or less (nil: unlimited), and keeps -c as it came.
    ...(swap ? { memorySwap: swap } : {}),
    ...(intValue(f, 'cpu-shares') ? { cpuShares: intValue(f, 'cpu-shares') } : {}),
    ...(intValue(f, 'pids-limit') > 0 ? { pidsLimit: intValue(f, 'pids-limit') } : {}),
    ...(flagBool(f, 'oom-kill-disable') ? { oomKillDisable: true } : {}),
    ...(health.health ? { healthcheck: health.health } : {}),
    ...(typeof nano === 'number' && nano !== 0 ? { nanoCpus: nano } : {}),
    // The client sets StopTimeout only when the flag was given (flags.Changed).
    ...(stopTimeout !== undefined ? { stopTimeout: Number(stopTimeout) } : {}),
  };
  // daemon mergeAndVerifyConfig: `--entrypoint ""` resets the entrypoint and drops the
  // image's Cmd; with no command given nothing is left to run.
  if (image && config.entrypoint.length === 0 && config.cmd.length === 0) return { error: E.ErrNoCommand() };
  // One attachment at most, as a literal: an array grown by push keeps room for 17, and
  // the container keeps this one for its life.
  let attachments: Attachment[] = [];
  const attach = (networkId: string, requestedIp: string | null, requestedIp6: string | null, al: string[]): void => {
    attachments = [{ networkId, aliases: al, requestedIp, ...(requestedIp6 !== null ? { requestedIp6 } : {}), viaConnect: false, endpoint: null,
      ...(mode.kind === 'network' && links.length > 0 ? { links } : {}) }];
  };
  // --ip, --ip6 and --net-alias on the implicit default bridge are ignored by the 20.10 client (FACTS 30, 49).
  if (mode.kind === 'bridge') attach(ctrl.defaultBridge.id, mode.explicit ? ip : null, mode.explicit ? ip6 : null, []);
  else if (mode.kind === 'host') attach(ctrl.hostNetwork.id, null, null, []);
  else if (mode.kind === 'none') attach(ctrl.noneNetwork.id, null, null, []);
  else if (mode.kind === 'network') attach(ctrl.findNetwork(mode.name)?.id ?? mode.name, ip, ip6, aliases);
  return { config, attachments };
}

export function runOrCreate(ctrl: Controller, inv: Invocation, verb: 'run' | 'create', runOneShot: OneShotRunner): CommandResult {
  const flagError = runFlagError(inv, verb);
  if (flagError) return flagError;
  // docker/cli runContainer, before it creates anything: a plain error (exit 1).
  if (verb === 'run' && flagBool(inv.flags, 'detach') && inv.flags.has('attach')) return done('', 'Conflicting options: -a and -d\n', 1);
  const warnings: string[] = [];
  const built = configure(ctrl, inv, warnings);
  if ('error' in built) return runFailure(verb, built.error, '', warnings.join(''));
  const ref = inv.args[0];
  if (!built.config.image) {
    const text = `Unable to find image '${normaliseRef(ref)}' locally\n`;
    return runFailure(verb, E.ErrRegistryUnreachable(), '', warnings.join('') + text);
  }
  const mounts = mountRequests(ctrl, { volumes: flagList(inv.flags, 'volume'), mounts: flagList(inv.flags, 'mount'),
    volumesFrom: flagList(inv.flags, 'volumes-from') });
  if (!mounts.ok) return runFailure(verb, mounts.error, '', warnings.join(''));
  const created = ctrl.createContainer(flagString(inv.flags, 'name') ?? null, built.config, built.attachments);
  if (!created.ok) return runFailure(verb, created.error, '', warnings.join(''));
  const c = created.value;
  // SetupWorkingDirectory makes the folder in the image's tree before the mounts; a file
  // in the way fails the create, which takes the container away again.
  if (c.config.workdir !== '' && containerFiles(ctrl, c).list?.(c.config.workdir).kind === 'file') {
    removeContainer(ctrl, c, true);
    return runFailure(verb, E.ErrWorkdirNotDir(c.config.workdir), '', warnings.join(''));
  }
  mountInto(ctrl, c, mounts.value);
  const detached = flagBool(inv.flags, 'detach');
  if (verb === 'create') return done(`${c.id}\n`, warnings.join(''));
  const started = startContainer(ctrl, c, runOneShot);
  if (!started.ok) {
    // docker/cli runRun reports a ContainerStart error without the help hint
    // (reportError(..., withHelp=false)); attached, the cancelled wait logs a line after it.
    const waitLine = detached ? '' : `time="${new Date(ctrl.clock.nowMs()).toISOString().slice(0, 19)}Z" level=error msg="error waiting for container: context canceled"\n`;
    const failed = runFailure('run', started.error, detached ? `${c.id}\n` : '', warnings.join(''), false);
    return { ...failed, stderr: failed.stderr + waitLine, exitCode: startExitCode(started.error.message) };
  }
  if (detached) return done(`${c.id}\n`, warnings.join(''));
  // Attached: the container's output; a service keeps running (the simulator does not block).
  return done(c.output('stdout'), warnings.join('') + c.output('stderr'), c.running ? 0 : c.exitCode);
}

/** An int flag's value (runFlagError refused a bad one already); 0 when not given. */
function intValue(f: ReadonlyMap<string, readonly string[]>, name: string): number {
  const n = goParseInt(flagString(f, name) ?? '0');
  return typeof n === 'number' ? n : 0;
}

/** docker/cli runStartContainerErr: the exit status of `docker run` whose start failed. */
function startExitCode(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  return message.includes('permission denied') ? 126 : 125;
}

/**
 * --restart as the client parses it (opts.ParseRestartPolicy, the --rm conflict) and the
 * daemon checks it (validateRestartPolicy): `no`, `always`, `unless-stopped`, or
 * `on-failure[:N]`, and only on-failure takes a count.
 */
function restartPolicyError(policy: string, autoRemove: boolean): EngineError | null {
  if (policy === '') return null;
  const parts = policy.split(':');
  const client = (message: string): EngineError => ({ kind: 'invalid', daemon: false, message });
  const daemon = (message: string): EngineError => ({ kind: 'invalid', daemon: true, message });
  if (parts.length > 2) return client('invalid restart policy format');
  if (parts.length === 2 && !/^[+-]?\d+$/.test(parts[1]!)) return client('maximum retry count must be an integer');
  const [name = '', count = '0'] = parts;
  if (autoRemove && name !== 'no') return client('Conflicting options: --restart and --rm');
  if (['always', 'unless-stopped', 'no'].includes(name)) return Number(count) !== 0 ? daemon(`maximum retry count cannot be used with restart policy '${name}'`) : null;
  if (name === 'on-failure') return Number(count) < 0 ? daemon('maximum retry count cannot be negative') : null;
  return name === '' ? null : daemon(`invalid restart policy '${name}'`);
}
