// The whole run as one JSON document (written at runEnd): counts, files, scenario results.
import type { FileDiagnostic, ScenarioResult } from '../runner/events.js';
import type { Reporter } from './reporter.js';

export function jsonReporter(): Reporter {
  const files: Array<{ file: string; valid: boolean; diagnostics: Omit<FileDiagnostic, 'rendered'>[]; scenarios: ScenarioResult[] }> = [];
  let backends: string[] = [];
  return {
    onRunStart(e) {
      backends = e.backends;
    },
    onFileEnd(e) {
      files.push({
        file: e.file,
        valid: !e.diagnostics.some((d) => d.severity === 'error'),
        diagnostics: e.diagnostics.map(({ rendered: _rendered, ...d }) => d),
        scenarios: e.results,
      });
    },
    onRunEnd(e) {
      return JSON.stringify({ version: 1, backends, counts: e.counts, duration: Math.round(e.duration), files }, null, 2) + '\n';
    },
  };
}
