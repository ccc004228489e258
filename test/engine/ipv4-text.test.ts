import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { isFourPartDecimal } from '../../src/ipv4-text.js';

describe('isFourPartDecimal', () => {
  it('answers as ipaddr.IPv4.isValidFourPartDecimal does', () => {
    const texts = ['1.2.3.4', '0.0.0.0', '255.255.255.255', '172.18.0.2', '256.1.1.1', '01.2.3.4', '1.2.3.00', '1.2.3',
      '1.2.3.4.5', '1.2.3.4\n', ' 1.2.3.4', '0x1.2.3.4', '1.2.3.4/16', '999999999999.1.1.1', '::1', '', 'a.b.c.d'];
    for (let v = 0; v < 1100; v++) texts.push(`10.${v}.0.1`, `10.0${v}.0.1`, `10.0.0.${v}`);
    for (const t of texts) expect(isFourPartDecimal(t), t).toBe(ipaddr.IPv4.isValidFourPartDecimal(t));
  });
});
