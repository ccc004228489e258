// `docker inspect [-f T] …` and `docker network inspect [-f T] …` output: the JSON array
// (4-space indent) or one template line per object, with the client's error texts and
// exit codes (template parse error: exit 64; execution error or missing object: exit 1).

import type { CommandResult } from '../../backends/backend.js';
import type { ContainerView, ImageInspectView, NetworkView } from '../model.js';
import { indent, marshal, toRaw } from './gojson.js';
import type { GoValue } from './govalue.js';
import { compile, render } from './gotemplate.js';
import { containerValue } from './inspect-container.js';
import { imageValue } from './inspect-image.js';
import { networkValue } from './inspect-network.js';

export { containerValue } from './inspect-container.js';
export { networkValue } from './inspect-network.js';
export { imageValue } from './inspect-image.js';

/** One name given on the command line: the object found, or the name not found. */
export type InspectTarget = { found: GoValue } | { missing: string };

export interface InspectOptions {
  /** The -f / --format value (null: print JSON). */
  format: string | null;
  /** The error for a name not found: `Error: No such object: x` / `Error: No such network: x`. */
  notFound: (name: string) => string;
}

export function inspectContainers(
  targets: Array<{ found: ContainerView } | { missing: string }>,
  format: string | null,
): CommandResult {
  return renderInspect(
    targets.map((t) => ('found' in t ? { found: containerValue(t.found) } : t)),
    { format, notFound: (name) => `Error: No such object: ${name}` },
  );
}

export function inspectImages(targets: Array<{ found: ImageInspectView } | { missing: string }>, format: string | null): CommandResult {
  return renderInspect(
    targets.map((t) => ('found' in t ? { found: imageValue(t.found) } : t)),
    { format, notFound: (name) => `Error: No such image: ${name}` },
  );
}

export function inspectNetworks(targets: Array<{ found: NetworkView } | { missing: string }>, format: string | null): CommandResult {
  return renderInspect(
    targets.map((t) => ('found' in t ? { found: networkValue(t.found) } : t)),
    { format, notFound: (name) => `Error: No such network: ${name}` },
  );
}

export function renderInspect(targets: InspectTarget[], options: InspectOptions): CommandResult {
  const found = targets.flatMap((t) => ('found' in t ? [t.found] : []));
  const missing = targets.flatMap((t) => ('missing' in t ? [options.notFound(t.missing)] : []));
  const missingText = missing.map((m) => m + '\n').join('');
  if (options.format === null) {
    const stdout = found.length === 0 ? '[]\n' : indent(`[${found.map((v) => marshal(v)).join(',')}]`) + '\n';
    return { stdout, stderr: missingText, exitCode: missing.length > 0 ? 1 : 0 };
  }
  const compiled = compile(options.format);
  if (!compiled.ok) return { stdout: '', stderr: `template parsing error: ${compiled.error}\n`, exitCode: 64 };
  let stdout = '';
  for (const value of found) {
    // Docker runs the template on the typed value; when that fails it retries on the raw
    // JSON (maps, missingkey=error), and reports that second error.
    let out = render(compiled.template, value);
    if (!out.ok) out = render(compiled.template, toRaw(value), true);
    if (!out.ok) return { stdout: stdout + '\n', stderr: `template parsing error: ${out.error}\n${missingText}`, exitCode: 1 };
    stdout += out.text + '\n';
  }
  if (found.length === 0) stdout = '\n';
  return { stdout, stderr: missingText, exitCode: missing.length > 0 ? 1 : 0 };
}
