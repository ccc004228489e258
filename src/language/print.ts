// AST → canonical `.dnet` text (for `dnet-test fmt`): one statement a line, statements of
// a scenario indented by two spaces, one blank line before each scenario, words as the
// user quoted them (`raw`), comments kept where they were. parse(print(f)) ≡ f.
import type { Comment, DnetFile, Expectation, Source, Statement, Value, Word } from './ast.js';

const w = (word: Word): string => word.raw;
const on = (network: Word | null): string => (network ? ` on ${w(network)}` : '');
const src = (s: Source): string => (s.type === 'HostSource' ? 'host' : w(s));
const port = (n: number, proto: 'tcp' | 'udp'): string => (proto === 'udp' ? `${n}/udp` : String(n));

/** A double-quoted string the grammar reads back as `text`. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function printValue(v: Value): string {
  switch (v.type) {
    case 'IpOf': return `ip of ${w(v.container)}${on(v.network)}`;
    case 'MacOf': return `mac of ${w(v.container)}${on(v.network)}`;
    case 'GatewayOfNetwork': return `gateway of network ${w(v.network)}`;
    case 'SubnetOfNetwork': return `subnet of network ${w(v.network)}`;
    case 'HostPortOf': return `host port of ${w(v.container)} ${port(v.port, v.proto)}`;
    case 'OutputRef': return 'output';
    case 'Literal': return w(v.word);
  }
}

function printForm(e: Expectation): string {
  switch (e.type) {
    case 'PingExpect': return `ping ${w(e.target)} from ${src(e.source)} ${e.outcome}`;
    case 'TcpExpect': return `tcp ${w(e.target)}:${w(e.port)} from ${src(e.source)} ${e.outcome}`;
    case 'HttpExpect':
      return `http ${w(e.url)} from ${src(e.source)} ${e.check.type === 'Status' ? `returns ${e.check.status}` : e.check.outcome}`;
    case 'ResolveExpect':
      return `resolve ${w(e.name)} from ${src(e.source)} ${e.check.type === 'Gives' ? `gives ${e.check.values.map(printValue).join(', ')}` : e.check.outcome}`;
    case 'IpExpect': {
      const p = e.predicate;
      const tail = p.type === 'Is' ? `is ${printValue(p.value)}` : p.type === 'IsNot' ? `is not ${printValue(p.value)}`
        : p.type === 'IsNone' ? 'is none' : `in ${w(p.cidr)}`;
      return `ip of ${w(e.container)}${on(e.network)} ${tail}`;
    }
    case 'MacExpect': return `mac of ${w(e.container)}${on(e.network)} is ${printValue(e.value)}`;
    case 'ContainerGatewayExpect': return `gateway of ${w(e.container)}${on(e.network)} is ${printValue(e.value)}`;
    case 'NetworkSubnetExpect': return `subnet of network ${w(e.network)} is ${printValue(e.value)}`;
    case 'NetworkGatewayExpect': return `gateway of network ${w(e.network)} is ${printValue(e.value)}`;
    case 'NetworkExistsExpect': return `network ${w(e.network)} ${e.exists ? 'exists' : 'does not exist'}`;
    case 'ContainerStateExpect': return `container ${w(e.container)} is ${e.state}`;
    case 'ExitCodeExpect': return `container ${w(e.container)} exited with code ${e.code}`;
    case 'PortExpect': {
      const pub = e.published;
      const hostIp = pub?.hostIp ? (pub.hostIp.includes(':') ? `[${pub.hostIp}]:` : `${pub.hostIp}:`) : '';
      return `port ${port(e.port, e.proto)} of ${w(e.container)} is ${pub ? `published on ${hostIp}${w(pub.hostPort)}` : 'not published'}`;
    }
    case 'OutputExpect': {
      const c = e.check;
      const check = c.type === 'Matches' ? `matches /${c.pattern}/${c.flags}` : `${c.negated ? 'does not contain' : 'contains'} ${w(c.text)}`;
      return `${e.stream === 'stdout' ? 'output' : 'error'} ${check}`;
    }
    case 'DockerExpect':
      return `${[e.command.program, ...e.command.args.map(w)].join(' ')} ${e.outcome}${e.withText ? ` with ${w(e.withText)}` : ''}`;
    case 'FileExpect':
      return `file ${w(e.path)} of ${w(e.container)} ${e.negated ? 'does not contain' : 'contains'} ${w(e.text)}`;
  }
}

export function printExpectation(e: Expectation): string {
  return `expect ${printForm(e)}${e.within ? ` within ${e.within.raw}` : ''}`;
}

/** One statement; a `file` block spans several lines, its body indented like `indent`. */
export function printStatement(s: Statement, indent = ''): string {
  switch (s.type) {
    case 'DockerCommand': return [s.program, ...s.args.map(w)].join(' ');
    case 'Expect': return printExpectation(s.expectation);
    case 'Let': return `let ${s.name} = ${printValue(s.value)}`;
    case 'Skip': return `skip ${quote(s.reason)}`;
    case 'FileBlock': {
      const body = s.content.replace(/\n$/, '').split('\n').map((l) => (l === '' ? l : `${indent}  ${l}`));
      return [`file ${w(s.path)} <<${s.delimiter}`, ...(s.content === '' ? [] : body), `${indent}${s.delimiter}`].join('\n');
    }
  }
}

