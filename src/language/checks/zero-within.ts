// `within 0s` gives the expectation no time at all: it cannot mean what it says.
import { error } from '../../diagnostics/index.js';
import type { Check } from './pass.js';
import { allStatements } from './walk.js';

export const zeroWithin: Check = {
  name: 'zero-within',
  run(file, report) {
    for (const s of allStatements(file)) {
      const within = s.type === 'Expect' ? s.expectation.within : null;
      if (within && within.ms === 0) {
        report(error(`'within ${within.raw}' leaves no time to retry`, within.loc, {
          hint: 'give a positive duration such as `5s`, or drop `within` to check once',
        }));
      }
    }
  },
};
