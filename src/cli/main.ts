// argv → run → reporters → exit code. The one place that catches all: user errors
// print a message (exit 2), bugs print `internal error` and the stack (exit 3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { helpText, parseArgs, UsageError, type Args } from './args.js';

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    return await dispatch(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n  run 'dnet-test --help' for usage\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`internal error: ${err.message}\n${err.stack ?? ''}\n`);
    return 3;
  }
}

async function dispatch(args: Args): Promise<number> {
  switch (args.command) {
    case 'help':
      process.stdout.write(helpText);
      return 0;
    case 'version':
      process.stdout.write(`${version()}\n`);
      return 0;
    case 'check':
      return (await import('./check.js')).check(args);
    case 'fmt':
      return (await import('./fmt.js')).fmt(args);
    case 'docs':
      return (await import('./docs.js')).docs(args);
    case 'run':
      return (await import('./run.js')).run(args);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(import.meta.url), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
