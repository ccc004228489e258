// The commonest lines of a `.dnet` file, read without the generated parser.
//
// Why: the Peggy parser reads ~5 MB/s once warm and far less in a fresh process, and a
// suite's files are mostly lines of plain words (`docker run -d --name web nginx`,
// `expect ping web from client succeeds`). Those lines are read here, in one pass of
// plain string tests, into exactly the nodes the grammar builds (same fields, same
// locations, same shared Location objects); every other line goes to the generated
// parser with its position in the file (`options.lines`).
//
// The grammar stays the one definition of the syntax. This reader accepts a strict
// subset of it: words that are plain runs, whole "…" strings without `\` or `$`, or a
// whole `$name`/`${name}`. It declines, line by line, anything it is not sure of: other
// quoting, `\`, `#` after a word, an operator, an unknown form, a keyword where a word
// could be meant. A declined line costs nothing but the parser's time. A file with a
// heredoc (`<<`) or a carriage return is left to the parser whole. A syntax error anywhere
// sends the whole file to the parser again, so messages are always the grammar's.
// test/language/fast-lines.test.ts checks that both ways give the same tree on every
// corpus the project has, and on mutations of its lines.
import type {
  Comment,
  ContainerState,
  DockerCommand,
  Duration,
  Expect,
  Expectation,
  IpPredicate,
  Let,
  Location,
  Position,
  Proto,
  RawFile,
  ScenarioHeader,
  Source,
  Tag,
  Value,
  Word,
} from './ast.js';

type Item = RawFile['items'][number];

/** What the reader made of a file: its items, and the lines left to the parser. */
export interface FastRead {
  /** Items of the lines read here, in source order. */
  items: Item[];
  /** The other lines, joined with `\n` ('' when none is left). */
  rest: string;
  /** For each line of `rest`: where it starts in the file, and its number there. */
  lines: { starts: number[]; numbers: number[] };
  /** The file's end, as the grammar's File rule places it. */
  end: Position;
}

const SPACE = 32;
const TAB = 9;
const DQUOTE = 34;
const DOLLAR = 36;
/**
 * A line's rest made only of words this reader builds (see readable()), each followed by a
 * space, a tab or the line's end: plain runs free of quotes, `$`, `\\`, `#` and shell
 * operators; "…" strings without `\\` or `$`; whole variables. Why regexes and not loops
 * over characters: a fresh process runs this code in V8's interpreter for most of a suite,
 * where a loop per character costs far more than one native regex scan.
 */
