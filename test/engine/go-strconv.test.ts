// Go's strconv parsers, with the error texts Docker passes on (values as Go 1.x gives them).
import { describe, expect, it } from 'vitest';
import { goAtoi, goParseBool, goParseInt, goParseUint16 } from '../../src/engine/go-strconv.js';

describe('go-strconv', () => {
  it.each([
    ['1500', 1500], ['-1', -1], ['+7', 7], ['0x10', 'strconv.Atoi: parsing "0x10": invalid syntax'], ['abc', 'strconv.Atoi: parsing "abc": invalid syntax'],
    ['9223372036854775807', 9223372036854775807], ['-9223372036854775809', 'strconv.Atoi: parsing "-9223372036854775809": value out of range'],
    ['010', 10], ['1_0', 'strconv.Atoi: parsing "1_0": invalid syntax'], ['', 'strconv.Atoi: parsing "": invalid syntax'],
  ] as const)('Atoi %s', (text, want) => expect(goAtoi(text)).toBe(want));
  it.each([
    ['0x10', 16], ['-3', -3], ['1.5', 'strconv.ParseInt: parsing "1.5": invalid syntax'],
    ['-9223372036854775808', -9223372036854775808], ['9223372036854775808', 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    // Base 0 as the engine showed through `docker stop -t` (20.10): prefixes, octal, `_`.
    ['010', 8], ['08', 'strconv.ParseInt: parsing "08": invalid syntax'], ['0b11', 3], ['0o7', 7], ['1_0', 10], ['0x_1', 1],
    ['_1', 'strconv.ParseInt: parsing "_1": invalid syntax'], ['1__0', 'strconv.ParseInt: parsing "1__0": invalid syntax'], ['1_', 'strconv.ParseInt: parsing "1_": invalid syntax'],
    [' 5', 'strconv.ParseInt: parsing " 5": invalid syntax'], ['', 'strconv.ParseInt: parsing "": invalid syntax'], ['0x', 'strconv.ParseInt: parsing "0x": invalid syntax'], ['0', 0],
    ['99999999999999999999x', 'strconv.ParseInt: parsing "99999999999999999999x": value out of range'],
  ] as const)('ParseInt base 0 %s', (text, want) => expect(goParseInt(text)).toBe(want));
  it.each([
    ['80', 80], ['065535', 65535], ['65536', 'strconv.ParseUint: parsing "65536": value out of range'], ['-1', 'strconv.ParseUint: parsing "-1": invalid syntax'],
    ['+1', 'strconv.ParseUint: parsing "+1": invalid syntax'],
  ] as const)('ParseUint 16 bits %s', (text, want) => expect(goParseUint16(text)).toBe(want));
  it.each([
    ['1', true], ['T', true], ['True', true], ['0', false], ['f', false], ['FALSE', false], ['yes', 'strconv.ParseBool: parsing "yes": invalid syntax'],
  ] as const)('ParseBool %s', (text, want) => expect(goParseBool(text)).toBe(want));
});
