// A scenario with no statements tests nothing: most likely a title left behind.
import { error } from '../../diagnostics/index.js';
import type { Check } from './pass.js';

export const emptyScenario: Check = {
  name: 'empty-scenario',
  run(file, report) {
    for (const s of file.scenarios) {
      if (s.body.length > 0) continue;
      const what = s.implicit ? `'${file.path}' has no statements` : `scenario "${s.title}" has no statements`;
      report(error(what, s.loc, { hint: 'add `docker …` commands and `expect …` lines under it, or remove it' }));
    }
  },
};
