// The simulator backend: a fresh Controller per scenario; commands through its CLI
// front, probes through its probe answers. Nothing waits on a clock (realTime: false).
import { runCli, type ToolRunner } from '../../engine/cli/index.js';
import { Controller } from '../../engine/controller.js';
import { answerProbe } from '../../engine/probes.js';
import type { Backend, BackendSession, ProbeKind, ProbeOf, ProbeOutcome } from '../backend.js';

export function createSimulatorBackend(tools?: ToolRunner): Backend {
  return {
    name: 'sim',
    realTime: false,
    async open(): Promise<BackendSession> {
      const ctrl = new Controller();
      return {
        async run(program, args) {
          return runCli(ctrl, program, args, tools);
        },
        async probe<K extends ProbeKind>(probe: ProbeOf<K>): Promise<ProbeOutcome<K>> {
          return answerProbe(ctrl, probe);
        },
        async close() {},
      };
    },
    async dispose() {},
  };
}

export const simulatorBackend: Backend = createSimulatorBackend();
