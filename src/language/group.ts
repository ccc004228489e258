// RawFile (items in source order) → DnetFile (setup + scenarios), as LANGUAGE.md says:
// statements before the first `scenario` are setup; a file without `scenario` lines is
// one implicit scenario titled by its file name; own-line comments directly above a
// `scenario` line are its description.
import { basename, extname } from 'node:path';
import type { Comment, DnetFile, Location, RawFile, Scenario, ScenarioHeader, Statement } from './ast.js';

function spanTo(start: Location, last: { loc: Location } | undefined): Location {
  return last ? { source: start.source, start: start.start, end: last.loc.end } : start;
}

/** Own-line comments ending on the line just above `header`, in order. */
function descriptionOf(items: RawFile['items'], index: number, header: ScenarioHeader): string[] {
  const lines: string[] = [];
  let expectedLine = header.loc.start.line - 1;
  for (let i = index - 1; i >= 0; i--) {
    const item = items[i];
    if (item.type !== 'Comment' || !item.ownLine || item.loc.start.line !== expectedLine) break;
    lines.unshift(item.text);
    expectedLine--;
  }
  return lines;
}

export function groupFile(raw: RawFile, path: string, source: string): DnetFile {
  const setup: Statement[] = [];
  const scenarios: Scenario[] = [];
  const comments: Comment[] = [];
  let current: Scenario | null = null;
  raw.items.forEach((item, index) => {
    if (item.type === 'Comment') comments.push(item);
    else if (item.type === 'ScenarioHeader') {
      current = { type: 'Scenario', title: item.title, tags: item.tags, description: descriptionOf(raw.items, index, item),
        body: [], implicit: false, loc: item.loc };
      scenarios.push(current);
    } else if (current) {
      current.body.push(item);
      current.loc = spanTo(current.loc, item);
    } else setup.push(item);
  });
  if (scenarios.length === 0) {
    // The whole file is the scenario; nothing is "setup" of a single scenario.
    scenarios.push({ type: 'Scenario', title: basename(path, extname(path)), tags: [], description: [],
      body: setup.splice(0), implicit: true, loc: raw.loc });
  }
  return { type: 'DnetFile', path, source, setup, scenarios, comments, loc: raw.loc };
}
