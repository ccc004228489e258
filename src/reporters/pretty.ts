// The default reporter: per file, ✓/✗/skipped per scenario, each failure in full,
// then the summary line CI reads and the time. Each scenario's line is written as soon as
// it ends; on a terminal (`live`) a transient `… running: TITLE` line shows the one in
// progress (the docker backend takes seconds a scenario), erased when it ends.
import type { ScenarioResult } from '../runner/events.js';
import { failureBlock } from './failure-block.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { formatDuration, summaryLine } from './text.js';

const indent = (lines: string[], by: string): string => lines.map((l) => (l ? by + l : l)).join('\n') + '\n';

// Carriage return, then erase the line: the transient line goes, the cursor stays put.
const eraseLine = '\r\u001b[2K';

export function prettyReporter({ chalk, live = false, columns = 80 }: ReporterOptions): Reporter {
  const sources = new Map<string, string>();
  let showing = false;
  let slow = false;
  let running = '';
  const runningLine = (progress: string): string => {
    showing = true;
    // Cut to one row: erasing reaches back over one row only. A pseudo-terminal may
    // report 0 columns: take the classic 80 then.
    const room = Math.max(20, (columns > 0 ? columns : 80) - 3 - progress.length);
    const line = `… running: ${running}`;
    return `${eraseLine}  ${chalk.dim((line.length > room ? `${line.slice(0, room - 1)}…` : line) + progress)}`;
  };
  const erase = (): string => {
    const text = showing ? eraseLine : '';
    showing = false;
    return text;
  };
  // A failure block ends in a blank line already: the file's closing blank is not doubled.
  let endsBlank = false;
  const time = (ms: number): string => chalk.dim(`(${formatDuration(ms)})`);

  const scenarioText = (r: ScenarioResult): string => {
    switch (r.status) {
      case 'passed': {
        const notes = r.simulatedOnly.map((s) => chalk.dim(`    ↷ simulated only (line ${s.loc.start.line}): ${s.reason}`));
        return [`  ${chalk.green('✓')} ${r.title} ${time(r.duration)}`, ...notes].join('\n') + '\n';
      }
      case 'skipped':
        return `  ${chalk.yellow('-')} ${r.title} ${chalk.yellow(`(skipped: ${r.reason})`)}\n`;
      case 'errored':
        return `  ${chalk.red('✗')} ${r.title} ${time(r.duration)}\n` + indent([`${chalk.red.bold('error')}: ${r.error}`], '    ');
      case 'failed': {
        let out = `  ${chalk.red('✗')} ${r.title} ${time(r.duration)}\n`;
        for (const f of r.failures) out += indent(failureBlock(f, sources.get(r.file), chalk), '    ') + '\n';
        return out;
      }
    }
  };

  return {
    onFileStart(e) {
      sources.set(e.file, e.source);
      return `${erase()}${chalk.bold.underline(e.file)}\n`;
    },
    onFileDiagnostics(e) {
      return e.diagnostics.map((d) => indent(((chalk.level > 0 && d.renderedColor) || d.rendered).replace(/\n+$/, '').split('\n'), '  ')).join('\n');
    },
    onRunStart(e) {
      // Step-by-step progress only where steps take real time (the docker backend).
      slow = e.backends.includes('docker');
    },
    onScenarioStart(e) {
      if (!live) return;
      running = e.scenario.title;
      return runningLine('');
    },
    onStepEnd(e) {
      if (!live || !slow || !showing) return;
      return runningLine(` (line ${e.step.loc.start.line} done)`);
    },
    onScenarioEnd(e) {
      const text = scenarioText(e.result);
      endsBlank = text.endsWith('\n\n');
      return erase() + text;
    },
    onFileEnd() {
      const text = erase() + (endsBlank ? '' : '\n');
      endsBlank = false;
      return text;
    },
    onRunEnd(e) {
      const { counts } = e;
      // An interrupted run (--bail, Ctrl-C) may end with the transient line still shown.
      const cleared = erase();
      const invalid = counts.invalidFiles ? chalk.red(`${counts.invalidFiles} invalid file${counts.invalidFiles === 1 ? '' : 's'} (not run)`) + '\n' : '';
      const colour = counts.failed || counts.invalidFiles ? chalk.red : chalk.green;
      return `${cleared}${invalid}${colour(summaryLine(counts))}\n${chalk.dim(`time: ${formatDuration(e.duration)}`)}\n`;
    },
  };
}
