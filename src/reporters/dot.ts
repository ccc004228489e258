// One character per scenario (. passed, F failed, E errored, - skipped), then the summary.
import type { Reporter, ReporterOptions } from './reporter.js';
import { formatDuration, summaryLine } from './text.js';

export function dotReporter({ chalk }: ReporterOptions): Reporter {
  return {
    onScenarioEnd({ result }) {
      switch (result.status) {
        case 'passed':
          return chalk.green('.');
        case 'failed':
          return chalk.red('F');
        case 'errored':
          return chalk.red('E');
        case 'skipped':
          return chalk.yellow('-');
      }
    },
    onFileDiagnostics() {
      return chalk.red('X');
    },
    onRunEnd({ counts, duration }) {
      return `\n${summaryLine(counts)}\ntime: ${formatDuration(duration)}\n`;
    },
  };
}
