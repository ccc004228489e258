// The language front end (parse, checks, diagnostic formatting), loaded on demand and
// turned into what the runner takes: a LoadedFile with rendered diagnostics.
// Sync: thousands of small files read one after another; the promise API's open/stat/
// read/close round trips through the thread pool cost more than the reads themselves.
import { readFileSync } from 'node:fs';
import type { FileDiagnostic } from '../runner/events.js';
import type { LoadedFile } from '../runner/run.js';

async function loadFrontend() {
  const [{ parseFile }, { checkFile }, { formatDiagnostic }, { Chalk }] = await Promise.all([
    import('../language/parse.js'),
    import('../language/checks/index.js'),
    import('../diagnostics/index.js'),
    import('chalk'),
  ]);
  // Rendered both ways once; each reporter picks the one its destination wants.
  const coloured = new Chalk({ level: 1 });
  return { parseFile, checkFile, formatDiagnostic, coloured };
}

let frontend: ReturnType<typeof loadFrontend> | null = null;

const hasErrors = (ds: ReadonlyArray<{ severity: string }>): boolean => ds.some((d) => d.severity === 'error');

export async function loadFile(path: string): Promise<LoadedFile> {
  frontend ??= loadFrontend();
  const fe = await frontend;
  const source = readFileSync(path, 'utf8');
  const parsed = fe.parseFile(path, source);
  const raw = [...parsed.diagnostics];
  if (parsed.file && !hasErrors(raw)) raw.push(...fe.checkFile(parsed.file));
  const diagnostics: FileDiagnostic[] = raw.map((d) => ({
    severity: d.severity,
    message: d.message,
    loc: d.loc,
    rendered: fe.formatDiagnostic(d, source, { color: false }),
    renderedColor: fe.formatDiagnostic(d, source, { color: fe.coloured }),
  }));
  const valid = parsed.file !== null && !hasErrors(raw);
  return { path, source, file: valid ? parsed.file : null, diagnostics };
}
