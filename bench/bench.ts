/**
 * Whole-process benchmark of `wavesmith build` on synthetic fleets, as ratios to a floor measured
 * in the same run (issue 13). A fleet is the repository's own clusters plus N generated ones
 * (N = 100 gives the 108 clusters of issue 13). For each fleet size: a cold build (`--no-cache`, no output yet), a
 * no-op build, a build after one value changed in one cluster, the floor (the same objects
 * serialised with js-yaml and written), and `kubectl kustomize` of the same objects when kubectl
 * is installed; medians of interleaved rounds, so a machine slowing down affects all alike.
 *
 * Usage: corepack pnpm bench [--sizes 1,10,100] [--full] [--rounds 5] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changeCluster, planFleet, writeFleet } from './fleet.js';
import { writeKustomizeLayout } from './kustomize-layout.js';
import { median, runEach, runNode, type Run } from './measure.js';
import { outputSize, readOutput, writeFloorInput, type OutputSize } from './output-tree.js';

const USAGE = `Usage: corepack pnpm bench [--sizes 1,10,100] [--full] [--rounds 5] [--keep]

  --sizes N,...  numbers of generated clusters to measure, each beside the repository's own
                 (default 1,10,100)
  --full         add the fleet of 1000 generated clusters (several minutes a round)
  --rounds R     interleaved rounds per size; figures are medians (default 5)
  --keep         keep the generated fleets in ${join(tmpdir(), 'wavesmith-bench')}`;

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sizes = [...values.sizes.split(',').map(Number), ...(values.full ? [1000] : [])];
const rounds = Number(values.rounds);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench: --sizes takes positive whole numbers separated by commas and --rounds a positive whole number; got --sizes ${values.sizes} --rounds ${values.rounds}\n\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: { sizes: { type: 'string', default: '1,10,100' }, full: { type: 'boolean' }, rounds: { type: 'string', default: '5' }, keep: { type: 'boolean' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'node_modules', '.bin', 'wavesmith');
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.status === 0;

/** The figures of one fleet size: each run's medians over the rounds. */
interface Figures {
  /** Clusters generated (--sizes) and in all, with the repository's own. */
  readonly generated: number;
  readonly clusters: number;
  readonly size: OutputSize;
  readonly runs: ReadonlyMap<string, Run>;
}

const RUNS = {
  floor: 'floor: js-yaml + write files',
  cold: 'cold build --no-cache',
  noop: 'no-op build',
  pnpmNoop: 'no-op, corepack pnpm wavesmith build',
  change: 'one value changed in one cluster',
  kustomize: 'kubectl kustomize, one per cluster',
  help: 'wavesmith --help (start-up)',
  validate: 'wavesmith validate (start-up + load)',
} as const;

