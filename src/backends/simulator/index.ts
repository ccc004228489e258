// The simulator backend: a fresh Controller per scenario; commands through its CLI
// front, probes through its probe answers. Nothing waits on a clock (realTime: false).
import { runCli, type ComposeHandler, type ToolRunner } from '../../engine/cli/index.js';
import { composeHandler } from '../../engine/compose/index.js';
import { Controller } from '../../engine/controller.js';
import { answerProbe } from '../../engine/probes.js';
import type { Backend, BackendSession, ProbeKind, ProbeOf, ProbeOutcome, ScenarioContext } from '../backend.js';

export interface SimulatorOptions {
  /** In-container tools (default: src/engine/exec). */
  tools?: ToolRunner;
  /** docker-compose support, given the scenario (its files, its folder). */
  compose?: (context: ScenarioContext) => ComposeHandler;
}

export function createSimulatorBackend(options: SimulatorOptions = {}): Backend {
  return {
    name: 'sim',
    realTime: false,
    async open(context: ScenarioContext): Promise<BackendSession> {
      const ctrl = new Controller();
      const files = new Map(context.files);
      const handler = options.compose ?? composeHandler;
      let compose = handler(context);
      return {
        async run(program, args) {
          return runCli(ctrl, program, args, options.tools, compose);
        },
        async probe<K extends ProbeKind>(probe: ProbeOf<K>): Promise<ProbeOutcome<K>> {
          return answerProbe(ctrl, probe);
        },
        async writeFile(path, content) {
          // The compose/build handler reads its workspace once: a new one sees the new file.
          files.set(path, content);
          compose = handler({ ...context, files });
        },
        async close() {},
      };
    },
    async dispose() {},
  };
}

export const simulatorBackend: Backend = createSimulatorBackend();
