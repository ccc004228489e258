// Malformed addresses in expectations (`is 172.17.0.300`, `in 10.0.0.0/33`, a MAC with
// five bytes): such an expectation could never hold, so it is a mistake in the file.
// Words holding a `$var` are only known at run time and are not checked.
import ipaddr from 'ipaddr.js';
import { error } from '../../diagnostics/index.js';
import { isFourPartDecimal } from '../../ipv4-text.js';
import type { Expectation, Value, Word } from '../ast.js';
import type { Check, Report } from './pass.js';
import { allStatements } from './walk.js';

type Kind = 'ip' | 'cidr' | 'mac';

const KIND_WORDS: Record<Kind, string> = {
  ip: 'an IP address such as 172.17.0.2',
  cidr: 'a CIDR such as 172.18.0.0/16',
  mac: 'a MAC address such as 02:42:ac:11:00:02',
};

/** The word's text when it is fully literal. */
function literal(word: Word): string | null {
  let text = '';
  for (const p of word.parts) {
    if (p.type !== 'Text') return null;
    text += p.value;
  }
  return text;
}

export function isIp(text: string): boolean {
  return isFourPartDecimal(text) || (text.includes(':') && ipaddr.IPv6.isValid(text));
}

export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0 || !isIp(text.slice(0, slash))) return false;
  try {
    // ipaddr.parseCIDR tries IPv6 first and throws on every IPv4 CIDR: ask the right family.
    (isFourPartDecimal(text.slice(0, slash)) ? ipaddr.IPv4 : ipaddr.IPv6).parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

export function isMac(text: string): boolean {
  return /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text);
}

const VALID: Record<Kind, (t: string) => boolean> = { ip: isIp, cidr: isCidr, mac: isMac };

function checkWord(word: Word, kind: Kind, report: Report): void {
  const text = literal(word);
  if (text === null || VALID[kind](text)) return;
  report(error(`'${text}' is not ${KIND_WORDS[kind].replace(/ such as .*/, '')}`, word.loc, { label: `expected ${KIND_WORDS[kind]}` }));
}

function checkValue(value: Value, kind: Kind, report: Report): void {
  if (value.type === 'Literal') checkWord(value.word, kind, report);
}

/** A target that looks like a dotted quad must be one (names may not be all digits). */
function checkTarget(word: Word, report: Report): void {
  const text = literal(word);
  if (text !== null && /^[0-9.]+$/.test(text) && text.includes('.')) checkWord(word, 'ip', report);
}

function checkExpectation(e: Expectation, report: Report): void {
  switch (e.type) {
    case 'PingExpect':
    case 'TcpExpect': checkTarget(e.target, report); break;
    case 'ResolveExpect': if (e.check.type === 'Gives') e.check.values.forEach((v) => checkValue(v, 'ip', report)); break;
    case 'IpExpect':
      if (e.predicate.type === 'Is' || e.predicate.type === 'IsNot') checkValue(e.predicate.value, 'ip', report);
      if (e.predicate.type === 'In') checkWord(e.predicate.cidr, 'cidr', report);
      break;
    case 'MacExpect': checkValue(e.value, 'mac', report); break;
    case 'ContainerGatewayExpect':
    case 'NetworkGatewayExpect': checkValue(e.value, 'ip', report); break;
    case 'NetworkSubnetExpect': checkValue(e.value, 'cidr', report); break;
    default: break;
  }
}

export const addresses: Check = {
  name: 'addresses',
  run(file, report) {
    for (const s of allStatements(file)) if (s.type === 'Expect') checkExpectation(s.expectation, report);
  },
};
