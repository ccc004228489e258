// The AST of a `.dnet` file. Every node has a literal `type` and a `loc`, so a
// diagnostic or a failed expectation can point at the source (as Peggy and Hurl do).
// The generated parser produces a `RawFile` (statements in source order);
// `parse.ts` groups it into setup + scenarios (`DnetFile`).

export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface Location {
  /** The file path as given to the parser (used in ` --> file:line:col`). */
  source: string;
  start: Position;
  end: Position;
}

interface Node {
  loc: Location;
}

// ---------------------------------------------------------------- words

/** Literal text of a word (quotes and escapes already removed). */
export interface TextPart extends Node {
  type: 'Text';
  value: string;
}

/** `$name` or `${name}`, expanded at run time from `let` bindings. */
export interface VarPart extends Node {
  type: 'Var';
  name: string;
}

export type WordPart = TextPart | VarPart;

/** One shell word: `--name`, `"a $b"`, `'c'`. `raw` is the source text. */
export interface Word extends Node {
  type: 'Word';
  parts: WordPart[];
  raw: string;
  /** True when the word (or part of it) was quoted: `"succeeds"` is not the keyword. */
  quoted: boolean;
}

// ---------------------------------------------------------------- values

/** `ip of C [on NETWORK]` */
export interface IpOf extends Node {
  type: 'IpOf';
  container: Word;
  network: Word | null;
}
/** `mac of C [on NETWORK]` */
export interface MacOf extends Node {
  type: 'MacOf';
  container: Word;
  network: Word | null;
}
/** `gateway of network N` */
export interface GatewayOfNetwork extends Node {
  type: 'GatewayOfNetwork';
  network: Word;
}
/** `subnet of network N` */
export interface SubnetOfNetwork extends Node {
  type: 'SubnetOfNetwork';
  network: Word;
}
/** `host port of C PORT[/proto]` */
export interface HostPortOf extends Node {
  type: 'HostPortOf';
  container: Word;
  port: number;
  proto: Proto;
}
/** `output`: stdout of the previous command. */
export interface OutputRef extends Node {
  type: 'OutputRef';
}
/** A quoted string, an address, a `$var`: any plain word. */
export interface LiteralValue extends Node {
  type: 'Literal';
  word: Word;
}

export type Value = IpOf | MacOf | GatewayOfNetwork | SubnetOfNetwork | HostPortOf | OutputRef | LiteralValue;

export type Proto = 'tcp' | 'udp';

// ---------------------------------------------------------------- expectations

export type Outcome = 'succeeds' | 'fails';

/** `host` or a container name (a word: may be a variable). */
export type Source = { type: 'HostSource'; loc: Location } | Word;

export interface Duration extends Node {
  type: 'Duration';
  ms: number;
  raw: string;
}

interface ExpectBase extends Node {
  /** `within DURATION`: retried until it holds or the time is up. */
  within: Duration | null;
}

export interface PingExpect extends ExpectBase {
  type: 'PingExpect';
  target: Word;
  source: Source;
  outcome: Outcome;
}
export interface TcpExpect extends ExpectBase {
  type: 'TcpExpect';
  target: Word;
  port: Word;
  source: Source;
  outcome: Outcome;
}
export interface HttpExpect extends ExpectBase {
  type: 'HttpExpect';
  url: Word;
  source: Source;
  /** `succeeds|fails`, or `returns STATUS`. */
  check: { type: 'Outcome'; outcome: Outcome } | { type: 'Status'; status: number };
}
export interface ResolveExpect extends ExpectBase {
  type: 'ResolveExpect';
  name: Word;
  source: Source;
  check: { type: 'Outcome'; outcome: Outcome } | { type: 'Gives'; values: Value[] };
}

export type IpPredicate =
  | { type: 'Is'; value: Value }
  | { type: 'IsNot'; value: Value }
  | { type: 'IsNone' }
  | { type: 'In'; cidr: Word };

export interface IpExpect extends ExpectBase {
  type: 'IpExpect';
  container: Word;
  network: Word | null;
  predicate: IpPredicate;
}
export interface MacExpect extends ExpectBase {
  type: 'MacExpect';
  container: Word;
  network: Word | null;
  value: Value;
}
export interface ContainerGatewayExpect extends ExpectBase {
  type: 'ContainerGatewayExpect';
  container: Word;
  network: Word | null;
  value: Value;
}
export interface NetworkSubnetExpect extends ExpectBase {
  type: 'NetworkSubnetExpect';
  network: Word;
  value: Value;
}
export interface NetworkGatewayExpect extends ExpectBase {
  type: 'NetworkGatewayExpect';
  network: Word;
  value: Value;
}
export interface NetworkExistsExpect extends ExpectBase {
  type: 'NetworkExistsExpect';
  network: Word;
  exists: boolean;
}

