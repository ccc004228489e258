// A `$var` used before any `let` binds it, in the order the scenario runs (setup first).
import { didYouMean, error } from '../../diagnostics/index.js';
import type { Let } from '../ast.js';
import type { Check } from './pass.js';
import { allStatements, runOrder, wordsOf } from './walk.js';

export const undefinedVariable: Check = {
  name: 'undefined-variable',
  run(file, report) {
    // A `$var` is written with a `$`: a file without one has nothing to check, and the walk
    // below is ~40–60 ms of a cold start on a file of 15,000 statements.
    if (!file.source.includes('$')) return;
    const seen = new Set<number>(); // setup runs in every scenario: report its uses once
    const lets = allStatements(file).filter((s): s is Let => s.type === 'Let');
    for (const scenario of file.scenarios) {
      const bound = new Set<string>();
      for (const statement of runOrder(file, scenario)) {
        for (const word of wordsOf(statement)) {
          for (const part of word.parts) {
            if (part.type !== 'Var' || bound.has(part.name) || seen.has(part.loc.start.offset)) continue;
            seen.add(part.loc.start.offset);
            const later = lets.find((l) => l.name === part.name && l.loc.start.offset > part.loc.start.offset);
            const guess = later ? null : didYouMean(part.name, bound);
            const label = later ? 'used before its `let`' : guess ? `did you mean '$${guess}'?` : 'no `let` binds it';
            report(error(`undefined variable '$${part.name}'`, part.loc, {
              label,
              notes: later ? [{ message: `'${part.name}' is bound only later`, loc: later.nameLoc }] : [],
            }));
          }
        }
        if (statement.type === 'Let') bound.add(statement.name);
      }
    }
  },
};
