// Diagnostics: the shape of a file problem, its rendering, and did-you-mean.
export { error, hasErrors, type Diagnostic, type DiagnosticNote, type Severity } from './diagnostic.js';
export { formatDiagnostic, type FormatOptions } from './format.js';
export { didYouMean, levenshtein } from './did-you-mean.js';