const READABLE = /(?:[ \t]+|(?:[^ \t\n'"\\$|&;<>#]+|"[^"\\$\n]*"|\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*))(?=[ \t\n]|$))*/y;
/** `_`: spaces and tabs. */
const SPACES = /[ \t]*/y;
/** A plain run up to a space or a tab (or a `,`, for WordNc). */
const RUN = /[^ \t\n]*/y;
const RUN_NC = /[^ \t\n,]*/y;
/** A whole-word variable: `$name` or `${name}`. */
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;
const TAG_NAME = /^[A-Za-z0-9_.:/-]+$/;
const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60000 };
const STATES: ReadonlySet<string> = new Set<ContainerState>(['running', 'exited', 'created', 'paused', 'removed']);
const isState = (word: string): word is ContainerState => STATES.has(word);
const VALUE_KEYWORDS = new Set(['ip', 'mac', 'gateway', 'subnet']);
const HOST_IP_PREFIX = /^(?:\[([0-9a-fA-F:.]+)\]:|([0-9]+(?:\.[0-9]+)+):)/;
const PORT_PROTO = /^([0-9]+)(?:\/(tcp|udp))?$/;
const DIGITS = /^[0-9]+$/;
const LET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads what it can of `source`; null when the file is left to the parser whole (a
 * heredoc, a carriage return) or when no line could be read here.
 */
export function readFastLines(path: string, source: string): FastRead | null {
  if (source.includes('<<') || source.includes('\r')) return null;
  const reader = new LineReader(path, source);
  const items: Item[] = [];
  const restLines: string[] = [];
  const starts: number[] = [];
  const numbers: number[] = [];
  let read = 0;
  let continues = false; // the line before ended in `\`: this one belongs to it
  let number = 1;
  let lastStart = 0;
  for (let start = 0; start <= source.length; number++) {
    lastStart = start;
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const item = continues ? null : reader.line(start, end, number);
    if (item === undefined) {
      // blank: nothing to read, nothing to keep
    } else if (item !== null) {
      items.push(item);
      read++;
    } else {
      restLines.push(source.slice(start, end));
      starts.push(start);
      numbers.push(number);
    }
    continues = end > start && source.charCodeAt(end - 1) === 92;
    start = end + 1;
  }
  if (read === 0) return null;
  const end = { offset: source.length, line: number - 1, column: source.length - lastStart + 1 };
  return { items, rest: restLines.join('\n'), lines: { starts, numbers }, end };
}

/**
 * One line at a time: the cursor `p` moves over [lineStart, lineEnd). Every method that
 * fails puts the cursor back where it was, as a PEG alternative does.
 */
class LineReader {
  private p = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private lineNumber = 0;
  /** Set where the grammar could read the line another way: the line is the parser's. */
  private declined = false;

  constructor(private readonly path: string, private readonly source: string) {}

  /** The line's item; undefined for a blank line; null when the parser must read it. */
  line(start: number, end: number, number: number): Item | null | undefined {
    this.lineStart = start;
    this.lineEnd = end;
    this.lineNumber = number;
    this.p = start;
    this.declined = false;
    this.spaces();
    if (this.p === end) return undefined;
    const c = this.source.charCodeAt(this.p);
    if (c === 35 /* # */) return this.comment();
    if (c === 115 /* s */) return this.scenarioHeader();
    if (!this.readable()) return null;
    let item: Item | null = null;
    if (c === 100 /* d */) item = this.dockerCommand();
    else if (c === 101 /* e */) item = this.expect();
    else if (c === 108 /* l */) item = this.letStatement();
    return item !== null && !this.declined && this.atLineEnd() ? item : null;
  }

  /** The grammar may read this another way (a keyword as a plain word …): leave the line. */
  private decline(): null {
    this.declined = true;
    return null;
  }

  // ------------------------------------------------------------ positions and words

  private position(offset: number): Position {
    return { offset, line: this.lineNumber, column: offset - this.lineStart + 1 };
  }

  private loc(start: number, end: number): Location {
    return { source: this.path, start: this.position(start), end: this.position(end) };
  }

  private isSpace(offset: number): boolean {
    const c = this.source.charCodeAt(offset);
    return c === SPACE || c === TAB;
  }

  /** `_`: spaces and tabs; how many. */
  private spaces(): number {
    const from = this.p;
    SPACES.lastIndex = from;
    SPACES.test(this.source);
    this.p = SPACES.lastIndex;
    return this.p - from;
  }

  /** Trailing spaces, then the end of the line. */
  private atLineEnd(): boolean {
    this.spaces();
    return this.p === this.lineEnd;
  }

  /**
   * Whether every word from the cursor on is one this reader builds: a plain run, a whole
   * "…" string without `\` or `$`, or a whole variable.
   */
  private readable(): boolean {
    READABLE.lastIndex = this.p;
    READABLE.test(this.source);
    return READABLE.lastIndex === this.lineEnd;
  }

  /**
   * Where the word at `from` ends: after its closing quote or its variable, else at a
   * space, a tab, or a `,` if asked (the line is readable()).
   */
  private runEnd(from: number, stopAtComma: boolean): number {
    const c = this.source.charCodeAt(from);
    if (c === DQUOTE) return this.source.indexOf('"', from + 1) + 1;
    if (c === DOLLAR) {
      VARIABLE.lastIndex = from;
      VARIABLE.test(this.source);
      return VARIABLE.lastIndex;
    }
    const run = stopAtComma ? RUN_NC : RUN;
    run.lastIndex = from;
    run.test(this.source);
    return run.lastIndex;
  }

  /** A word of [start, end): a string, a variable, or a plain run (`nc`: as WordNc reads it). */
  private wordAt(start: number, end: number, nc: boolean): Word {
    const c = this.source.charCodeAt(start);
    if (c === DQUOTE) return this.quotedWord(start, end);
    if (c === DOLLAR) return this.variableWord(start, end);
    return nc ? this.runWord(start, end) : this.plainWord(start, end);
  }

  /** DoubleQuoted through word(): the part spans the text inside the quotes (or, empty, the quotes). */
  private quotedWord(start: number, end: number): Word {
    const partLoc = end - start === 2 ? this.loc(start, end) : this.loc(start + 1, end - 1);
    const loc = end - start === 2 ? { source: this.path, start: partLoc.start, end: partLoc.end } : this.loc(start, end);
    return { type: 'Word', parts: [{ type: 'Text', value: this.source.slice(start + 1, end - 1), loc: partLoc }], raw: this.source.slice(start, end), quoted: true, loc };
  }

  /** VarRef through word(): the Word's Location shares the variable's positions. */
  private variableWord(start: number, end: number): Word {
    const raw = this.source.slice(start, end);
    const name = raw.charCodeAt(1) === 123 /* { */ ? raw.slice(2, -1) : raw.slice(1);
    const loc = this.loc(start, end);
    return { type: 'Word', parts: [{ type: 'Var', name, loc }], raw, quoted: false, loc: { source: loc.source, start: loc.start, end: loc.end } };
  }

  /** A keyword at the cursor: its text, then no BareChar (on a plain line: a space or the end). */
  private takeWord(keyword: string): boolean {
    const end = this.p + keyword.length;
    if (!this.source.startsWith(keyword, this.p) || (end < this.lineEnd && !this.isSpace(end))) return false;
    this.p = end;
    return true;
  }

  /** `__ "keyword" !BareChar` (the K_ rules). */
  private kw(keyword: string): boolean {
    const at = this.p;
    if (this.spaces() > 0 && this.takeWord(keyword)) return true;
    this.p = at;
    return false;
  }

  /** The grammar's plainWord(): a Word and its one part share one Location. */
  private plainWord(start: number, end: number): Word {
    const value = this.source.slice(start, end);
    const loc = this.loc(start, end);
    return { type: 'Word', parts: [{ type: 'Text', value, loc }], raw: value, quoted: false, loc };
  }

  /** The grammar's word() of one bare run: the Word's Location shares the part's positions. */
  private runWord(start: number, end: number): Word {
    const value = this.source.slice(start, end);
    const loc = this.loc(start, end);
    return { type: 'Word', parts: [{ type: 'Text', value, loc }], raw: value, quoted: false, loc: { source: loc.source, start: loc.start, end: loc.end } };
  }

  /** `__ @Word` (WordArg, TargetArg, ContainerArg …). */
  private arg(): Word | null {
    const at = this.p;
    if (this.spaces() === 0 || this.p === this.lineEnd) {
      this.p = at;
      return null;
    }
    const start = this.p;
    this.p = this.runEnd(start, false);
    return this.wordAt(start, this.p, false);
  }

  /** `__ @WordNc` (ContainerNcArg, NetworkNcArg): a `,` ends the word. */
  private argNc(): Word | null {
    const at = this.p;
    if (this.spaces() === 0) return null;
    const start = this.p;
    const end = this.runEnd(start, true);
    if (end === start) {
      this.p = at;
      return null;
    }
    this.p = end;
    return this.wordAt(start, end, true);
  }

  /** The next whole word's text, the cursor left where it is ('' at the end of the line). */
  private peekWord(): string {
    SPACES.lastIndex = this.p;
    SPACES.test(this.source);
    const q = SPACES.lastIndex;
    return this.source.slice(q, this.runEnd(q, false));
  }

  // ------------------------------------------------------------ lines

  /** `# text` on a line of its own. */
  private comment(): Comment {
    const start = this.p;
    let q = start + 1;
    if (this.source.charCodeAt(q) === SPACE && q < this.lineEnd) q++;
    return { type: 'Comment', text: this.source.slice(q, this.lineEnd), ownLine: true, loc: this.loc(start, this.lineEnd) };
  }

  /** `scenario "TITLE" @tag…` with a title free of backslashes. */
  private scenarioHeader(): ScenarioHeader | null {
    const start = this.p;
    if (!this.takeWord('scenario') || this.spaces() === 0) return null;
    const quote = this.source.charCodeAt(this.p);
    if (quote !== 34 && quote !== 39) return null;
    const titleStart = this.p;
    const close = this.source.indexOf(quote === 34 ? '"' : "'", titleStart + 1);
    if (close < 0 || close >= this.lineEnd) return null;
    const title = this.source.slice(titleStart + 1, close);
    if (quote === 34 && title.includes('\\')) return null;
    this.p = close + 1;
    const titleLoc = this.loc(titleStart, this.p);
    const tags: Tag[] = [];
    for (;;) {
      const at = this.p;
      if (this.spaces() === 0 || this.p === this.lineEnd || this.source.charCodeAt(this.p) !== 64 /* @ */) {
        this.p = at;
        break;
      }
      const tagStart = this.p;
      const end = this.runEnd(tagStart, false);
      if (!TAG_NAME.test(this.source.slice(tagStart + 1, end))) return null;
      this.p = end;
      tags.push({ type: 'Tag', name: this.source.slice(tagStart + 1, end), loc: this.loc(tagStart, end) });
    }
    if (!this.atLineEnd()) return null;
    // Trailing spaces are the line's, not the header's.
    const end = tags.length > 0 ? tags[tags.length - 1].loc.end.offset : titleLoc.end.offset;
    return { type: 'ScenarioHeader', title, titleLoc, tags, loc: this.loc(start, end) };
  }

  /** `Program`: `docker` or `docker-compose` as a whole word. */
  private program(): { name: 'docker' | 'docker-compose'; loc: Location } | null {
    const start = this.p;
    const name = this.takeWord('docker-compose') ? 'docker-compose' : this.takeWord('docker') ? 'docker' : null;
    return name === null ? null : { name, loc: this.loc(start, this.p) };
  }

  private dockerCommand(): DockerCommand | null {
    const start = this.p;
    const program = this.program();
    if (program === null) return null;
    const args: Word[] = [];
    for (let w = this.arg(); w !== null; w = this.arg()) args.push(w);
    const end = args.length > 0 ? args[args.length - 1].loc.end.offset : program.loc.end.offset;
    return { type: 'DockerCommand', program: program.name, programLoc: program.loc, args, loc: this.loc(start, end) };
  }

  /** `let NAME = VALUE`, spaced so; `host port of …`, `output` or a Value. */
  private letStatement(): Let | null {
    const start = this.p;
    if (!this.takeWord('let') || this.spaces() === 0) return null;
    const nameStart = this.p;
    const nameEnd = this.runEnd(nameStart, false);
    const name = this.source.slice(nameStart, nameEnd);
    if (!LET_NAME.test(name)) return this.decline();
    this.p = nameEnd;
    if (!this.kw('=') || this.spaces() === 0 || this.p === this.lineEnd) return this.decline();
    const valueStart = this.p;
    const head = this.peekWord();
    let value: Value | null;
    if (head === 'host') {
      this.takeWord('host');
      const container = this.kw('port') && this.kw('of') ? this.arg() : null;
      const port = container === null ? null : this.portProto();
      if (container === null || port === null) return this.decline();
      value = { type: 'HostPortOf', container, port: port.port, proto: port.proto, loc: this.loc(valueStart, this.p) };
    } else if (head === 'output') {
      this.takeWord('output');
      const end = this.p;
      if (!this.atLineEnd()) return this.decline();
      this.p = end;
      value = { type: 'OutputRef', loc: this.loc(valueStart, end) };
    } else value = this.value();
    if (value === null) return this.decline();
    return { type: 'Let', name, nameLoc: this.loc(nameStart, nameEnd), value, loc: this.loc(start, this.p) };
  }

  // ------------------------------------------------------------ expectations

  private expect(): Expect | null {
    const start = this.p;
    if (!this.takeWord('expect') || this.spaces() === 0) return null;
    const form = this.expectForm();
    if (form === null) return null;
    const within = this.within();
    const expectation = within === null ? form : { ...form, within, loc: { ...form.loc, end: within.loc.end } };
    return { type: 'Expect', expectation, loc: this.loc(start, expectation.loc.end.offset) };
  }

  /** The forms read here; null for the others (http, file, output matches …: the parser's). */
  private expectForm(): Expectation | null {
    const start = this.p;
    const head = this.peekWord();
    switch (head) {
      case 'ping': return this.ping(start);
      case 'tcp': return this.tcp(start);
      case 'http': return this.http(start);
      case 'resolve': return this.resolve(start);
      case 'ip': return this.ipExpect(start);
      case 'mac': return this.macExpect(start);
      case 'gateway': return this.gatewayExpect(start);
      case 'subnet': return this.subnetExpect(start);
      case 'network': return this.networkExists(start);
      case 'container': return this.containerExpect(start);
      case 'port': return this.portExpect(start);
      case 'output':
      case 'error': return this.outputContains(start, head === 'output' ? 'stdout' : 'stderr');
      case 'docker':
      case 'docker-compose': return this.dockerExpect(start);
      default: return null;
    }
  }

  /** `__ @("succeeds" / "fails") !BareChar` */
  private outcome(): 'succeeds' | 'fails' | null {
    if (this.kw('succeeds')) return 'succeeds';
    if (this.kw('fails')) return 'fails';
    return null;
  }

  /** SourceArg: `host`, or a word. */
  private sourceArg(): Source | null {
    const at = this.p;
    if (this.spaces() > 0) {
      const start = this.p;
      if (this.takeWord('host')) return { type: 'HostSource', loc: this.loc(start, this.p) };
    }
    this.p = at;
    return this.arg();
  }

  private ping(start: number): Expectation | null {
    this.takeWord('ping');
    const target = this.arg();
    const source = target === null ? null : this.fromSource();
    const outcome = source === null ? null : this.outcome();
    if (target === null || source === null || outcome === null) return null;
    return { type: 'PingExpect', target, source, outcome, within: null, loc: this.loc(start, this.p) };
  }

  /** `tcp HOST:PORT`: the host is a run without `:`, the port the rest of the word. */
  private tcp(start: number): Expectation | null {
    this.takeWord('tcp');
    if (this.spaces() === 0) return null;
    const hostStart = this.p;
    const end = this.runEnd(hostStart, false);
    const colon = this.source.indexOf(':', hostStart);
    // `[v6]` hosts, strings, variables, and empty hosts or ports are the parser's.
    const first = this.source.charCodeAt(hostStart);
    if (first === 91 || first === DQUOTE || first === DOLLAR || colon <= hostStart || colon + 1 >= end) return this.decline();
    for (let q = colon + 1; q < end; q++) if (this.source.charCodeAt(q) === DQUOTE || this.source.charCodeAt(q) === DOLLAR) return this.decline();
    const target = this.runWord(hostStart, colon);
    const port = this.plainWord(colon + 1, end);
    this.p = end;
    const source = this.fromSource();
    const outcome = source === null ? null : this.outcome();
    if (source === null || outcome === null) return null;
    return { type: 'TcpExpect', target, port, source, outcome, within: null, loc: this.loc(start, this.p) };
  }

  private http(start: number): Expectation | null {
    this.takeWord('http');
    const url = this.arg();
    const source = url === null ? null : this.fromSource();
    if (url === null || source === null) return null;
    let check: { type: 'Outcome'; outcome: 'succeeds' | 'fails' } | { type: 'Status'; status: number };
    if (this.kw('returns')) {
      const status = this.number();
      if (status === null) return null;
      check = { type: 'Status', status };
    } else {
      const outcome = this.outcome();
      if (outcome === null) return null;
      check = { type: 'Outcome', outcome };
    }
    return { type: 'HttpExpect', url, source, check, within: null, loc: this.loc(start, this.p) };
  }

  /** `__ @pattern` for a whole word: its match, or null with the cursor back. */
  private wordMatching(pattern: RegExp): RegExpExecArray | null {
    const at = this.p;
    if (this.spaces() === 0) return null;
    const end = this.runEnd(this.p, false);
    const m = pattern.exec(this.source.slice(this.p, end));
    this.p = m === null ? at : end;
    return m;
  }

  /** `__ n:$[0-9]+ !BareChar` (StatusArg, CodeArg). */
  private number(): number | null {
    const m = this.wordMatching(DIGITS);
    return m === null ? null : Number(m[0]);
  }

  /** PortProtoArg: `80`, `53/udp`. */
  private portProto(): { port: number; proto: Proto } | null {
    const m = this.wordMatching(PORT_PROTO);
    return m === null ? null : { port: Number(m[1]), proto: m[2] === 'udp' ? 'udp' : 'tcp' };
  }

  /** `K_FROM source:SourceArg`. */
  private fromSource(): Source | null {
    return this.kw('from') ? this.sourceArg() : null;
  }

  private resolve(start: number): Expectation | null {
    this.takeWord('resolve');
    const name = this.arg();
    const source = name === null ? null : this.fromSource();
    if (name === null || source === null) return null;
    if (this.kw('gives')) {
      const first = this.valueArg();
      if (first === null) return null;
      const values = [first];
      for (;;) {
        const at = this.p;
        this.spaces();
        if (this.source.charCodeAt(this.p) !== 44 /* , */ || this.p >= this.lineEnd) {
          this.p = at;
          break;
        }
        this.p++;
        this.spaces();
        const v = this.p < this.lineEnd ? this.value() : null;
        if (v === null) return null;
        values.push(v);
      }
      return { type: 'ResolveExpect', name, source, check: { type: 'Gives', values }, within: null, loc: this.loc(start, this.p) };
    }
    const outcome = this.outcome();
    if (outcome === null) return null;
    return { type: 'ResolveExpect', name, source, check: { type: 'Outcome', outcome }, within: null, loc: this.loc(start, this.p) };
  }

  /** `ValueArg = __ &[^ \t\r\n#] @Value` */
  private valueArg(): Value | null {
    const at = this.p;
    if (this.spaces() === 0 || this.p === this.lineEnd) {
      this.p = at;
      return null;
    }
    const v = this.value();
    if (v === null) this.p = at;
    return v;
  }

  /**
   * `Value = IpOf / MacOf / GatewayOfNetwork / SubnetOfNetwork / Literal` at the cursor.
   * A value that starts with one of those keywords but is not that form is declined (the
   * grammar would fall back to a literal, or fail: the parser knows which).
   */
  private value(): Value | null {
    const start = this.p;
    const end = this.runEnd(start, true);
    if (end === start) return null;
    const head = this.source.slice(start, end);
    if (!VALUE_KEYWORDS.has(head)) {
      this.p = end;
      const word = this.wordAt(start, end, true);
      return { type: 'Literal', word, loc: this.loc(start, end) };
    }
    // The keyword must stand alone (`ip,` is the parser's), and the form be whole.
    if (end < this.lineEnd && !this.isSpace(end)) return this.decline();
    this.p = end;
    if (!this.kw('of')) return this.decline();
    if (head === 'ip' || head === 'mac') {
      const container = this.argNc();
      if (container === null) return this.decline();
      const network = this.onNetwork(true);
      return { type: head === 'ip' ? 'IpOf' : 'MacOf', container, network, loc: this.loc(start, this.p) };
    }
    if (!this.kw('network')) return this.decline();
    const network = this.argNc();
    if (network === null) return this.decline();
    return { type: head === 'gateway' ? 'GatewayOfNetwork' : 'SubnetOfNetwork', network, loc: this.loc(start, this.p) };
  }

  /** `OnNetwork?` (`OnNetworkNc?` when `nc`): `on NETWORK`, or nothing (the cursor back). */
  private onNetwork(nc = false): Word | null {
    const at = this.p;
    if (!this.kw('on')) return null;
    const network = nc ? this.argNc() : this.arg();
    if (network === null) this.p = at;
    return network;
  }

  /** `container:ContainerArg network:OnNetwork? K_IS value:ValueArg`, after `mac of` or `gateway of`. */
  private containerIsValue(): { container: Word; network: Word | null; value: Value } | null {
    const container = this.arg();
    if (container === null) return null;
    const network = this.onNetwork();
    const value = this.kw('is') ? this.valueArg() : null;
    return value === null ? null : { container, network, value };
  }

  private ipExpect(start: number): Expectation | null {
    this.takeWord('ip');
    if (!this.kw('of')) return null;
    const container = this.arg();
    if (container === null) return null;
    const network = this.onNetwork();
    let predicate: IpPredicate;
    if (this.kw('is')) {
      // `is not V`, `is none`, `is V`, tried in that order; a bare `not` or `none` as the
      // value itself is the parser's.
      const next = this.peekWord();
      if (next === 'not') {
        this.kw('not');
        const value = this.valueArg();
        if (value === null) return this.decline();
        predicate = { type: 'IsNot', value };
      } else if (next === 'none') {
        this.kw('none');
        predicate = { type: 'IsNone' };
      } else {
        const value = this.valueArg();
        if (value === null) return null;
        predicate = { type: 'Is', value };
      }
    } else if (this.kw('in')) {
      const cidr = this.arg();
      if (cidr === null) return null;
      predicate = { type: 'In', cidr };
    } else return null;
    return { type: 'IpExpect', container, network, predicate, within: null, loc: this.loc(start, this.p) };
  }

  private macExpect(start: number): Expectation | null {
    this.takeWord('mac');
    const form = this.kw('of') ? this.containerIsValue() : null;
    if (form === null) return null;
    return { type: 'MacExpect', ...form, within: null, loc: this.loc(start, this.p) };
  }

  /** `gateway of network N is V`, else `gateway of C [on N] is V` (the grammar's order). */
  private gatewayExpect(start: number): Expectation | null {
    this.takeWord('gateway');
    if (!this.kw('of')) return null;
    const afterOf = this.p;
    if (this.kw('network')) {
      const network = this.arg();
      const value = network !== null && this.kw('is') ? this.valueArg() : null;
      if (network !== null && value !== null) return { type: 'NetworkGatewayExpect', network, value, within: null, loc: this.loc(start, this.p) };
      this.p = afterOf;
    }
    const form = this.containerIsValue();
    if (form === null) return null;
    return { type: 'ContainerGatewayExpect', ...form, within: null, loc: this.loc(start, this.p) };
  }

  private subnetExpect(start: number): Expectation | null {
    this.takeWord('subnet');
    if (!this.kw('of') || !this.kw('network')) return null;
    const network = this.arg();
    const value = network !== null && this.kw('is') ? this.valueArg() : null;
    if (network === null || value === null) return null;
    return { type: 'NetworkSubnetExpect', network, value, within: null, loc: this.loc(start, this.p) };
  }

  private networkExists(start: number): Expectation | null {
    this.takeWord('network');
    const network = this.arg();
    if (network === null) return null;
    let exists: boolean;
    if (this.kw('exists')) exists = true;
    else if (this.kw('does') && this.kw('not') && this.kw('exist')) exists = false;
    else return null;
    return { type: 'NetworkExistsExpect', network, exists, within: null, loc: this.loc(start, this.p) };
  }

  private containerExpect(start: number): Expectation | null {
    this.takeWord('container');
    const container = this.arg();
    if (container === null) return null;
    if (this.kw('is')) {
      const state = this.peekWord();
      if (!isState(state) || !this.kw(state)) return null;
      return { type: 'ContainerStateExpect', container, state, within: null, loc: this.loc(start, this.p) };
    }
    if (!this.kw('exited') || !this.kw('with') || !this.kw('code')) return null;
    const code = this.number();
    if (code === null) return null;
    return { type: 'ExitCodeExpect', container, code, within: null, loc: this.loc(start, this.p) };
  }

  private portExpect(start: number): Expectation | null {
    this.takeWord('port');
    const port = this.portProto();
    if (port === null || !this.kw('of')) return null;
    const container = this.arg();
    if (container === null || !this.kw('is')) return null;
    let published: { hostIp: string | null; hostPort: Word } | null;
    if (this.kw('not')) {
      if (!this.kw('published')) return null;
      published = null;
    } else {
      if (!this.kw('published') || !this.kw('on') || this.spaces() === 0) return null;
      const wordStart = this.p;
      const first = this.source.charCodeAt(wordStart);
      if (first === DQUOTE || first === DOLLAR) return this.decline();
      const end = this.runEnd(wordStart, false);
      const prefix = HOST_IP_PREFIX.exec(this.source.slice(wordStart, end));
      const portStart = prefix === null ? wordStart : wordStart + prefix[0].length;
      if (portStart >= end) return null;
      published = { hostIp: prefix === null ? null : prefix[1] ?? prefix[2], hostPort: this.plainWord(portStart, end) };
      this.p = end;
    }
    return { type: 'PortExpect', container, port: port.port, proto: port.proto, published, within: null, loc: this.loc(start, this.p) };
  }

  /** `output|error contains|does not contain WORD` (`matches /…/` is the parser's). */
  private outputContains(start: number, stream: 'stdout' | 'stderr'): Expectation | null {
    this.takeWord(stream === 'stdout' ? 'output' : 'error');
    let negated: boolean;
    if (this.kw('contains')) negated = false;
    else if (this.kw('does') && this.kw('not') && this.kw('contain')) negated = true;
    else return null;
    const text = this.arg();
    if (text === null) return null;
    return { type: 'OutputExpect', stream, check: { type: 'Contains', negated, text }, within: null, loc: this.loc(start, this.p) };
  }

  /**
   * `expect docker … succeeds|fails [with WORD]`: the command's words run up to the first
   * place where that tail, an optional `within`, and the end of the line follow.
   */
  private dockerExpect(start: number): Expectation | null {
    const program = this.program();
    if (program === null) return null;
    const args: Word[] = [];
    for (;;) {
      const tail = this.dockerTail();
      if (tail !== null) {
        const command: DockerCommand = {
          type: 'DockerCommand', program: program.name, programLoc: program.loc, args,
          loc: args.length > 0 ? { source: program.loc.source, start: program.loc.start, end: args[args.length - 1].loc.end } : program.loc,
        };
        return { type: 'DockerExpect', command, outcome: tail.outcome, withText: tail.withText, within: null, loc: this.loc(start, this.p) };
      }
      const w = this.arg();
      if (w === null) return null;
      args.push(w);
    }
  }

  /** `DockerTail` at the cursor, or null with the cursor back. */
  private dockerTail(): { outcome: 'succeeds' | 'fails'; withText: Word | null } | null {
    const at = this.p;
    const outcome = this.outcome();
    if (outcome === null) return null;
    let withText: Word | null = null;
    const beforeWith = this.p;
    if (this.kw('with')) {
      withText = this.arg();
      if (withText === null) this.p = beforeWith;
    }
    // &(Within? _ (end of line)): look, do not take.
    const afterTail = this.p;
    this.within();
    const ends = this.atLineEnd();
    this.p = afterTail;
    if (!ends) {
      this.p = at;
      return null;
    }
    return { outcome, withText };
  }

  /** `within DURATION`, or null with the cursor back. */
  private within(): Duration | null {
    const at = this.p;
    if (!this.kw('within') || this.spaces() === 0) {
      this.p = at;
      return null;
    }
    const start = this.p;
    const end = this.runEnd(start, false);
    const m = DURATION.exec(this.source.slice(start, end));
    if (m === null) {
      this.p = at;
      return null;
    }
    this.p = end;
    return { type: 'Duration', ms: Math.round(Number(m[1]) * UNIT_MS[m[2]]), raw: m[0], loc: this.loc(start, end) };
  }
}
