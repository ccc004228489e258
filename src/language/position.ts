// Offsets ↔ line/column, for diagnostics that point somewhere the parser did not.
import type { Location, Position } from './ast.js';

export function positionAt(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

export function locationAt(path: string, source: string, start: number, end: number): Location {
  return { source: path, start: positionAt(source, start), end: positionAt(source, end) };
}
