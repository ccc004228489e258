// Go's text/tabwriter as Docker's formatter configures it: NewWriter(out, minwidth 10,
// tabwidth 1, padding 3, ' ', 0). Cells end at a tab; a column is as wide as its widest
// cell + 3, at least 10; the text after a line's last tab is not aligned. Columns are
// computed per block of consecutive lines that have that column, as Go does.

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const DOCKER_TABWRITER: TabwriterOptions = { minWidth: 10, padding: 3 };

const width = (s: string): number => [...s].length;

export function tabwrite(text: string, options: TabwriterOptions = DOCKER_TABWRITER): string {
  const trailingNewline = text.endsWith('\n');
  const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      out.push(cells.map((cell, j) => (j < cells.length - 1 && j < widths.length ? cell.padEnd(widths[j]! - width(cell) + cell.length) : cell)).join(''));
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      // A block of lines with a cell in this column starts here.
      writeLines(line0, i);
      line0 = i;
      let w = options.minWidth;
      for (; i < line1; i++) {
        const cells = lines[i]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + options.padding);
      }
      widths.push(w);
      format(line0, i);
      widths.pop();
      line0 = i;
      i--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}
