// `dnet-test docs [--out FILE] PATH…`: Markdown documentation of the scenarios, to FILE
// or stdout. A file that does not parse stops it (exit 2): half a document misleads.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatDiagnostic } from '../diagnostics/index.js';
import type { DnetFile } from '../language/ast.js';
import { parseFile } from '../language/parse.js';
import type { Args } from './args.js';
import { chalkFor } from './color.js';
import { discover } from './discover.js';
import { docsMarkdown } from './docs-markdown.js';

export async function docs(args: Extract<Args, { command: 'docs' }>): Promise<number> {
  const err = await chalkFor(args.color, process.stderr);
  const files: DnetFile[] = [];
  let invalid = 0;
  for (const path of await discover(args.paths)) {
    const source = await readFile(path, 'utf8');
    const parsed = parseFile(path, source);
    if (parsed.file && !parsed.diagnostics.some((d) => d.severity === 'error')) {
      files.push(parsed.file);
      continue;
    }
    invalid++;
    for (const d of parsed.diagnostics) process.stderr.write(`${formatDiagnostic(d, source, { color: err.level > 0 ? err : null })}\n\n`);
  }
  if (invalid > 0) {
    process.stderr.write(err.red(`${invalid} invalid file${invalid === 1 ? '' : 's'}: no documentation written`) + '\n');
    return 2;
  }
  const markdown = docsMarkdown(files);
  if (args.out === null) {
    process.stdout.write(markdown);
    return 0;
  }
  await mkdir(dirname(args.out), { recursive: true });
  await writeFile(args.out, markdown);
  process.stdout.write(`wrote ${args.out} (${files.length} file${files.length === 1 ? '' : 's'})\n`);
  return 0;
}
