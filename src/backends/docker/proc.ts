// Every process the docker backend starts goes through one `Spawner`, so tests can spy
// on it (the network-safety test asserts that a refused probe spawns nothing).
import { spawn } from 'node:child_process';

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the process (SIGKILL) after this long; the result then has `timedOut`. */
  timeoutMs?: number;
  input?: string;
  /** Keep stdout as raw bytes (docker cp streams a tar). */
  binary?: boolean;
}

export interface SpawnResult {
  stdout: string;
  stderr: string;
  /** Raw stdout when `binary` was asked for. */
  bytes?: Buffer;
  exitCode: number;
  timedOut: boolean;
}

export type Spawner = (command: string, args: readonly string[], options?: SpawnOptions) => Promise<SpawnResult>;

/** Runs a command to completion; never throws for a non-zero exit (that is data). */
export const spawnProcess: Spawner = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const bytes = Buffer.concat(out);
      resolve({
        stdout: options.binary ? '' : bytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        bytes: options.binary ? bytes : undefined,
        // A signal death reads as the shell would report it (128 + n).
        exitCode: code ?? (signal === 'SIGKILL' ? 137 : 128 + 15),
        timedOut,
      });
    });
  });
