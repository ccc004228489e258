// `RUN …` during a build: the package managers add the programs their packages bring
// (packages.json); other commands change nothing the simulator models and succeed.
// Which manager an image has follows its base: Debian-based images apt-get, Alpine apk,
// BusyBox none (the real busybox image has neither).
import { readFileSync } from 'node:fs';

export type PackageManager = 'apt' | 'apk' | 'none';

type PackagesFile = { packages: Record<string, string[]> };
const table = (JSON.parse(readFileSync(new URL('./packages.json', import.meta.url), 'utf8')) as PackagesFile).packages;

export function packageManagerOf(rootRef: string): PackageManager {
  if (rootRef.startsWith('alpine:')) return 'apk';
  if (rootRef.startsWith('busybox:')) return 'none';
  return 'apt';
}

export interface RunOutcome {
  output: string;
  exitCode: number;
  /** Programs installed by this step. */
  added: string[];
}

/**
 * What a step's process writes to stderr, as the build stream carries it: the daemon's
 * stderr writer wraps every chunk it reads in red (moby streamformatter, `\x1b[91m` …
 * `\x1b[0m`).
 */
const stderrWrites = (text: string): string => `\x1b[91m${text}\x1b[0m`;

/** Cuts `a && b; c` into simple commands (quotes kept together). */
function simpleCommands(script: string): string[][] {
  const out: string[][] = [];
  for (const part of script.split(/&&|;|\|\|/)) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length > 0) out.push(words);
  }
  return out;
}

function install(manager: PackageManager, names: string[], added: string[]): RunOutcome {
  let output = manager === 'apt' ? 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n' : '';
  for (const name of names) {
    const tools = table[name.replace(/=.*$/, '')];
    if (!tools) {
      return manager === 'apt'
        ? { output: `${output}${stderrWrites(`E: Unable to locate package ${name}\n`)}`, exitCode: 100, added }
        : { output: `${output}${stderrWrites(`ERROR: unable to select packages:\n  ${name} (no such package):\n    required by: world[${name}]\n`)}`, exitCode: 1, added };
    }
    added.push(...tools);
  }
  output += manager === 'apt'
    ? `The following NEW packages will be installed:\n  ${names.join(' ')}\nSetting up ${names.join(', ')} (simulated) ...\n`
    : `(1/${names.length}) Installing ${names.join(', ')} (simulated)\nOK: simulated\n`;
  return { output, exitCode: 0, added };
}

export function runStep(manager: PackageManager, script: string): RunOutcome {
  const added: string[] = [];
  let output = '';
  for (const words of simpleCommands(script)) {
    const [program, sub] = words;
    const args = words.slice(1).filter((w) => !w.startsWith('-'));
    // Debian's dash numbers the line. (BusyBox sh writes its prefix and the message apart;
    // whether the daemon reads them as one chunk or two depends on timing: one here.)
    const missing = (): RunOutcome => ({ exitCode: 127, added,
      output: output + stderrWrites(manager === 'apt' ? `/bin/sh: 1: ${program}: not found\n` : `/bin/sh: ${program}: not found\n`) });
    if (program === 'apt-get' || program === 'apt') {
      if (manager !== 'apt') return missing();
      if (sub === 'install') {
        const r = install('apt', args.slice(1), added);
        output += r.output;
        if (r.exitCode !== 0) return { ...r, output };
      } else if (sub === 'update') output += 'Reading package lists...\n';
    } else if (program === 'apk') {
      if (manager !== 'apk') return missing();
      if (sub === 'add') {
        const r = install('apk', args.slice(1), added);
        output += r.output;
        if (r.exitCode !== 0) return { ...r, output };
      }
    } else if (program === 'yum' || program === 'dnf') {
      return missing();
    }
  }
  return { output, exitCode: 0, added };
}
