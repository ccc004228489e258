// Parsed files → Markdown documentation of the specs (`dnet-test docs`): per file a
// heading, its opening comment and setup; per scenario its title, tags, description
// (the comment lines above `scenario`) and its statements as the printer writes them.
import type { DnetFile, Scenario, Statement } from '../language/ast.js';
import { printStatement } from '../language/print.js';

/** Markdown inline text: characters that would start emphasis, links or HTML, escaped. */
const inline = (text: string): string => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

/** A fence longer than any backtick run inside, so a statement can never close it. */
function codeBlock(statements: Statement[]): string {
  const body = statements.map((s) => printStatement(s)).join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}dnet\n${body}\n${fence}`;
}

/** Comment lines become prose; an empty comment line (`#`) separates paragraphs. */
const prose = (lines: string[]): string => lines.map((l) => l.trimEnd()).join('\n').trim();

/** Own-line comments from the file's first line down, unless they describe a scenario. */
function fileIntro(file: DnetFile): string[] {
  const lines: string[] = [];
  let next = 1;
  for (const c of file.comments) {
    if (!c.ownLine || c.loc.start.line !== next) break;
    lines.push(c.text);
    next++;
  }
  const first = file.scenarios[0];
  const describesFirst = first && !first.implicit && first.loc.start.line === next;
  return describesFirst ? [] : lines;
}

function scenarioSection(s: Scenario): string[] {
  const parts = [`### ${inline(s.title)}`];
  if (s.tags.length) parts.push(`Tags: ${s.tags.map((t) => `\`@${t.name}\``).join(' ')}`);
  const description = prose(s.description);
  if (description) parts.push(description);
  parts.push(s.body.length ? codeBlock(s.body) : '_(no statements)_');
  return parts;
}

function fileSection(file: DnetFile): string[] {
  const parts = [`## ${inline(file.path)}`];
  const intro = prose(fileIntro(file));
  if (intro) parts.push(intro);
  if (file.setup.length) parts.push('Setup, run at the start of every scenario of the file:', codeBlock(file.setup));
  for (const s of file.scenarios) parts.push(...scenarioSection(s));
  return parts;
}

export function docsMarkdown(files: DnetFile[], title = 'Scenarios'): string {
  const count = files.reduce((n, f) => n + f.scenarios.length, 0);
  const head = [`# ${inline(title)}`, `${count} scenario${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}.`];
  return [...head, ...files.flatMap(fileSection)].join('\n\n') + '\n';
}
