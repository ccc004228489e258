// TAP version 13: one test point per scenario (an invalid file is one failing point),
// YAML diagnostics for failures. The plan comes last: the count is known only then.
import { stringify } from 'yaml';
import type { Failure, ScenarioResult } from '../runner/events.js';
import type { Reporter } from './reporter.js';
import { whyText } from './text.js';

const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/\n/g, ' ');

function yamlBlock(data: unknown): string {
  const body = stringify(data, { lineWidth: 0 }).replace(/\n$/, '');
  return `  ---\n${body.split('\n').map((l) => `  ${l}`).join('\n')}\n  ...\n`;
}

function failureData(f: Failure): Record<string, unknown> {
  const data: Record<string, unknown> = {
    message: f.message,
    at: `${f.loc.source}:${f.loc.start.line}:${f.loc.start.column}`,
    expected: f.expected,
    observed: f.observed,
  };
  const why = whyText(f.why);
  if (why) data.why = why;
  if (f.stderr) data.stderr = f.stderr;
  if (f.sides) data.sides = Object.fromEntries(f.sides.map((s) => [s.backend, { observed: s.observed, why: whyText(s.why) }]));
  return data;
}

export function tapReporter(): Reporter {
  let n = 0;
  const point = (r: ScenarioResult): string => {
    n++;
    const name = escape(`${r.file} > ${r.title}`);
    switch (r.status) {
      case 'passed':
        return `ok ${n} - ${name}\n` + r.simulatedOnly.map((x) => `# simulated only (line ${x.loc.start.line}): ${escape(x.reason)}\n`).join('');
      case 'skipped':
        return `ok ${n} - ${name} # SKIP ${escape(r.reason)}\n`;
      case 'errored':
        return `not ok ${n} - ${name}\n` + yamlBlock({ severity: 'error', message: r.error, duration_ms: Math.round(r.duration) });
      case 'failed':
        return `not ok ${n} - ${name}\n` + yamlBlock({ severity: 'fail', duration_ms: Math.round(r.duration), failures: r.failures.map(failureData) });
    }
  };
  return {
    onRunStart() {
      return 'TAP version 13\n';
    },
    onFileDiagnostics(e) {
      // Warnings alone do not stop a file: they are comments, not a test point.
      if (!e.diagnostics.some((d) => d.severity === 'error')) return e.diagnostics.map((d) => `# ${escape(d.message)}\n`).join('');
      n++;
      const diagnostics = e.diagnostics.map((d) => ({
        severity: d.severity,
        message: d.message,
        at: d.loc ? `${d.loc.source}:${d.loc.start.line}:${d.loc.start.column}` : e.file,
      }));
      return `not ok ${n} - ${escape(e.file)} (invalid file)\n` + yamlBlock({ severity: 'fail', diagnostics });
    },
    onScenarioEnd(e) {
      return point(e.result);
    },
    onRunEnd(e) {
      return `1..${n}\n# ${e.counts.passed} passed, ${e.counts.failed} failed, ${e.counts.skipped} skipped\n`;
    },
  };
}
