// --health-* and --no-healthcheck as the docker client builds Config.Healthcheck
// (docker/cli opts parse, 20.10) and the daemon checks it (validateHealthCheck).
import { flagBool, flagString } from '../../docker-cli/parse.js';
import type { Invocation } from '../../docker-cli/types.js';
import type { HealthConfig } from '../model.js';
import type { EngineError } from '../errors.js';
import { goParseInt } from '../go-strconv.js';
import { goDurationString, goParseDuration } from '../go-time.js';

/** container.MinimumDuration: a set interval, timeout or start period must reach it. */
const MINIMUM_NS = 1000000n;

// The values were checked by runFlagError already; a flag left out is Go's zero value.
const duration = (inv: Invocation, flag: string): bigint => {
  const d = goParseDuration(flagString(inv.flags, flag) ?? '0');
  return typeof d === 'bigint' ? d : 0n;
};

/** The client's HealthConfig (null: none, the image's stands), or its refusal. */
export function clientHealthcheck(inv: Invocation): { health: HealthConfig | null } | { error: EngineError } {
  const client = (message: string): { error: EngineError } => ({ error: { kind: 'invalid', daemon: false, message } });
  const cmd = flagString(inv.flags, 'health-cmd') ?? '';
  const retriesValue = goParseInt(flagString(inv.flags, 'health-retries') ?? '0');
  const retries = typeof retriesValue === 'number' ? retriesValue : 0;
  const [interval, timeout, startPeriod] = ['health-interval', 'health-timeout', 'health-start-period'].map((f) => duration(inv, f)) as [bigint, bigint, bigint];
  // "Have settings" is any value away from its zero: `--health-retries 0` is none.
  const have = cmd !== '' || interval !== 0n || timeout !== 0n || startPeriod !== 0n || retries !== 0;
  if (flagBool(inv.flags, 'no-healthcheck')) {
    return have ? client('--no-healthcheck conflicts with --health-* options') : { health: { test: ['NONE'], interval: 0, timeout: 0, startPeriod: 0, retries: 0 } };
  }
  if (!have) return { health: null };
  for (const [flag, value] of [['interval', interval], ['timeout', timeout], ['retries', BigInt(retries)], ['start-period', startPeriod]] as const) {
    if (value < 0n) return client(`--health-${flag} cannot be negative`);
  }
  return { health: { ...(cmd !== '' ? { test: ['CMD-SHELL', cmd] } : {}), interval: Number(interval), timeout: Number(timeout), startPeriod: Number(startPeriod), retries } };
}

/** The daemon's validateHealthCheck, in its order. */
export function healthcheckDaemonError(h: HealthConfig | null): EngineError | null {
  if (!h) return null;
  const below = (ns: number): boolean => ns !== 0 && BigInt(ns) < MINIMUM_NS;
  const refuse = (message: string): EngineError => ({ kind: 'invalid', daemon: true, message });
  const min = goDurationString(MINIMUM_NS);
  if (below(h.interval)) return refuse(`Interval in Healthcheck cannot be less than ${min}`);
  if (below(h.timeout)) return refuse(`Timeout in Healthcheck cannot be less than ${min}`);
  if (h.retries < 0) return refuse('Retries in Healthcheck cannot be negative');
  if (below(h.startPeriod)) return refuse(`StartPeriod in Healthcheck cannot be less than ${min}`);
  return null;
}
