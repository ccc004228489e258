// Preloaded (`node --import`) into a measured child where GNU time is missing: writes the
// process's own CPU seconds and peak RSS in GNU time's `%U %S %M` layout when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.H_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}\n`);
  });
}
