// The language front end (parse, checks, diagnostic formatting), loaded on demand,
// turned into what the runner takes: a LoadedFile with rendered diagnostics.
import { readFile } from 'node:fs/promises';
import type { DnetFile, Location } from '../language/ast.js';
import type { FileDiagnostic } from '../runner/events.js';
import type { LoadedFile } from '../runner/run.js';

/** The part of the language engineer's Diagnostic the CLI relies on. */
interface Diagnostic {
  severity?: string;
  message: string;
  loc?: Location | null;
}

interface Frontend {
  parseFile(path: string, source: string): { file: DnetFile | null; diagnostics: Diagnostic[] };
  checkFile(file: DnetFile): Diagnostic[];
  formatDiagnostic(d: Diagnostic, source: string, options: { color: boolean }): string;
}

let frontend: Promise<Frontend> | null = null;

// Specifiers held in variables: the modules are written concurrently by the language
// engineer, and this keeps the CLI compiling while they land.
const parseModule: string = '../language/parse.js';
const checksModule: string = '../language/checks/index.js';
const diagnosticsModules: string[] = ['../diagnostics/index.js', '../diagnostics/format.js'];

async function loadFrontend(): Promise<Frontend> {
  const parse = (await import(parseModule)) as Pick<Frontend, 'parseFile'>;
  const checks = (await import(checksModule)) as Pick<Frontend, 'checkFile'>;
  let format: Frontend['formatDiagnostic'] = fallbackFormat;
  for (const spec of diagnosticsModules) {
    try {
      const mod = (await import(spec)) as Partial<Frontend>;
      if (mod.formatDiagnostic) {
        format = mod.formatDiagnostic;
        break;
      }
    } catch {
      // try the next place the formatter may live
    }
  }
  return { parseFile: parse.parseFile, checkFile: checks.checkFile, formatDiagnostic: format };
}

function fallbackFormat(d: Diagnostic, _source: string, _options: { color: boolean }): string {
  const where = d.loc ? `\n --> ${d.loc.source}:${d.loc.start.line}:${d.loc.start.column}` : '';
  return `${d.severity ?? 'error'}: ${d.message}${where}`;
}

export async function loadFile(path: string): Promise<LoadedFile> {
  frontend ??= loadFrontend();
  const fe = await frontend;
  const source = await readFile(path, 'utf8');
  const parsed = fe.parseFile(path, source);
  const raw = [...parsed.diagnostics];
  if (parsed.file && !raw.some(isError)) raw.push(...fe.checkFile(parsed.file));
  const diagnostics: FileDiagnostic[] = raw.map((d) => ({
    severity: isError(d) ? 'error' : 'warning',
    message: d.message,
    loc: d.loc ?? null,
    rendered: fe.formatDiagnostic(d, source, { color: false }),
    renderedColor: fe.formatDiagnostic(d, source, { color: true }),
  }));
  const valid = parsed.file !== null && !diagnostics.some((d) => d.severity === 'error');
  return { path, source, file: valid ? parsed.file : null, diagnostics };
}

function isError(d: Diagnostic): boolean {
  return d.severity === undefined || d.severity === 'error';
}
