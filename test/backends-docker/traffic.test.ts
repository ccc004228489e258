// Which words of a container command are targets of its network tools (shared engine's
// traffic check), and which names and addresses a scenario may send to.
import { describe, expect, it } from 'vitest';
import { targetRefusal, emptyAllowed } from '../../src/backends/docker/safety.js';
import { trafficTargets } from '../../src/backends/docker/traffic.js';

describe('trafficTargets', () => {
  it.each([
    [['ping', '-c', '1', '-W', '1', '8.8.8.8'], ['8.8.8.8']],
    [['/bin/ping', '-c1', 'web'], ['web']],
    [['wget', '-qO-', 'http://web:8080/index.html'], ['web']],
    [['wget', '-q', '-O', '/dev/null', 'web/x'], ['web']],
    [['curl', '-s', 'http://[fd00::2]:80/'], ['fd00::2']],
    [['nc', '-z', '-w', '2', 'db', '5432'], ['db']],
    [['nslookup', 'example.com', '127.0.0.11'], ['example.com', '127.0.0.11']],
    [['sh', '-c', 'sleep 1 && ping -c 1 google.com; echo done'], ['google.com']],
    [['sh', '-c', 'echo ping google.com'], ['google.com']], // refusing too much is the safe mistake
    [['timeout', '5', 'ping', '-c', '1', 'db'], ['db']],
    [['ping6', '-c', '1', 'fd00::1'], ['fd00::1']],
    [['cat', '/etc/hosts'], []],
    [['sleep', '3600'], []],
    [['ip', 'route'], []],
  ])('%j → %j', (argv, targets) => {
    expect(trafficTargets(argv)).toEqual(targets);
  });
});

describe('targetRefusal', () => {
  const allowed = { ...emptyAllowed(), addresses: new Set(['172.18.0.2']), names: new Set(['web', 'h-app']) };
  it.each([
    ['web', null],
    ['WEB', null],
    ['localhost', null],
    ['127.0.0.1', null],
    ['172.18.0.2', null],
    ['172.18.0.3', "simulated only: 172.18.0.3 is outside the scenario's networks"],
    ['google.com', "simulated only: google.com is no container of the scenario (looking it up would leave the scenario's networks)"],
  ])('%s', (target, reason) => {
    expect(targetRefusal(target, allowed)).toBe(reason);
  });
});
