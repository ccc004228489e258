// `dnet-test [PATH…]`: find files, load them, pick backends, run, report, exit code.
import type { Backend } from '../backends/backend.js';
import type { HistoryDependent } from '../runner/differential.js';
import { runFiles } from '../runner/run.js';
import { titleMatcher, type BackendChoice, type RunArgs } from './args.js';
import { discover, shard } from './discover.js';
import { loadFile } from './frontend.js';
import { setUpReporters } from './reporting.js';

interface LoadedBackend {
  backend: Backend;
  historyDependent?: HistoryDependent;
}

// Imported on demand: the docker backend (and even the engine) need not load for --help.
async function loadBackend(choice: BackendChoice): Promise<LoadedBackend> {
  if (choice === 'sim') {
    const { createSimulatorBackend } = await import('../backends/simulator/index.js');
    return { backend: createSimulatorBackend() };
  }
  const docker = (await import('../backends/docker/index.js')) as typeof import('../backends/docker/index.js') & { historyDependent?: HistoryDependent };
  return { backend: docker.createDockerBackend(), historyDependent: docker.historyDependent };
}

export async function run(args: RunArgs): Promise<number> {
  const matchesTitle = titleMatcher(args.filters);
  const reporting = await setUpReporters(args.reporters, args.color);
  let files = await discover(args.paths);
  if (args.shard) files = shard(files, args.shard.index, args.shard.total);
  const loaded = [];
  for (const path of files) loaded.push(await loadFile(path));
  const backends = await Promise.all(args.backends.map(loadBackend));
  try {
    const summary = await runFiles(loaded, {
      backends: backends.map((b) => b.backend),
      emit: (e) => reporting.emit(e),
      bail: args.bail,
      select: (scenario) => matchesTitle(scenario.title) && (args.tags.length === 0 || scenario.tags.some((t) => args.tags.includes(t.name.replace(/^@/, '')))),
      historyDependent: backends.find((b) => b.historyDependent)?.historyDependent,
    });
    await reporting.finish();
    if (summary.counts.invalidFiles > 0) return 2;
    return summary.counts.failed > 0 ? 1 : 0;
  } finally {
    for (const b of backends) await b.backend.dispose();
  }
}
