// Running files in this thread: the backends the command line chose, the selection
// (`-t`, `--tag`), and the runner. Shared by the CLI and its worker threads.
import type { Backend } from '../backends/backend.js';
import type { EnvironmentDependent } from '../runner/differential.js';
import type { RunEvent } from '../runner/events.js';
import { runFiles, type RunSummary } from '../runner/run.js';
import { titleMatcher, type BackendChoice, type RunArgs } from './args.js';
import { loadFile } from './frontend.js';

export interface OpenBackends {
  backends: Backend[];
  environmentDependent?: EnvironmentDependent;
  dispose(): Promise<void>;
}

// Imported on demand: --help and --version load neither the engine nor the docker backend.
async function loadBackend(choice: BackendChoice): Promise<{ backend: Backend; environmentDependent?: EnvironmentDependent }> {
  if (choice === 'sim') {
    const { createSimulatorBackend } = await import('../backends/simulator/index.js');
    return { backend: createSimulatorBackend() };
  }
  const docker = (await import('../backends/docker/index.js')) as typeof import('../backends/docker/index.js') & { environmentDependent?: EnvironmentDependent };
  return { backend: docker.createDockerBackend(), environmentDependent: docker.environmentDependent };
}

export async function openBackends(choices: BackendChoice[]): Promise<OpenBackends> {
  const loaded = await Promise.all(choices.map(loadBackend));
  return {
    backends: loaded.map((l) => l.backend),
    environmentDependent: loaded.find((l) => l.environmentDependent)?.environmentDependent,
    async dispose() {
      for (const l of loaded) await l.backend.dispose();
    },
  };
}

/** The part of the command line a run needs (plain data: it crosses to worker threads). */
export type RunSettings = Pick<RunArgs, 'filters' | 'tags' | 'bail' | 'backends' | 'compareOutput'> & {
  /** Whether a reporter reads stepEnd events (none of the built-in ones does): RunOptions.stepEvents. */
  stepEvents?: boolean;
};

export async function runHere(paths: string[], settings: RunSettings, open: OpenBackends, emit: (e: RunEvent) => void): Promise<RunSummary> {
  const matchesTitle = titleMatcher(settings.filters);
  const tags = settings.tags;
  return runFiles(paths.map((path) => ({ path, load: () => loadFile(path) })), {
    backends: open.backends,
    emit,
    bail: settings.bail,
    stepEvents: settings.stepEvents,
    select: (scenario) => matchesTitle(scenario.title) && (tags.length === 0 || scenario.tags.some((t) => tags.includes(t.name.replace(/^@/, '')))),
    environmentDependent: open.environmentDependent,
    compareOutput: settings.compareOutput,
  });
}
