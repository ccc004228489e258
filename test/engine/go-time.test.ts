// Go's time.ParseDuration and Duration.String, with the texts the docker client printed
// for --health-interval (real 20.10).
import { describe, expect, it } from 'vitest';
import { goDurationString, goParseDuration } from '../../src/engine/go-time.js';

describe('time.ParseDuration', () => {
  it.each([
    ['2s', 2000000000n], ['1m30s', 90000000000n], ['1h2m3.5s', 3723500000000n], ['500us', 500000n], ['0.5ms', 500000n], ['-1s', -1000000000n],
    ['0', 0n], ['+0', 0n], ['.5s', 500000000n], ['1.s', 1000000000n], ['1µs', 1000n], ['9223372036854775807ns', 9223372036854775807n],
    ['x', 'time: invalid duration "x"'], ['', 'time: invalid duration ""'], ['-', 'time: invalid duration "-"'], ['.s', 'time: invalid duration ".s"'],
    ['1', 'time: missing unit in duration "1"'], ['1.5.s', 'time: missing unit in duration "1.5.s"'], ['10d', 'time: unknown unit "d" in duration "10d"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'], ['3000000h', 'time: invalid duration "3000000h"'],
  ] as const)('%s', (text, want) => expect(goParseDuration(text)).toBe(want));
});

describe('Duration.String', () => {
  it.each([[1000000n, '1ms'], [0n, '0s'], [90000000000n, '1m30s'], [3723500000000n, '1h2m3.5s'], [500n, '500ns'], [1500n, '1.5µs']] as const)(
    '%s', (ns, text) => expect(goDurationString(ns)).toBe(text));
});