interface Entry {
  line: number;
  endLine: number;
  text: string;
  /** A trailing comment goes on the line of the statement before it. */
  trailing?: boolean;
  /** Starts a scenario block (header or its description): blank line before it. */
  block?: boolean;
}

export function printFile(file: DnetFile): string {
  const entries: Entry[] = [];
  const push = (node: { loc: DnetFile['loc'] }, text: string, extra: Partial<Entry> = {}): void => {
    entries.push({ line: node.loc.start.line, endLine: node.loc.end.line, text, ...extra });
  };
  const headerLines = new Set<number>();
  file.setup.forEach((s) => push(s, printStatement(s)));
  for (const sc of file.scenarios) {
    if (!sc.implicit) {
      headerLines.add(sc.loc.start.line);
      push(sc, `scenario ${quote(sc.title)}${sc.tags.map((t) => ` @${t.name}`).join('')}`, { endLine: sc.loc.start.line, block: true });
    }
    const indent = sc.implicit ? '' : '  ';
    sc.body.forEach((s) => push(s, indent + printStatement(s, indent)));
  }
  // Own-line comments directly above a header are its description: not indented.
  const description = new Set<Comment>();
  const ownLine = file.comments.filter((c) => c.ownLine);
  for (const c of [...ownLine].reverse()) {
    const below = c.loc.start.line + 1;
    if (headerLines.has(below) || [...description].some((d) => d.loc.start.line === below)) description.add(c);
  }
  const firstHeader = Math.min(...headerLines);
  for (const c of file.comments) {
    const text = `# ${c.text}`.trimEnd();
    if (!c.ownLine) push(c, text, { trailing: true });
    else if (description.has(c)) push(c, text, { block: true });
    else push(c, c.loc.start.line > firstHeader ? `  ${text}` : text);
  }
  entries.sort((a, b) => a.line - b.line || Number(a.trailing ?? false) - Number(b.trailing ?? false));

  const out: string[] = [];
  let prev: Entry | null = null;
  for (const e of entries) {
    if (e.trailing && prev && (prev.line === e.line || prev.endLine === e.line) && out.length > 0) {
      // On the statement's first printed line (a `file` header, not its closing line).
      out[out.length - 1] = out[out.length - 1].replace(/^[^\n]*/, (first) => `${first}  ${e.text}`);
      continue;
    }
    const blockStart = e.block && !(prev?.block && prev.endLine === e.line - 1);
    const gap = prev !== null && (blockStart || e.line > prev.endLine + 1);
    if (gap) out.push('');
    out.push(e.text);
    prev = e;
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
