// `npm run bench` (after `npm run build`): the issue-6 figures, one per line.
//   node scripts/bench.mjs [--only parse,e2e,scale,cold,docker,instructions] [--profile] [--runs N]
// (`instructions` is not in the default list: it needs valgrind and takes ~5 minutes.)
// Every corpus is generated from a fixed seed; every run goes through the built CLI or
// the compiled parser, as a user gets them. BENCHMARKS.md says what the figures were.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFile } from './bench/corpus.mjs';
import { cliPath, mb, median, ms, root, runCli, runNode } from './bench/measure.mjs';
import { instructionsOf, valgrindMissing } from './bench/instructions.mjs';
import { profileRun } from './bench/profile.mjs';
import { seeded } from './bench/random.mjs';
import { scaleScenario } from './bench/scale.mjs';
import { scenarioFile } from './bench/scenarios.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('--only')?.split(',') ?? ['parse', 'e2e', 'scale', 'cold', 'docker'];
const runs = Number(option('--runs') ?? 3);
const profile = argv.includes('--profile');
const print = (line) => process.stdout.write(`${line}\n`);
const verdict = (ok) => (ok ? 'target met' : 'target NOT met');
const work = mkdtempSync(join(tmpdir(), 'h-bench-'));

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  print('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

function header() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  print(`date: ${new Date().toISOString()}`);
  print(`machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, node ${process.version}, commit ${commit}`);
  print(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (figures are noisy when it is above the core count)`);
}

async function parseBench() {
  const { parseFile } = await import(join(root, 'dist/language/parse.js'));
  const { checkFile } = await import(join(root, 'dist/language/checks/index.js'));
  const rng = seeded(6);
  const files = Array.from({ length: 40 }, (_, i) => corpusFile(rng, i, 100_000));
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  const lines = files.reduce((n, f) => n + f.split('\n').length, 0);
  let scenarios = 0;
  for (const [i, f] of files.entries()) {
    const r = parseFile(`corpus-${i}.dnet`, f);
    if (r.diagnostics.length || !r.file) throw new Error(`corpus file ${i} does not parse: ${r.diagnostics[0]?.message}`);
    scenarios += r.file.scenarios.length;
  }
  const timeAll = (fn) => {
    const times = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      files.forEach((f, i) => fn(`corpus-${i}.dnet`, f));
      times.push(performance.now() - t0);
    }
    return Math.min(...times);
  };
  const parseMs = timeAll(parseFile);
  const bothMs = timeAll((path, f) => checkFile(parseFile(path, f).file));
  print(`parse corpus: ${(bytes / 1e6).toFixed(2)} MB, ${lines} lines, ${scenarios} scenarios in ${files.length} files (best of ${runs} after a warm-up)`);
  print(`parse throughput: ${(bytes / 1e6 / (parseMs / 1000)).toFixed(2)} MB/s`);
  print(`parse throughput: ${Math.round(lines / (parseMs / 1000))} lines/s`);
  print(`parse + checks throughput: ${(bytes / 1e6 / (bothMs / 1000)).toFixed(2)} MB/s, ${Math.round(lines / (bothMs / 1000))} lines/s`);
}

/** Runs the CLI `runs` times; the best run (least disturbed by other load) and its JSON report. */
async function bestOf(args, n = runs) {
  let best = null;
  for (let k = 0; k < n; k++) {
    const report = join(work, `report-${k}.json`);
    rmSync(report, { force: true }); // a crash (exit 1 too) must not be read as the last run's report
    const r = await runCli([...args, '--reporter', `json=${report}`], { usage: true });
    if ((r.code !== 0 && r.code !== 1) || !existsSync(report)) throw new Error(`dnet-test ${args.join(' ')} exited ${r.code} (report ${existsSync(report) ? 'written' : 'missing'}):\n${r.stderr.slice(0, 2000)}`);
    r.report = JSON.parse(readFileSync(report, 'utf8'));
    if (!best || r.wallMs < best.wallMs) best = r;
  }
  return best;
}

const counted = (report) => `${report.counts.passed} passed, ${report.counts.failed} failed, ${report.counts.skipped} skipped`;
const cpu = (r) => (r.cpuMs === null ? '' : `, CPU ${ms(r.cpuMs)}`);
const rss = (r) => (r.maxRssKB === null ? 'unmeasured' : mb(r.maxRssKB));

/** The e2e corpus (its first `count` files: the seed fixes them), one scenario a file. */
function writeE2eCorpus(dir, count) {
  mkdirSync(dir);
  const rng = seeded(2000);
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `s${String(i).padStart(4, '0')}.dnet`), scenarioFile(rng, i));
}

async function e2eBench() {
  const dir = join(work, 'e2e');
  const total = 2000;
  writeE2eCorpus(dir, total);
  for (const [label, extra] of [['default jobs', []], ['--jobs 1', ['--jobs', '1']]]) {
    const r = await bestOf([dir, ...extra]);
    const perSec = total / (r.wallMs / 1000);
    print(`e2e ${total} scenarios (${label}): ${ms(r.wallMs)} wall incl. start-up${cpu(r)}, peak RSS ${rss(r)}; ${counted(r.report)} (best of ${runs})`);
    print(`e2e scenarios/s (${label}): ${Math.round(perSec)} (${verdict(r.wallMs < 400)}: 2,000 in < 400 ms, >= 5,000/s)`);
    if (r.report.counts.passed !== total) print(`WARNING: not every generated scenario passed; see ${dir}`);
  }
  await warmBreakdown(dir, total);
}

/** The same files in this process, phase by phase, best of `runs` warm passes: what a scenario costs once the JIT has warmed up (the CLI pays the warm-up too). */
async function warmBreakdown(dir, total) {
  const { parseFile } = await import(join(root, 'dist/language/parse.js'));
  const { checkFile } = await import(join(root, 'dist/language/checks/index.js'));
  const { runFiles } = await import(join(root, 'dist/runner/run.js'));
  const { createSimulatorBackend } = await import(join(root, 'dist/backends/simulator/index.js'));
  const paths = readdirSync(dir).sort().map((n) => join(dir, n));
  const best = { read: Infinity, parse: Infinity, checks: Infinity, run: Infinity };
  for (let k = 0; k <= runs; k++) {
    const lap = { t: performance.now() };
    const took = () => -lap.t + (lap.t = performance.now());
    const sources = paths.map((p) => readFileSync(p, 'utf8'));
    const read = took();
    const files = sources.map((s, i) => parseFile(paths[i], s).file);
    const parse = took();
    for (const f of files) checkFile(f);
    const checks = took();
    const loaded = files.map((file, i) => ({ path: paths[i], source: sources[i], file, diagnostics: [] }));
    await runFiles(loaded, { backends: [createSimulatorBackend()], emit: () => {} });
    const run = took();
    if (k === 0) continue; // the cold pass
    for (const [phase, t] of Object.entries({ read, parse, checks, run })) best[phase] = Math.min(best[phase], t);
  }
  const sum = Object.values(best).reduce((a, b) => a + b, 0);
  print(`e2e warm, in process (best of ${runs} after a cold pass): read ${ms(best.read)}, parse ${ms(best.parse)}, checks ${ms(best.checks)}, run ${ms(best.run)}; ${Math.round(total / (sum / 1000))} scenarios/s`);
}

async function scaleBench() {
  const sizes = [[1000, 10], [10000, 100]];
  const results = [];
  for (const [containers, networks] of sizes) {
    const path = join(work, `scale-${containers}.dnet`);
    const { text, expectations } = scaleScenario(containers, networks);
    writeFileSync(path, text);
    const r = await bestOf([path, '--jobs', '1'], containers > 1000 ? Math.min(runs, 2) : runs);
    const scenarioMs = r.report.files[0]?.scenarios[0]?.duration ?? NaN;
    results.push({ containers, wall: r.wallMs, scenarioMs });
    print(`scale ${containers} containers / ${networks} networks / ${expectations} expectations: ${ms(r.wallMs)} wall (run ${ms(scenarioMs)}, the rest start-up, parse and checks)${cpu(r)}, peak RSS ${rss(r)}; ${counted(r.report)}`);
    if (containers === 10000) {
      print(`scale 10,000 containers time: ${verdict(r.wallMs < 1000)} (< 1 s)`);
      print(`scale 10,000 containers memory: ${r.maxRssKB === null ? 'unmeasured' : verdict(r.maxRssKB < 300 * 1024)} (< 300 MB)`);
    }
  }
  const [small, large] = results;
  print(`linearity, 10x the containers: wall x${(large.wall / small.wall).toFixed(2)}, scenario run x${(large.scenarioMs / small.scenarioMs).toFixed(2)} (linear: about 10; quadratic: about 100)`);
}

const smallScenario = `scenario "two containers on a user network" @bench
  docker network create h-bench-net
  docker run -d --name h-bench-a --network h-bench-net busybox sleep 3600
  docker run -d --name h-bench-b --network h-bench-net busybox sleep 3600
  expect ping h-bench-b from h-bench-a succeeds
  expect resolve h-bench-b from h-bench-a gives ip of h-bench-b
  expect ping h-bench-a from h-bench-b succeeds
`;

async function coldBench() {
  const path = join(work, 'small.dnet');
  writeFileSync(path, smallScenario);
  const n = 15;
  // Median wall and median CPU (user + system) of n runs, after one that warms the file cache.
  const sample = async (argv, env, check = () => {}) => {
    await runNode(argv, { env });
    const walls = [];
    const cpus = [];
    for (let k = 0; k < n; k++) {
      const r = await runNode(argv, { usage: true, env });
      check(r);
      walls.push(r.wallMs);
      if (r.cpuMs !== null) cpus.push(r.cpuMs);
    }
    return { wall: median(walls), cpu: cpus.length ? `, CPU ${ms(median(cpus))}` : '' };
  };
  const measure = async (label, env) => {
    const bare = await sample(['-e', '0'], env);
    const version = await sample([cliPath, '--version'], env);
    const small = await sample([cliPath, path, '--reporter', `json=${join(work, 'cold.json')}`], env, (r) => {
      if (r.code !== 0) throw new Error(`small scenario failed:\n${r.stdout}${r.stderr}`);
    });
    print(`cold start${label}, bare node -e 0: ${ms(bare.wall)}${bare.cpu} (median of ${n}; the floor)`);
    print(`cold start${label}, dnet-test --version: ${ms(version.wall)}${version.cpu} (median of ${n})`);
    print(`cold start${label}, dnet-test on one small file: ${ms(small.wall)}${small.cpu}, ${ms(small.wall - bare.wall)} above the floor (median of ${n}; ${verdict(small.wall < 150)}: < 150 ms wall)`);
  };
  await measure('', {});
  // Node reads the NODE_EXTRA_CA_CERTS bundle before any script runs (~100 ms here): a
  // cost of the environment, not of dnet-test, which makes no TLS connection. The same
  // figures without it show what a machine without that variable sees.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    print(`cold start: NODE_EXTRA_CA_CERTS is set here (${process.env.NODE_EXTRA_CA_CERTS}); Node loads it at every start. Again without it:`);
    await measure(' without NODE_EXTRA_CA_CERTS', { NODE_EXTRA_CA_CERTS: undefined });
  }
}

async function dockerBench() {
  const info = spawnSync('/usr/bin/docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 15_000 });
  if (info.status !== 0) {
    print(`backends sim vs docker: skipped, /usr/bin/docker info does not answer (${(info.stderr || info.error?.message || '').trim().split('\n')[0]})`);
    return;
  }
  const path = join(work, 'small-docker.dnet');
  writeFileSync(path, smallScenario);
  const sim = await bestOf([path, '--backend', 'sim']);
  const docker = await bestOf([path, '--backend', 'docker'], 1);
  const simRun = sim.report.files[0].scenarios[0].duration;
  const dockerRun = docker.report.files[0].scenarios[0].duration;
  print(`backend sim, small scenario: ${ms(sim.wallMs)} wall, scenario ${ms(simRun)}; ${counted(sim.report)}`);
  print(`backend docker (engine ${info.stdout.trim()}), small scenario: ${ms(docker.wallMs)} wall incl. engine start, scenario ${ms(dockerRun)}; ${counted(docker.report)}`);
  print(`backend ratio docker/sim: wall x${(docker.wallMs / sim.wallMs).toFixed(0)}, scenario x${(dockerRun / simRun).toFixed(0)}`);
}

/** The first 300 of the e2e files and the 10,000-container scenario, in instructions. */
async function instructionsBench() {
  const missing = valgrindMissing();
  if (missing) {
    print(`instructions: skipped, ${missing}`);
    return;
  }
  const dir = join(work, 'e2e-300');
  writeE2eCorpus(dir, 300);
  const big = join(work, 'scale-instructions.dnet');
  writeFileSync(big, scaleScenario(10000, 100).text);
  const giga = (n) => `${(n / 1e9).toFixed(3)} G`;
  print(`instructions, first 300 e2e files: ${giga(instructionsOf([dir, '--jobs', '1', '--reporter', `json=${join(work, 'i1.json')}`]))} (callgrind, node --single-threaded, lower of 2)`);
  print(`instructions, 10,000 containers: ${giga(instructionsOf([big, '--jobs', '1', '--reporter', `json=${join(work, 'i2.json')}`]))} (callgrind, node --single-threaded, lower of 2)`);
}

async function main() {
  header();
  const sections = { parse: parseBench, e2e: e2eBench, scale: scaleBench, cold: coldBench, docker: dockerBench, instructions: instructionsBench };
  for (const name of only) {
    if (!sections[name]) throw new Error(`unknown section '${name}' (${Object.keys(sections).join(', ')})`);
    await sections[name]();
  }
  if (profile) {
    const e2eDir = join(work, 'e2e');
    if (existsSync(e2eDir)) await profileRun('e2e --jobs 1', [e2eDir, '--jobs', '1', '--reporter', `json=${join(work, 'p.json')}`], print);
    const big = join(work, 'scale-10000.dnet');
    if (existsSync(big)) await profileRun('scale 10,000', [big, '--jobs', '1', '--reporter', `json=${join(work, 'p.json')}`], print);
  }
}

main()
  .catch((e) => {
    print(`bench failed: ${e.stack ?? e}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (argv.includes('--keep')) print(`generated files kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  });
