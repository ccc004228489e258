// Small pieces of wording shared by the reporters: durations, the summary line, `why`.
import type { Cause, Explanation } from '../backends/backend.js';
import type { Counts } from '../runner/events.js';

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** The closing line CI reads: exactly `N passed, N failed, N skipped`. */
export function summaryLine(counts: Counts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

const causeWords: Record<Cause, string> = {
  'no-such-container': 'there is no such container',
  'container-not-running': 'the container is not running',
  'name-not-resolvable': 'the name did not resolve',
  'no-shared-network': 'the containers share no network',
  'bridge-isolation': 'bridge networks are isolated from each other',
  'internal-network': 'the network is internal',
  'icc-disabled': 'inter-container communication is disabled on the network',
  'loopback-only': 'the service listens on loopback only',
  'address-not-in-use': 'no container holds that address',
  'nothing-listening': 'nothing listens on that port',
  'port-not-published': 'the port is not published',
  'no-such-network': 'there is no such network',
  'not-connected': 'the container is not connected to that network',
  'tool-missing': 'the image lacks the tool',
  'http-error': 'the HTTP request failed',
};

/** `why` in one line: the engine's steps, or its cause when it gave no steps. */
export function whyText(why: Explanation | null | undefined): string | null {
  if (!why) return null;
  if (why.steps.length) return why.steps.join('; ');
  return why.cause ? causeWords[why.cause] : null;
}
