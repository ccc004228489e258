// Values the docker client's flag types refuse while parsing `docker run|create` (pflag
// Set errors: `invalid argument "V" for "--flag" flag: …`, no "docker: " prefix, exit
// 125), and the MAC check of its parse(). They come before anything reaches the daemon.
import ipaddr from 'ipaddr.js';
import type { CommandResult } from '../../backends/backend.js';
import { flagList, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import { isIPv4 } from '../ipam.js';
import { goParseBool } from '../go-strconv.js';
import { goParseDuration } from '../go-time.js';
import { flagValueFailure, intFlag } from './flag-values.js';
import { done } from './result.js';

/** Go's net.ParseIP (after opts.ValidateIPAddress's TrimSpace). */
function goParseIP(text: string): boolean {
  const t = text.trim();
  return isIPv4(t) || (t.includes(':') && ipaddr.IPv6.isValid(t));
}

/** opts.ValidateExtraHost: NAME:IP split at the first ':'; "host-gateway" is not checked. */
function extraHostError(value: string): string | null {
  const colon = value.indexOf(':');
  if (colon <= 0) return `bad format for add-host: ${JSON.stringify(value)}`;
  const ip = value.slice(colon + 1);
  if (ip !== 'host-gateway' && !goParseIP(ip)) return `invalid IP address in add-host: ${JSON.stringify(ip)}`;
  return null;
}

/** opts.ValidateSysctl: KEY=VALUE, the key a namespaced one (IPC's kernel.* list, fs.mqueue.*, net.*). */
function sysctlError(value: string): string | null {
  const KERNEL = ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'];
  const eq = value.indexOf('=');
  if (eq < 1) return `sysctl '${value}' is not whitelisted`;
  const key = value.slice(0, eq);
  return KERNEL.includes(key) || key.startsWith('fs.mqueue.') || key.startsWith('net.') ? null : `sysctl '${value}' is not whitelisted`;
}

/** net.ParseMAC: 6 (or 8, 20) bytes as xx:xx:…, xx-xx-… or xxxx.xxxx.xxxx. */
function goParseMAC(text: string): boolean {
  const groups = (sep: string): boolean => {
    const parts = text.split(sep);
    return [6, 8, 20].includes(parts.length) && parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p));
  };
  const dotted = (): boolean => {
    const parts = text.split('.');
    return [3, 4, 10].includes(parts.length) && parts.every((p) => /^[0-9a-fA-F]{4}$/.test(p));
  };
  return groups(':') || groups('-') || dotted();
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/** go-units RAMInBytes (opts.MemBytes): `64m`, `1.5g`, `512 KiB`, binary units. */
export function ramInBytes(value: string): number | null {
  const m = value.match(/^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/);
  return m ? Math.trunc(Number.parseFloat(m[1]!) * SIZE_UNITS[(m[2] ?? '').toLowerCase()]!) : null;
}

/** opts.NanoCPUs: a big.Rat (`0.5`, `1/2`, `2e-1`) times 10^9, which must be whole. */
export function nanoCpus(value: string): number | 'unparsable' | 'too precise' {
  const ratio = value.match(/^([+-]?\d+)\/(\d+)$/);
  const n = ratio ? (Number(ratio[2]) === 0 ? NaN : Number(ratio[1]) / Number(ratio[2]))
    : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n)) return 'unparsable';
  const nano = n * 1e9;
  return Math.abs(nano - Math.round(nano)) > 1e-6 ? 'too precise' : Math.round(nano);
}

export function runFlagError(inv: Invocation, verb: 'run' | 'create'): CommandResult | null {
  const invalid = (value: string, flag: string, why: string): CommandResult => flagValueFailure(verb, value, flag, why);
  // Typed values (pflag Set): an int, byte sizes, a CPU count, the attach streams.
  const stopTimeout = intFlag(inv, 'stop-timeout', verb);
  if (typeof stopTimeout === 'object') return stopTimeout;
  for (const [flag, label] of [['memory', 'm,memory'], ['memory-reservation', 'memory-reservation'], ['shm-size', 'shm-size']]) {
    const v = flagString(inv.flags, flag!);
    if (v !== undefined && ramInBytes(v) === null) return invalid(v, label!, `invalid size: '${v}'`);
  }
  // Bool flags take Go's spellings only (`--rm=maybe` is refused; `--init=f` is false).
  for (const spec of inv.spec.flags) {
    if (spec.kind !== 'bool') continue;
    for (const v of inv.flags.get(spec.name) ?? []) {
      const b = goParseBool(v);
      if (typeof b === 'string') return invalid(v, spec.short ? `${spec.short},${spec.name}` : spec.name, b);
    }
  }
  // opts.MemSwapBytes: -1 (unlimited) or a size.
  const swap = flagString(inv.flags, 'memory-swap');
  if (swap !== undefined && swap !== '-1' && ramInBytes(swap) === null) return invalid(swap, 'memory-swap', `invalid size: '${swap}'`);
  for (const label of ['c,cpu-shares', 'pids-limit', 'health-retries']) {
    const n = intFlag(inv, label, verb);
    if (typeof n === 'object') return n;
  }
  for (const flag of ['health-interval', 'health-timeout', 'health-start-period']) {
    const v = flagString(inv.flags, flag);
    const d = v === undefined ? 0n : goParseDuration(v);
    if (v !== undefined && typeof d === 'string') return invalid(v, flag, d);
  }
  const cpus = flagString(inv.flags, 'cpus');
  const nano = cpus === undefined ? 0 : nanoCpus(cpus);
  if (cpus !== undefined && nano === 'unparsable') return invalid(cpus, 'cpus', `failed to parse ${cpus} as a rational number`);
  if (cpus !== undefined && nano === 'too precise') return invalid(cpus, 'cpus', 'value is too precise');
  for (const v of flagList(inv.flags, 'attach')) {
    if (!['stdin', 'stdout', 'stderr'].includes(v.toLowerCase())) return invalid(v, 'a,attach', 'valid streams are STDIN, STDOUT and STDERR');
  }
  // pflag reports the first bad value of the command line; flags are checked per flag
  // here, which agrees when only one flag is wrong.
  for (const v of flagList(inv.flags, 'add-host')) {
    const why = extraHostError(v);
    if (why) return invalid(v, 'add-host', why);
  }
  for (const v of flagList(inv.flags, 'dns')) if (!goParseIP(v)) return invalid(v, 'dns', `${v} is not an ip address`);
  for (const v of flagList(inv.flags, 'sysctl')) {
    const why = sysctlError(v);
    if (why) return invalid(v, 'sysctl', why);
  }
  const mac = flagString(inv.flags, 'mac-address');
  if (mac !== undefined && mac !== '' && !goParseMAC(mac)) return done('', `docker: ${mac} is not a valid mac address.\nSee 'docker ${verb} --help'.\n`, 125);
  return null;
}