export type ContainerState = 'running' | 'exited' | 'created' | 'paused' | 'removed';

export interface ContainerStateExpect extends ExpectBase {
  type: 'ContainerStateExpect';
  container: Word;
  state: ContainerState;
}
export interface ExitCodeExpect extends ExpectBase {
  type: 'ExitCodeExpect';
  container: Word;
  code: number;
}
export interface PortExpect extends ExpectBase {
  type: 'PortExpect';
  container: Word;
  port: number;
  proto: Proto;
  /** null: `is not published`. */
  published: { hostIp: string | null; hostPort: Word } | null;
}
export interface OutputExpect extends ExpectBase {
  type: 'OutputExpect';
  /** `output` reads stdout, `error` stderr of the previous command. */
  stream: 'stdout' | 'stderr';
  check:
    | { type: 'Contains'; negated: boolean; text: Word }
    | { type: 'Matches'; pattern: string; flags: string };
}
export interface DockerExpect extends ExpectBase {
  type: 'DockerExpect';
  command: DockerCommand;
  outcome: Outcome;
  /** `fails with "…"`: the text the command's output must contain. */
  withText: Word | null;
}
/** `expect file PATH of C contains|does not contain STRING` */
export interface FileExpect extends ExpectBase {
  type: 'FileExpect';
  path: Word;
  container: Word;
  negated: boolean;
  text: Word;
}

export type Expectation =
  | PingExpect
  | TcpExpect
  | HttpExpect
  | ResolveExpect
  | IpExpect
  | MacExpect
  | ContainerGatewayExpect
  | NetworkSubnetExpect
  | NetworkGatewayExpect
  | NetworkExistsExpect
  | ContainerStateExpect
  | ExitCodeExpect
  | PortExpect
  | OutputExpect
  | DockerExpect
  | FileExpect;

// ---------------------------------------------------------------- statements

/** `docker …` or `docker-compose …`; `args` excludes the program word. */
export interface DockerCommand extends Node {
  type: 'DockerCommand';
  program: 'docker' | 'docker-compose';
  programLoc: Location;
  args: Word[];
}

export interface Expect extends Node {
  type: 'Expect';
  expectation: Expectation;
}

export interface Let extends Node {
  type: 'Let';
  name: string;
  nameLoc: Location;
  value: Value;
}

/** `file PATH <<DELIM` … `DELIM`; `content` has the common indentation removed. */
export interface FileBlock extends Node {
  type: 'FileBlock';
  path: Word;
  delimiter: string;
  content: string;
}

export interface Skip extends Node {
  type: 'Skip';
  reason: string;
}

export type Statement = DockerCommand | Expect | Let | FileBlock | Skip;

export interface Tag extends Node {
  type: 'Tag';
  name: string;
}

export interface Comment extends Node {
  type: 'Comment';
  /** Text after the `#` and one optional space. */
  text: string;
  /** True for a comment on a line of its own. */
  ownLine: boolean;
}

/** `scenario "TITLE" @tag…` as the parser sees it, before grouping. */
export interface ScenarioHeader extends Node {
  type: 'ScenarioHeader';
  title: string;
  titleLoc: Location;
  tags: Tag[];
}

/** The generated parser's output: items in source order. */
export interface RawFile extends Node {
  type: 'RawFile';
  items: Array<Statement | ScenarioHeader | Comment>;
}

// ---------------------------------------------------------------- grouped

export interface Scenario extends Node {
  type: 'Scenario';
  title: string;
  tags: Tag[];
  /** Comment lines directly above the `scenario` line. */
  description: string[];
  body: Statement[];
  /** A file with no `scenario` line is one scenario titled by the file name. */
  implicit: boolean;
}

export interface DnetFile extends Node {
  type: 'DnetFile';
  path: string;
  source: string;
  /** Statements before the first scenario: run at the start of every scenario. */
  setup: Statement[];
  scenarios: Scenario[];
  comments: Comment[];
}
