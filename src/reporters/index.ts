// The registry: reporter name → factory, loaded on demand so the CLI starts fast.
import type { ReporterFactory } from './reporter.js';

export type { Reporter, ReporterFactory, ReporterOptions } from './reporter.js';
export { feed, render } from './reporter.js';

const registry = {
  pretty: async () => (await import('./pretty.js')).prettyReporter,
  dot: async () => (await import('./dot.js')).dotReporter,
  tap: async () => (await import('./tap.js')).tapReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  html: async () => (await import('./html.js')).htmlReporter,
} satisfies Record<string, () => Promise<ReporterFactory>>;

export type ReporterName = keyof typeof registry;
export const reporterNames = Object.keys(registry) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(registry, name);
}

export function loadReporter(name: ReporterName): Promise<ReporterFactory> {
  return registry[name]();
}
