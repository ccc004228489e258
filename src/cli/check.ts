// `dnet-test check PATH…`: parse and check, run nothing; diagnostics or `N files ok`.
import type { Args } from './args.js';
import { chalkFor } from './color.js';
import { discover } from './discover.js';
import { loadFile } from './frontend.js';

export async function check(args: Extract<Args, { command: 'check' }>): Promise<number> {
  const chalk = await chalkFor(args.color, process.stdout);
  const files = await discover(args.paths);
  let errors = 0;
  for (const path of files) {
    const loaded = await loadFile(path);
    for (const d of loaded.diagnostics) {
      process.stdout.write(`${(chalk.level > 0 && d.renderedColor) || d.rendered}\n\n`);
      if (d.severity === 'error') errors++;
    }
  }
  if (errors > 0) {
    process.stdout.write(chalk.red(`${errors} error${errors === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`) + '\n');
    return 2;
  }
  process.stdout.write(`${files.length} ${files.length === 1 ? 'file' : 'files'} ok\n`);
  return 0;
}
