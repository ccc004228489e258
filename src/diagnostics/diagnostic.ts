// A problem in a `.dnet` file is data (as in Peggy's compiler session): a message, the
// primary location, optional notes with their own locations. Collected by the parser and
// the checks, rendered by format.ts, never thrown.
import type { Location } from '../language/ast.js';

export type Severity = 'error' | 'warning';

export interface DiagnosticNote {
  message: string;
  loc?: Location;
}

export interface Diagnostic {
  severity: Severity;
  message: string;
  loc: Location;
  /** Text printed after the carets: `^^^^^^ did you mean '--name'?` */
  label?: string;
  notes: DiagnosticNote[];
  /** A suggestion printed as `= help: …`. */
  hint?: string;
}

/** An error diagnostic; the common case in one call. */
export function error(message: string, loc: Location, extra: Partial<Pick<Diagnostic, 'label' | 'notes' | 'hint'>> = {}): Diagnostic {
  return { severity: 'error', message, loc, notes: extra.notes ?? [], ...(extra.label ? { label: extra.label } : {}), ...(extra.hint ? { hint: extra.hint } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
