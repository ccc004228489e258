// JUnit XML: one testsuite per file, one testcase per scenario; an invalid file is a
// suite with one errored case. Written whole at runEnd.
import type { FileDiagnostic, ScenarioResult } from '../runner/events.js';
import type { Reporter } from './reporter.js';
import { whyText } from './text.js';

const xml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(r: ScenarioResult): string {
  const open = `    <testcase classname="${xml(r.file)}" name="${xml(r.title)}" time="${seconds(r.duration)}"`;
  switch (r.status) {
    case 'passed':
      return `${open}/>\n`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xml(r.reason)}"/>\n    </testcase>\n`;
    case 'errored':
      return `${open}>\n      <error message="${xml(r.error)}" type="error">${xml(r.stack ?? r.error)}</error>\n    </testcase>\n`;
    case 'failed': {
      const failures = r.failures.map((f) => {
        const at = `${f.loc.source}:${f.loc.start.line}:${f.loc.start.column}`;
        const why = whyText(f.why);
        const body = [`at ${at}`, `expected: ${f.expected}`, `observed: ${f.observed}`, ...(why ? [`why: ${why}`] : []), ...(f.stderr ? [`stderr: ${f.stderr.trim()}`] : [])].join('\n');
        return `      <failure message="${xml(`${f.message}: expected ${f.expected}, observed ${f.observed}`)}" type="${f.kind}">${xml(body)}</failure>\n`;
      });
      return `${open}>\n${failures.join('')}    </testcase>\n`;
    }
  }
}

interface Suite {
  file: string;
  results: ScenarioResult[];
  diagnostics: FileDiagnostic[];
}

function suite(s: Suite): string {
  const invalid = s.diagnostics.some((d) => d.severity === 'error');
  const failures = s.results.filter((r) => r.status === 'failed').length;
  const errors = s.results.filter((r) => r.status === 'errored').length + (invalid ? 1 : 0);
  const skipped = s.results.filter((r) => r.status === 'skipped').length;
  const tests = s.results.length + (invalid ? 1 : 0);
  const time = s.results.reduce((t, r) => t + r.duration, 0);
  let out = `  <testsuite name="${xml(s.file)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}">\n`;
  if (invalid) {
    const text = s.diagnostics.map((d) => d.rendered).join('\n');
    out += `    <testcase classname="${xml(s.file)}" name="(file is invalid)" time="0.000">\n      <error message="${xml(s.diagnostics[0].message)}" type="invalid-file">${xml(text)}</error>\n    </testcase>\n`;
  }
  for (const r of s.results) out += testcase(r);
  return out + '  </testsuite>\n';
}

export function junitReporter(): Reporter {
  const suites: Suite[] = [];
  return {
    onFileEnd(e) {
      suites.push({ file: e.file, results: e.results, diagnostics: e.diagnostics });
    },
    onRunEnd(e) {
      const all = suites.flatMap((s) => s.results);
      const errors = all.filter((r) => r.status === 'errored').length + e.counts.invalidFiles;
      const failures = all.filter((r) => r.status === 'failed').length;
      const head = `<testsuites name="dnet-test" tests="${all.length + e.counts.invalidFiles}" failures="${failures}" errors="${errors}" skipped="${e.counts.skipped}" time="${seconds(e.duration)}">\n`;
      return `<?xml version="1.0" encoding="UTF-8"?>\n${head}${suites.map(suite).join('')}</testsuites>\n`;
    },
  };
}
