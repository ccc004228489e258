// 10,000 containers on one network: addresses, probes and listings stay right at that size.
// How long it takes is the bench's to say (npm run bench: scale, linearity), not a test's.
import { expect, it } from 'vitest';
import { runCli } from '../../src/engine/cli/index.js';
import { Controller } from '../../src/engine/controller.js';
import { answerProbe } from '../../src/engine/probes.js';

it('runs 10,000 containers and answers probes', () => {
  const ctrl = new Controller();
  runCli(ctrl, 'docker', ['network', 'create', 'big']);
  for (let i = 0; i < 10_000; i++) {
    const r = runCli(ctrl, 'docker', ['run', '-d', '--name', `c${i}`, '--net', 'big', 'busybox', 'sleep', '3600']);
    if (r.exitCode !== 0) throw new Error(r.stderr);
  }
  for (let i = 0; i < 1000; i++) {
    const o = answerProbe(ctrl, { kind: 'ping', source: { kind: 'container', name: `c${i}` }, target: `c${9999 - i}` });
    expect(o.status === 'answered' && o.answer.reached).toBe(true);
  }
  runCli(ctrl, 'docker', ['stop', '-t', '0', 'c5000']);
  const again = runCli(ctrl, 'docker', ['run', '-d', '--name', 'late', '--net', 'big', 'busybox', 'sleep', '3600']);
  expect(again.exitCode).toBe(0);
  const ip = answerProbe(ctrl, { kind: 'ip', container: 'late', network: null });
  expect(ip.status === 'answered' && ip.answer.address).toBe('172.18.19.138'); // c5000's freed address: 2 + 5000
}, 60_000);

it('lists 10,000 containers with docker ps', () => {
  const ctrl = new Controller();
  for (let i = 0; i < 10_000; i++) runCli(ctrl, 'docker', ['run', '-d', '--name', `c${i}`, 'busybox', 'sleep', '3600']);
  const r = runCli(ctrl, 'docker', ['ps', '-q']);
  expect(r.stdout.split('\n').length).toBe(10_001);
}, 60_000);
