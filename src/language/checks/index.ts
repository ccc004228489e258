// The checks run after parsing, as a staged list (Peggy's compiler passes): each one
// reads the whole file and reports every problem it sees; all run, nothing stops early.
import type { Diagnostic } from '../../diagnostics/index.js';
import type { DnetFile } from '../ast.js';
import { addresses } from './addresses.js';
import { dockerInvocation } from './docker-invocation.js';
import { duplicateTitle } from './duplicate-title.js';
import { emptyScenario } from './empty-scenario.js';
import type { Check } from './pass.js';
import { regex } from './regex.js';
import { undefinedVariable } from './undefined-variable.js';
import { zeroWithin } from './zero-within.js';

export type { Check, Report } from './pass.js';

export const stages: ReadonlyArray<{ stage: string; checks: readonly Check[] }> = [
  // The shape of the file: scenarios worth running.
  { stage: 'structure', checks: [emptyScenario, duplicateTitle] },
  // Names: every `$var` bound before use.
  { stage: 'names', checks: [undefinedVariable] },
  // Words Docker or the expectations would refuse.
  { stage: 'words', checks: [dockerInvocation, addresses, regex, zeroWithin] },
];

/** Every problem of the file, in source order. */
export function checkFile(file: DnetFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { checks } of stages) for (const c of checks) c.run(file, (d) => found.push(d));
  return found.sort((a, b) => a.loc.start.offset - b.loc.start.offset);
}
