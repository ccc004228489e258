// Two scenarios of a file with one title: reports, filters and `-t` could not tell them apart.
import { error } from '../../diagnostics/index.js';
import type { Scenario } from '../ast.js';
import type { Check } from './pass.js';

export const duplicateTitle: Check = {
  name: 'duplicate-title',
  run(file, report) {
    const first = new Map<string, Scenario>();
    for (const s of file.scenarios) {
      const earlier = first.get(s.title);
      if (!earlier) {
        first.set(s.title, s);
        continue;
      }
      report(error(`duplicate scenario title "${s.title}"`, s.loc, {
        label: 'a second scenario with this title',
        notes: [{ message: 'first used here', loc: earlier.loc }],
      }));
    }
  },
};
