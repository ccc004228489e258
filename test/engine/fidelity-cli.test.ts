// The client's typed flags and the daemon's checks of stop, restart, ps, kill, exec and
// run values, as a real 20.10 engine printed them (scenarios/lifecycle.dnet).
import { describe, it } from 'vitest';
import { expectRow, type EngineRow } from './helpers.js';

const S = 'busybox sleep 3600';
const help = (verb: string): string => `See 'docker ${verb} --help'.\n`;
const pflag = (value: string, flag: string, why: string, verb: string): string => `invalid argument "${value}" for "${flag}" flag: ${why}\n${help(verb)}`;

const intFlags: EngineRow[] = [
  { name: 'stop -t abc', setup: [`run -d --name c1 ${S}`], cmd: 'stop -t abc c1', exitCode: 125, stdout: '',
    stderr: pflag('abc', '-t, --time', 'strconv.ParseInt: parsing "abc": invalid syntax', 'stop') },
  { name: 'restart -t x', setup: [`run -d --name c1 ${S}`], cmd: 'restart -t x c1', exitCode: 125,
    stderr: pflag('x', '-t, --time', 'strconv.ParseInt: parsing "x": invalid syntax', 'restart') },
  { name: 'stop --time= past int64', setup: [], cmd: 'stop --time=99999999999999999999 c1', exitCode: 125,
    stderr: pflag('99999999999999999999', '-t, --time', 'strconv.ParseInt: parsing "99999999999999999999": value out of range', 'stop') },
  { name: 'stop -t 08 (octal in base 0)', setup: [], cmd: 'stop -t 08 c1', exitCode: 125,
    stderr: pflag('08', '-t, --time', 'strconv.ParseInt: parsing "08": invalid syntax', 'stop') },
  { name: 'stop -t 0x0 is a number', setup: [`run -d --name c1 ${S}`], cmd: 'stop -t 0x0 c1', exitCode: 0, stdout: 'c1\n' },
  { name: 'stop -t -1 of a stopped container returns', setup: [`create --name c1 ${S}`], cmd: 'stop -t -1 c1', exitCode: 0, stdout: 'c1\n' },
  { name: 'stop -t -1 of a running one would never return', setup: [`run -d --name c1 ${S}`], cmd: 'stop -t -1 c1', exitCode: 1, stderr: /never return; not simulated/ },
  { name: 'stop -t of a missing container reaches the daemon', setup: [], cmd: 'stop -t 1_0 nosuch', exitCode: 1,
    stderr: 'Error response from daemon: No such container: nosuch\n' },
  { name: 'ps -n past int64', setup: [], cmd: 'ps -n 99999999999999999999', exitCode: 125,
    stderr: pflag('99999999999999999999', '-n, --last', 'strconv.ParseInt: parsing "99999999999999999999": value out of range', 'ps') },
  { name: 'ps -n 0b1 is one', setup: [`run -d --name c1 ${S}`, `run -d --name c2 ${S}`], cmd: "ps -n 0b1 --format '{{.Names}}'", stdout: 'c2\n' },
  { name: 'ps -n -5 lists all', setup: [`run -d --name c1 ${S}`, `run -d --name c2 ${S}`], cmd: "ps -n -5 --format '{{.Names}}'", stdout: 'c2\nc1\n' },
];

