// `--watch`: run, then run again (debounced) whenever a .dnet file under the paths
// changes. Ends with Ctrl-C; the exit code is the last run's.
import { watch } from 'node:fs';
import type { RunArgs } from './args.js';

export async function watchRuns(args: RunArgs, runOnce: () => Promise<number>): Promise<number> {
  let last = await runOnce();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const again = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        process.stdout.write('\n── change seen, running again ──\n\n');
        last = await runOnce();
      });
    }, 100);
  };
  const watchers = args.paths.map((path) =>
    watch(path, { recursive: true }, (_event, name) => {
      if (!name || String(name).endsWith('.dnet') || !String(name).includes('.')) again();
    }),
  );
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  for (const w of watchers) w.close();
  await running;
  return last;
}