const results: Figures[] = [];
try {
  for (const clusters of sizes) results.push(measureFleet(clusters));
} catch (error) {
  // A command that failed is told with what it printed; a stack trace of the bench says nothing more.
  console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
printReport(results);

function measureFleet(generated: number): Figures {
  const dir = join(tmpdir(), 'wavesmith-bench', String(generated));
  const plans = planFleet(generated);
  writeFleet(repo, dir, plans, { withRepositoryClusters: true });
  const clusters = readdirSync(join(dir, 'clusters')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).length;
  const resetOutput = () => ['dist', 'argocd-apps', 'node_modules/.cache'].forEach((p) => rmSync(join(dir, p), { recursive: true, force: true }));
  const build = (...args: string[]) => runNode(bin, ['build', '--root', dir, ...args], dir);

  // Warm-up, untimed: the first build's output gives the sizes, the floor's input and the kustomize layout.
  resetOutput();
  build('--no-cache');
  const output = readOutput(dir);
  const floorInput = join(dir, 'floor-input.json');
  writeFloorInput(output, floorInput);
  const overlays = hasKubectl ? writeKustomizeLayout(join(dir, 'kustomize'), output, plans) : new Map<string, string>();
  process.stderr.write(`bench: ${clusters} clusters in ${dir}, ${rounds} rounds `);

  const samples = new Map<string, Run[]>();
  const record = (name: string, run: Run) => samples.set(name, [...(samples.get(name) ?? []), run]);
  for (let round = 1; round <= rounds; round++) {
    resetOutput();
    record(RUNS.cold, build('--no-cache'));
    record(RUNS.noop, build());
    changeCluster(dir, plans[0]!, round % 2);
    record(RUNS.change, build());
    record(RUNS.pnpmNoop, runNode('corepack', ['pnpm', 'wavesmith', 'build', '--root', dir], repo));
    rmSync(join(dir, 'floor-output'), { recursive: true, force: true });
    record(RUNS.floor, runNode(process.execPath, [join(repo, 'bench', 'floor.mjs'), floorInput, join(dir, 'floor-output')], dir));
    if (hasKubectl) {
      const out = join(dir, 'kustomize-output');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      record(RUNS.kustomize, runEach([...overlays].map(([name, overlay]) => ['kubectl', 'kustomize', overlay, '-o', join(out, `${name}.yaml`)]), dir));
    }
    record(RUNS.help, runNode(bin, ['--help'], dir));
    record(RUNS.validate, runNode(bin, ['validate', '--root', dir], dir));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  const runs = new Map<string, Run>();
  for (const [name, list] of samples) {
    const known = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);
    const peaks = known(list.map((r) => r.peakKiB));
    const cpu = known(list.map((r) => r.cpuSeconds));
    runs.set(name, {
      seconds: median(list.map((r) => r.seconds)),
      cpuSeconds: cpu.length > 0 ? median(cpu) : undefined,
      peakKiB: peaks.length > 0 ? median(peaks) : undefined,
    });
  }
  return { generated, clusters, size: outputSize(output), runs };
}

function printReport(figures: readonly Figures[]): void {
  const cpu = cpus();
  console.log(`\nwavesmith bench: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}${hasKubectl ? `, ${kubectl.stdout.split('\n')[0]}` : ', no kubectl'}`);
  console.log(`medians of ${rounds} interleaved rounds; whole processes; cold = no output and no cache yet; cpu = user + system of all the run's processes\n`);
  console.log('| clusters | objects | files | MB | run | wall s | × floor | × cold | cpu s | cpu × floor | peak MiB |');
  console.log('|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const { clusters, size, runs } of figures) {
    const floor = runs.get(RUNS.floor)!.seconds;
    const floorCpu = runs.get(RUNS.floor)!.cpuSeconds;
    const cold = runs.get(RUNS.cold)!.seconds;
    let first = true;
    for (const name of Object.values(RUNS)) {
      const run = runs.get(name);
      if (!run) continue;
      const lead = first ? [clusters, size.objects, size.files, (size.bytes / 1e6).toFixed(1)] : ['', '', '', ''];
      first = false;
      const peak = run.peakKiB === undefined ? '-' : (run.peakKiB / 1024).toFixed(0);
      const cpu = run.cpuSeconds === undefined ? ['-', '-'] : [run.cpuSeconds.toFixed(2), floorCpu === undefined ? '-' : (run.cpuSeconds / floorCpu).toFixed(2)];
      const ratios = [run.seconds.toFixed(2), (run.seconds / floor).toFixed(2), (run.seconds / cold).toFixed(2)];
      console.log(`| ${[...lead, name, ...ratios, ...cpu, peak].join(' | ')} |`);
    }
  }
  printTargets(figures.at(-1)!);
  console.log(`\nreproduce: corepack pnpm bench --sizes ${figures.map((f) => f.generated).join(',')} --rounds ${rounds}`);
}

/** Issue 13's targets, checked on the largest fleet measured (they are set for about a hundred clusters and more). */
function printTargets({ clusters, runs }: Figures): void {
  const seconds = (name: string) => runs.get(name)?.seconds;
  const cold = seconds(RUNS.cold)!;
  const kustomize = seconds(RUNS.kustomize);
  const peak = Math.max(...[RUNS.cold, RUNS.noop, RUNS.change].map((name) => runs.get(name)?.peakKiB ?? 0)) / 1024;
  const targets: [string, number | undefined, string, boolean][] = [
    ['cold build ÷ floor', cold / seconds(RUNS.floor)!, '≤ 3', cold / seconds(RUNS.floor)! <= 3],
    ['kubectl kustomize ÷ cold build', kustomize === undefined ? undefined : kustomize / cold, '≥ 10', kustomize !== undefined && kustomize / cold >= 10],
    ['no-op build, s', seconds(RUNS.noop), '< 0.3', seconds(RUNS.noop)! < 0.3],
    ['no-op through corepack pnpm, s', seconds(RUNS.pnpmNoop), '< 1', seconds(RUNS.pnpmNoop)! < 1],
    ['one change ÷ cold build', seconds(RUNS.change)! / cold, '< 0.1', seconds(RUNS.change)! / cold < 0.1],
    ['wavesmith --help, s', seconds(RUNS.help), '< 0.2', seconds(RUNS.help)! < 0.2],
    ['peak memory of a build, MiB', peak, '< 1024 at 1000 clusters', peak < 1024],
  ];
  console.log(`\ntargets of issue 13, at ${clusters} clusters:`);
  for (const [name, value, target, met] of targets) {
    console.log(`  ${name.padEnd(32)} ${value === undefined ? 'not measured' : value.toFixed(2).padStart(8)}  target ${target}: ${value === undefined ? '-' : met ? 'met' : 'missed'}`);
  }
}
