// `expect output matches /…/flags`: the pattern must be a valid JavaScript RegExp.
import { error } from '../../diagnostics/index.js';
import type { Check } from './pass.js';
import { allStatements } from './walk.js';

export const regex: Check = {
  name: 'regex',
  run(file, report) {
    for (const s of allStatements(file)) {
      if (s.type !== 'Expect' || s.expectation.type !== 'OutputExpect') continue;
      const check = s.expectation.check;
      if (check.type !== 'Matches') continue;
      try {
        new RegExp(check.pattern, check.flags);
      } catch (e) {
        // V8 says "Invalid regular expression: /a(/: Unterminated group": keep the reason.
        const message = (e as Error).message;
        const why = message.startsWith('Invalid regular expression') ? message.slice(message.lastIndexOf(': ') + 2) : message;
        report(error(`invalid regular expression /${check.pattern}/${check.flags}: ${why}`, s.expectation.loc));
      }
    }
  },
};