const kills: [string, string][] = [
  ['0', 'Error response from daemon: Invalid signal: 0\n'],
  ['0x9', 'Error response from daemon: Invalid signal: 0x9\n'],
  ['99999999999999999999', 'Error response from daemon: Invalid signal: 99999999999999999999\n'],
  ['18446744073709551615', 'Error response from daemon: Invalid signal: 18446744073709551615\n'],
  ['65', 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 65\n'],
  ['-1', 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 18446744073709551615\n'],
  ['-9223372036854775808', 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 9223372036854775808\n'],
  ['9223372036854775807', 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 9223372036854775807\n'],
  ['4294967311', 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 4294967311\n'],
];

const RUNC = 'OCI runtime exec failed: exec failed: ';
const workdirs: EngineRow[] = [
  { name: 'run -w relative', setup: [], cmd: 'run --rm -w relative busybox pwd', exitCode: 125,
    stderr: `docker: Error response from daemon: the working directory 'relative' is invalid, it needs to be an absolute path.\n${help('run')}` },
  { name: 'create -w relative, as the daemon said it', setup: [], cmd: 'create -w ./x busybox', exitCode: 1,
    stderr: "Error response from daemon: the working directory './x' is invalid, it needs to be an absolute path\n" },
  { name: 'run -w onto a file', setup: [], cmd: 'run --name wf -w /etc/passwd busybox pwd', exitCode: 125,
    stderr: `docker: Error response from daemon: Cannot mkdir: /etc/passwd is not a directory.\n${help('run')}` },
  { name: 'that run leaves no container', setup: ['!run --name wf -w /etc/passwd busybox pwd'], cmd: 'ps -aq', stdout: '' },
  { name: 'run -w "" is the image\'s', setup: [], cmd: "run --rm -w '' busybox pwd", stdout: '/\n' },
  { name: 'WorkingDir is cleaned', setup: [`run -d --name wd -w /x/../made/ ${S}`], cmd: "inspect -f '{{.Config.WorkingDir}}' wd", stdout: '/made\n' },
  { name: 'the daemon made it', setup: [`run -d --name wd -w /made ${S}`], cmd: 'exec -w /made wd pwd', stdout: '/made\n' },
  { name: 'exec -w is where chdir went', setup: [`run -d --name wd ${S}`], cmd: 'exec -w /etc/../tmp/ wd pwd', stdout: '/tmp\n' },
  { name: 'exec -w missing', setup: [`run -d --name wd ${S}`], cmd: 'exec -w /nonexist wd pwd', exitCode: 126, stderr: '',
    stdout: `${RUNC}unable to start container process: chdir to cwd ("/nonexist") set in config.json failed: no such file or directory: unknown\r\n` },
  { name: 'exec -w relative', setup: [`run -d --name wd ${S}`], cmd: 'exec -w relative wd pwd', exitCode: 126, stdout: `${RUNC}Cwd must be an absolute path: unknown\r\n` },
  { name: 'exec -w a file', setup: [`run -d --name wd ${S}`], cmd: 'exec -w /etc/passwd wd pwd', exitCode: 126,
    stdout: /chdir to cwd \("\/etc\/passwd"\) set in config.json failed: not a directory: unknown: Are you trying to mount a directory onto a file \(or vice-versa\)\? Check if the specified host path exists and is the expected type\r\n$/ },
  { name: 'exec -w before -u', setup: [`run -d --name wd ${S}`], cmd: 'exec -w /nonexist -u nobody2 wd pwd', exitCode: 126, stdout: /chdir to cwd/ },
];

const resources: EngineRow[] = [
  { name: '-c abc', setup: [], cmd: 'run --rm -c abc busybox true', exitCode: 125, stderr: pflag('abc', '-c, --cpu-shares', 'strconv.ParseInt: parsing "abc": invalid syntax', 'run') },
  { name: '--memory-swap -2', setup: [], cmd: 'create -m 64m --memory-swap -2 busybox', exitCode: 125, stderr: pflag('-2', '--memory-swap', "invalid size: '-2'", 'create') },
  { name: 'a swap under -m', setup: [], cmd: 'run --rm -m 64m --memory-swap 32m busybox true', exitCode: 125,
    stderr: `docker: Error response from daemon: Minimum memoryswap limit should be larger than memory limit, see usage.\n${help('run')}` },
  { name: 'a swap without -m', setup: [], cmd: 'create --memory-swap 64m busybox', exitCode: 1,
    stderr: 'Error response from daemon: You should always set the Memory limit when using Memoryswap limit, see usage\n' },
  { name: '--pids-limit abc', setup: [], cmd: 'run --rm --pids-limit abc busybox true', exitCode: 125, stderr: pflag('abc', '--pids-limit', 'strconv.ParseInt: parsing "abc": invalid syntax', 'run') },
  { name: 'a bool flag takes ParseBool\'s spellings', setup: [], cmd: 'run --rm --oom-kill-disable=maybe busybox true', exitCode: 125,
    stderr: pflag('maybe', '--oom-kill-disable', 'strconv.ParseBool: parsing "maybe": invalid syntax', 'run') },
  { name: '-c 1 fails the start', setup: [], cmd: 'run -d --name cs -c 1 busybox true', exitCode: 125,
    stderr: /^docker: Error response from daemon: failed to create shim task: .*the minimum allowed cpu-shares is 2: unknown\.\n$/ },
  { name: 'and leaves it Created', setup: ['!run -d --name cs -c -1 busybox true'], cmd: "ps -a --format '{{.Names}} {{.Status}}'", stdout: 'cs Created\n' },
  { name: 'inspect of the resources', setup: ['create --name r1 -c 512 --memory-swap -1 -m 64m --pids-limit -5 --oom-kill-disable busybox', 'create --name r2 --pids-limit 0x10 -m 64m busybox'],
    cmd: "inspect -f '{{.HostConfig.CpuShares}} {{.HostConfig.MemorySwap}} {{json .HostConfig.PidsLimit}} {{.HostConfig.OomKillDisable}}' r1 r2", stdout: '512 -1 null true\n0 134217728 16 false\n' },
];

const health: EngineRow[] = [
  { name: '--health-interval x', setup: [], cmd: 'run --rm --health-interval x busybox true', exitCode: 125, stderr: pflag('x', '--health-interval', 'time: invalid duration "x"', 'run') },
  { name: '--health-start-period 1', setup: [], cmd: 'run --rm --health-start-period 1 busybox true', exitCode: 125,
    stderr: pflag('1', '--health-start-period', 'time: missing unit in duration "1"', 'run') },
  { name: 'a negative interval, the client', setup: [], cmd: 'run --rm --health-interval -1s busybox true', exitCode: 125, stderr: `docker: --health-interval cannot be negative.\n${help('run')}` },
  { name: 'negative retries, create too', setup: [], cmd: 'create --health-retries -1 busybox', exitCode: 125, stderr: `docker: --health-retries cannot be negative.\n${help('create')}` },
  { name: '--no-healthcheck with a setting', setup: [], cmd: 'run --rm --no-healthcheck --health-cmd true busybox true', exitCode: 125,
    stderr: `docker: --no-healthcheck conflicts with --health-* options.\n${help('run')}` },
  { name: '--health-retries 0 is no setting', setup: [], cmd: 'run --rm --no-healthcheck --health-retries 0 busybox true', exitCode: 0 },
  { name: 'under 1ms, the daemon', setup: [], cmd: 'create --health-timeout 0.5ms busybox', exitCode: 1, stderr: 'Error response from daemon: Timeout in Healthcheck cannot be less than 1ms\n' },
  { name: 'Healthcheck keeps what was set', setup: [`run -d --name h1 --health-cmd true --health-interval 2s --health-timeout 1m30s ${S}`], cmd: "inspect -f '{{json .Config}}' h1",
    stdout: /"Healthcheck":\{"Test":\["CMD-SHELL","true"\],"Interval":2000000000,"Timeout":90000000000\},/ },
  { name: '--no-healthcheck is NONE', setup: [`run -d --name h1 --no-healthcheck ${S}`], cmd: "inspect -f '{{json .Config}}' h1", stdout: /"Healthcheck":\{"Test":\["NONE"\]\},/ },
];

describe('resource flags as the client types them and the daemon checks them', () => {
  it.each(resources)('$name', expectRow);
});

describe('healthcheck flags as the client and the daemon check them', () => {
  it.each(health)('$name', expectRow);
});

describe('working directories as the daemon and runc take them', () => {
  it.each(workdirs)('$name', expectRow);
});

describe('int flags as pflag parses them (strconv.ParseInt base 0)', () => {
  it.each(intFlags)('$name', expectRow);
});

describe('kill -s numbers as signal.ParseSignal reads them', () => {
  it.each(kills)('kill -s %s', (signal, stderr) => expectRow({ name: signal, setup: [`run -d --name k1 ${S}`], cmd: `kill -s ${signal} k1`, exitCode: 1, stdout: '', stderr }));
});
