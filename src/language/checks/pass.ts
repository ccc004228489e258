// The one signature every check has (as Peggy's compiler passes do): read the file,
// report problems; never stop at the first.
import type { Diagnostic } from '../../diagnostics/index.js';
import type { DnetFile } from '../ast.js';

export type Report = (d: Diagnostic) => void;

export interface Check {
  name: string;
  run(file: DnetFile, report: Report): void;
}
