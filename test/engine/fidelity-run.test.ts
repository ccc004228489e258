// docker run/kill/exec behaviour checked on a real 20.10 engine (scenarios/lifecycle.dnet):
// each row is a setup, a command and what the engine printed; then the parsers' tables.
import { describe, expect, it } from 'vitest';
import { expectRow, type EngineRow } from './helpers.js';
import { nanoCpus, ramInBytes } from '../../src/engine/cli/run-flags.js';
import { goParseInt } from '../../src/engine/go-strconv.js';
import { asUint64, parseSignal, validForPlatform } from '../../src/engine/signals.js';

const S = 'busybox sleep 3600';

const rows: EngineRow[] = [
  { name: "sh -c 'exit 300' ends with 44", setup: [], cmd: "run --name ex busybox sh -c 'exit 300'", exitCode: 44, stdout: '', stderr: '' },
  { name: 'docker wait prints the exit code of a one-line script', setup: ["run -d --name ex busybox sh -c 'exit 5'"], cmd: 'wait ex', stdout: '5\n' },
  { name: 'a one-line script of a missing program is the shell\'s not found', setup: [], cmd: "run --name nf busybox sh -c 'nosuch'",
    exitCode: 127, stderr: 'sh: nosuch: not found\n' },
  { name: 'ps quotes an argument holding a space', setup: ["run -d --name ex busybox sh -c 'exit 5'"], cmd: "ps -a --format '{{.Command}}'",
    stdout: '"sh -c \'exit 5\'"\n' },
  { name: '--stop-signal is parsed by the daemon', setup: [], cmd: `run -d --stop-signal BOGUS ${S}`, exitCode: 125,
    stderr: "docker: Error response from daemon: Invalid signal: BOGUS.\nSee 'docker run --help'.\n" },
  { name: 'StopSignal and StopTimeout as given', setup: [`run -d --name sg --stop-signal usr1 --stop-timeout 3 ${S}`],
    cmd: "inspect -f '{{.Config.StopSignal}} {{.Config.StopTimeout}}' sg", stdout: 'usr1 3\n' },
  { name: 'StopTimeout unset is nil', setup: [`run -d --name sg ${S}`], cmd: "inspect -f '{{.Config.StopTimeout}}' sg", stdout: '<nil>\n' },
  { name: 'kill -s BOGUS, for each name, unwrapped', setup: [`run -d --name k1 ${S}`], cmd: 'kill -s BOGUS k1 nosuch', exitCode: 1,
    stderr: 'Error response from daemon: Invalid signal: BOGUS\nError response from daemon: Invalid signal: BOGUS\n' },
  { name: 'kill -s of a number Linux has no name for', setup: [`run -d --name k1 ${S}`], cmd: 'kill -s 99 k1', exitCode: 1,
    stderr: 'Error response from daemon: Cannot kill container: k1: The linux daemon does not support signal 99\n' },
  { name: 'kill -s TERM leaves a paused container with another stop signal paused', setup: [`run -d --name k1 --stop-signal USR1 ${S}`, 'pause k1', 'kill -s TERM k1'],
    cmd: "inspect -f '{{.State.Status}}' k1", stdout: 'paused\n' },
  { name: 'kill -s of the stop signal resumes it', setup: [`run -d --name k1 --stop-signal USR1 ${S}`, 'pause k1', 'kill -s SIGUSR1 k1'],
    cmd: "inspect -f '{{.State.Status}}' k1", stdout: 'running\n' },
  { name: '-a with -d', setup: [], cmd: 'run -d -a stdout busybox true', exitCode: 1, stderr: 'Conflicting options: -a and -d\n' },
  { name: '--stop-timeout is an int', setup: [], cmd: 'run --stop-timeout abc busybox true', exitCode: 125,
    stderr: 'invalid argument "abc" for "--stop-timeout" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'docker run --help\'.\n' },
  { name: '-m is a size', setup: [], cmd: 'create -m abc busybox', exitCode: 125,
    stderr: 'invalid argument "abc" for "-m, --memory" flag: invalid size: \'abc\'\nSee \'docker create --help\'.\n' },
  { name: '--cpus is a rational number', setup: [], cmd: 'run --cpus abc busybox true', exitCode: 125, stderr: /failed to parse abc as a rational number/ },
  { name: 'a memory limit under 6MB', setup: [], cmd: 'run -m 1m busybox true', exitCode: 125, stderr: /Minimum memory limit allowed is 6MB\./ },
  { name: '--entrypoint "" without a command', setup: [], cmd: "run --entrypoint '' busybox", exitCode: 125, stderr: /No command specified\./ },
  { name: 'Init, Memory, MemorySwap and NanoCpus', setup: [`create --name lim --init -m 64m --cpus 0.5 ${S}`],
    cmd: "inspect -f '{{.HostConfig.Init}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}}' lim", stdout: 'true 67108864 134217728 500000000\n' },
  { name: 'exec -e NAME without a value', setup: [`run -d --name e1 ${S}`], cmd: 'exec -e A=1 -e B e1 env',
    stdout: /^PATH=\S+\nHOSTNAME=[0-9a-f]{12}\nA=1\nHOME=\/root\n$/ },
];

describe('docker run, kill and exec as the 20.10 engine does them', () => {
  it.each(rows)('$name', expectRow);
});

describe('signal.ParseSignal', () => {
  it.each([
    ['KILL', 9n], ['sigterm', 15n], ['SIGUSR1', 10n], ['RTMIN+1', 35n], ['RTMAX-1', 63n], ['15', 15n], ['+15', 15n], ['99', 99n], ['0', null], ['BOGUS', null], ['', null],
    // strconv.Atoi: base 10 only, and exact to int64; past it the text is no name either.
    ['0x9', null], ['-1', -1n], ['9223372036854775807', 9223372036854775807n], ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775808', null], ['18446744073709551615', null], ['99999999999999999999', null],
  ] as const)('%s → %s', (raw, n) => expect(parseSignal(raw)).toBe(n));
  it.each([[9n, true], [32n, false], [64n, true], [65n, false], [99n, false], [-1n, false], [4294967311n, false]] as const)('valid on Linux: %s → %s', (n, v) => expect(validForPlatform(n)).toBe(v));
  it.each([[-1n, '18446744073709551615'], [-9223372036854775808n, '9223372036854775808'], [9223372036854775807n, '9223372036854775807']] as const)(
    'prints %s as the uint64 the route passed on', (n, text) => expect(asUint64(n)).toBe(text));
});

describe('the client\'s typed flag values', () => {
  /** Why an int flag's value is refused, or null. */
  const goIntError = (v: string): string | null => {
    const n = goParseInt(v);
    return typeof n === 'string' ? n : null;
  };
  it.each([['10', null], ['0x10', null], ['-3', null], ['abc', 'invalid syntax'], ['1.5', 'invalid syntax'], ['9223372036854775808', 'value out of range']] as const)(
    'int %s', (v, why) => (why === null ? expect(goIntError(v)).toBeNull() : expect(goIntError(v)).toContain(why)));
  it.each([['64m', 67108864], ['1g', 2 ** 30], ['512', 512], ['1.5k', 1536], ['10 MiB', 10 * 2 ** 20], ['abc', null], ['-1', null]] as const)(
    'size %s', (v, n) => expect(ramInBytes(v)).toBe(n));
  it.each([['0.5', 500000000], ['1/2', 500000000], ['2', 2e9], ['1e-1', 1e8], ['abc', 'unparsable'], ['0.0000000001', 'too precise']] as const)(
    'cpus %s', (v, n) => expect(nanoCpus(v)).toBe(n));
});
