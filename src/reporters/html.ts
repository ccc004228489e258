// One self-contained HTML page (inline CSS, no scripts, no network): the summary, then
// per file its scenarios; a failure shows where (file:line:col), the source around it
// with the step marked, expected / observed / why, and Docker's own words.
// Written whole at runEnd, like junit and json.
import type { Explanation } from '../backends/backend.js';
import type { Failure, FileDiagnostic, ScenarioResult } from '../runner/events.js';
import type { Reporter } from './reporter.js';
import { formatDuration, summaryLine, whyText } from './text.js';

const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Lines of source shown above the failing step. */
const CONTEXT = 2;

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1f2328}
h1{font-size:1.4em;margin:0}h2{font-size:1.1em;margin:1.6em 0 .4em;font-family:ui-monospace,monospace}
.summary{font-weight:600;font-size:1.1em}.ok{color:#1a7f37}.bad{color:#cf222e}.skip{color:#9a6700}.dim{color:#656d76}
.scenario{margin:.2em 0 .2em 1em}.scenario>summary{cursor:pointer}.tag{font-size:.85em;color:#0969da;margin-left:.4em}
.failure{border-left:3px solid #cf222e;margin:.6em 0 1em 1.2em;padding:.2em .8em;background:#fff8f8}
.failure h3{font-size:1em;margin:.3em 0}.at{font-family:ui-monospace,monospace;color:#656d76;margin:.2em 0}
pre{font:13px/1.4 ui-monospace,monospace;background:#f6f8fa;padding:.5em .8em;overflow-x:auto;margin:.3em 0}
pre .hit{background:#ffebe9;display:inline-block;min-width:100%}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.4em 0}dt{font-weight:600}dd{margin:0}
dd ol{margin:0;padding-left:1.2em}dd pre{margin:0}
`;

function sourceExcerpt(loc: Failure['loc'], source: string | undefined): string {
  if (source === undefined) return '';
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, loc.start.line - CONTEXT);
  const width = String(loc.start.line).length;
  const rows: string[] = [];
  for (let n = first; n <= loc.start.line && n <= lines.length; n++) {
    const text = `${String(n).padStart(width)} | ${esc(lines[n - 1])}`;
    rows.push(n === loc.start.line ? `<span class="hit">${text}</span>` : text);
  }
  const endCol = loc.end.line === loc.start.line ? loc.end.column : (lines[loc.start.line - 1]?.length ?? 0) + 1;
  const carets = '^'.repeat(Math.max(1, endCol - loc.start.column));
  rows.push(`<span class="bad">${' '.repeat(width)} | ${' '.repeat(loc.start.column - 1)}${carets}</span>`);
  return `<pre class="source">${rows.join('\n')}</pre>`;
}

/** `why` as the engine's steps, one a line, or its cause in words. */
function whyHtml(why: Explanation | null): string | null {
  if (!why) return null;
  if (why.steps.length > 1) return `<ol>${why.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`;
  const text = whyText(why);
  return text === null ? null : esc(text);
}

function entry(term: string, html: string | null): string {
  return html === null ? '' : `<dt>${esc(term)}</dt><dd>${html}</dd>`;
}

function failureHtml(f: Failure, source: string | undefined): string {
  const at = `${f.loc.source}:${f.loc.start.line}:${f.loc.start.column}`;
  const details = [entry('expected', esc(f.expected))];
  if (f.sides) {
    for (const side of f.sides) {
      details.push(entry(`observed on ${side.backend}`, esc(side.observed)), entry(`why on ${side.backend}`, whyHtml(side.why)));
    }
  } else {
    details.push(entry('observed', esc(f.observed)), entry('why', whyHtml(f.why)));
    const stderr = f.stderr?.trim();
    if (stderr) details.push(entry('docker said', `<pre>${esc(stderr)}</pre>`));
  }
  return `<div class="failure"><h3>${esc(f.message)}</h3><p class="at">${esc(at)}</p>${sourceExcerpt(f.loc, source)}<dl>${details.join('')}</dl></div>`;
}

const mark: Record<ScenarioResult['status'], string> = {
  passed: '<span class="ok">✓</span>',
  failed: '<span class="bad">✗</span>',
  errored: '<span class="bad">✗</span>',
  skipped: '<span class="skip">-</span>',
};

function scenarioHtml(r: ScenarioResult, source: string | undefined): string {
  const tags = r.tags.map((t) => `<span class="tag">@${esc(t)}</span>`).join('');
  const time = r.status === 'skipped' ? '' : ` <span class="dim">(${formatDuration(r.duration)})</span>`;
  const head = `${mark[r.status]} ${esc(r.title)}${tags}${time}`;
  switch (r.status) {
    case 'passed': {
      const notes = r.simulatedOnly.map((s) => `<div class="dim">↷ simulated only (line ${s.loc.start.line}): ${esc(s.reason)}</div>`);
      return `<div class="scenario passed">${head}${notes.join('')}</div>`;
    }
    case 'skipped':
      return `<div class="scenario skipped">${head} <span class="skip">(skipped: ${esc(r.reason)})</span></div>`;
    case 'errored':
      return `<details class="scenario errored" open><summary>${head}</summary><div class="failure"><h3>error: ${esc(r.error)}</h3>${r.stack ? `<pre>${esc(r.stack)}</pre>` : ''}</div></details>`;
    case 'failed':
      return `<details class="scenario failed" open><summary>${head}</summary>${r.failures.map((f) => failureHtml(f, source)).join('')}</details>`;
  }
}

interface FileRecord {
  file: string;
  source: string | undefined;
  results: ScenarioResult[];
  diagnostics: FileDiagnostic[];
}

function fileHtml(f: FileRecord): string {
  const diagnostics = f.diagnostics.length ? `<pre class="diagnostics">${esc(f.diagnostics.map((d) => d.rendered.replace(/\n+$/, '')).join('\n\n'))}</pre>` : '';
  const invalid = f.diagnostics.some((d) => d.severity === 'error') ? '<p class="bad">invalid file: nothing of it ran</p>' : '';
  return `<section class="file"><h2>${esc(f.file)}</h2>\n${invalid}${diagnostics}${f.results.map((r) => scenarioHtml(r, f.source)).join('\n')}\n</section>\n`;
}

export function htmlReporter(): Reporter {
  const files: FileRecord[] = [];
  const sources = new Map<string, string>();
  let backends: string[] = [];
  return {
    onRunStart(e) {
      backends = e.backends;
    },
    onFileStart(e) {
      sources.set(e.file, e.source);
    },
    onFileEnd(e) {
      files.push({ file: e.file, source: sources.get(e.file), results: e.results, diagnostics: e.diagnostics });
    },
    onRunEnd(e) {
      const { counts } = e;
      const summary = summaryLine(counts);
      const bad = counts.failed > 0 || counts.invalidFiles > 0;
      const invalid = counts.invalidFiles ? `<p class="bad">${counts.invalidFiles} invalid file${counts.invalidFiles === 1 ? '' : 's'} (not run)</p>` : '';
      return [
        '<!doctype html>',
        '<html lang="en">',
        `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>dnet-test: ${esc(summary)}</title><style>${style}</style></head>`,
        '<body>',
        `<header><h1>dnet-test</h1><p class="summary ${bad ? 'bad' : 'ok'}">${esc(summary)}</p>${invalid}<p class="dim">backend: ${esc(backends.join(', '))} · time: ${formatDuration(e.duration)}</p></header>`,
        ...files.map(fileHtml),
        '</body>',
        '</html>',
        '',
      ].join('\n');
    },
  };
}
