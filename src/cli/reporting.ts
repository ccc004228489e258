// `--reporter NAME[=PATH]` → reporters, each with its own destination: stdout as the
// run goes, or a file written when the run ends.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { closest } from '../docker-cli/closest.js';
import { feed, isReporterName, loadReporter, reporterNames, type Reporter } from '../reporters/index.js';
import type { RunEvent } from '../runner/events.js';
import { UsageError, type ReporterSpec } from './args.js';
import { chalkFor } from './color.js';

interface Destination {
  reporter: Reporter;
  path: string | null;
  buffer: string;
}

export interface Reporting {
  emit(event: RunEvent): void;
  /** Writes the file destinations. */
  finish(): Promise<void>;
}

export async function setUpReporters(specs: ReporterSpec[], color: boolean | null): Promise<Reporting> {
  const wanted = specs.length ? specs : [{ name: 'pretty', path: null }];
  for (const spec of wanted) {
    if (!isReporterName(spec.name)) {
      const guess = closest(spec.name, reporterNames);
      throw new UsageError(`unknown reporter '${spec.name}' (known: ${reporterNames.join(', ')})${guess ? `\n  did you mean '${guess}'?` : ''}`);
    }
    if (spec.path === '') throw new UsageError(`--reporter ${spec.name}= needs a file path after '='`);
  }
  const destinations: Destination[] = [];
  for (const spec of wanted) {
    const factory = await loadReporter(spec.name as Parameters<typeof loadReporter>[0]);
    const chalk = await chalkFor(color, spec.path === null ? process.stdout : null);
    destinations.push({ reporter: factory({ chalk }), path: spec.path, buffer: '' });
  }
  return {
    emit(event) {
      for (const d of destinations) {
        const text = feed(d.reporter, event);
        if (!text) continue;
        if (d.path === null) process.stdout.write(text);
        else d.buffer += text;
      }
    },
    async finish() {
      for (const d of destinations) {
        if (d.path === null) continue;
        await mkdir(dirname(d.path), { recursive: true });
        await writeFile(d.path, d.buffer);
      }
    },
  };
}
