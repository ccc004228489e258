// Deterministic identities: table-driven against the definitions they stand for.
import { describe, expect, it } from 'vitest';
import { Clock, IdSource, macFromIp, shortId } from '../../src/engine/ids.js';

describe('Clock', () => {
  // Tick n is the epoch plus n seconds, as Docker prints times (nanoseconds, UTC).
  const reference = (n: number): string => new Date(Date.parse('2026-01-01T00:00:00Z') + n * 1000).toISOString().replace('.000Z', '.000000000Z');

  it('is the epoch plus one second a tick, across minutes, hours, days and a month', () => {
    const checkpoints = new Set([1, 59, 60, 61, 3599, 3600, 3661, 86_399, 86_400, 86_401, 31 * 86_400, 31 * 86_400 + 3723]);
    const clock = new Clock();
    for (let n = 1; n <= 31 * 86_400 + 3723; n++) {
      const stamp = clock.tick();
      if (checkpoints.has(n)) expect(stamp).toBe(reference(n));
    }
  });

  it('starts over for every clock', () => {
    const a = new Clock();
    a.tick();
    expect(new Clock().tick()).toBe('2026-01-01T00:00:01.000000000Z');
  });
});

describe('macFromIp', () => {
  it.each([
    ['172.17.0.2', '02:42:ac:11:00:02'],
    ['10.0.255.254', '02:42:0a:00:ff:fe'],
    ['192.168.100.7', '02:42:c0:a8:64:07'],
    ['0.0.0.0', '02:42:00:00:00:00'],
  ])('%s → %s', (ip, mac) => expect(macFromIp(ip)).toBe(mac));
});

describe('IdSource', () => {
  it('gives 64-hex IDs, distinct in their short form, none of which reads as a number', () => {
    const ids = new IdSource();
    const seen = new Set<string>();
    for (let k = 0; k < 20_000; k++) {
      const id = ids.next();
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id.slice(0, 12)).not.toMatch(/^[0-9]{12}$/);
      seen.add(shortId(id));
    }
    expect(seen.size).toBe(20_000);
  });

  it('is the same sequence for every source', () => {
    const a = new IdSource();
    const b = new IdSource();
    for (let k = 0; k < 5; k++) expect(a.next()).toBe(b.next());
  });
});
