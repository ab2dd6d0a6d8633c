/**
 * Rendering speed, reported as ratios against a baseline measured in the same run (rendering
 * one cluster), so figures compare across machines. Run with `corepack pnpm bench`.
 */
import { fileURLToPath } from 'node:url';
import { build, loadRegistry, renderCluster } from '@wavesmith/compiler';
import { loadClusters, type ClusterSpec } from '@wavesmith/model';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLEET_COPIES = 8;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: module loading and JIT are not what we measure
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const registry = await loadRegistry(root);
const specs = (await loadClusters(root, registry)).map((c) => c.spec);
const baselineSpec = specs.find((s) => s.name === 'tbyte-dev') ?? specs[0]!;
// A larger fleet: every cluster again under new names, as a platform team's fleet grows.
const fleet: ClusterSpec[] = specs.flatMap((spec) => Array.from({ length: FLEET_COPIES }, (_, i) => ({ ...spec, name: `${spec.name}-${i}` })));
const renderAll = (all: readonly ClusterSpec[]) => Promise.all(all.map((s) => renderCluster(s, registry)));

const baseline = await median(() => renderCluster(baselineSpec, registry));
const rows: [string, number, number][] = [
  [`render ${baselineSpec.name} (baseline)`, baseline, 1],
  [`render the ${specs.length} clusters in clusters/`, await median(() => renderAll(specs)), specs.length],
  [`render a fleet of ${fleet.length} clusters`, await median(() => renderAll(fleet)), fleet.length],
  [`build: load, render, check, compare with dist/ (--no-cache)`, await median(() => build({ root, cache: false })), specs.length],
  ['build of an unchanged repository (cache)', await median(() => build({ root })), specs.length],
];

console.log(`baseline: rendering ${baselineSpec.name} in memory took ${baseline.toFixed(1)} ms (median of ${RUNS})\n`);
console.log('| measurement | x baseline | x baseline per cluster |');
console.log('|---|---:|---:|');
for (const [name, ms, clusters] of rows) console.log(`| ${name} | ${(ms / baseline).toFixed(2)} | ${(ms / baseline / clusters).toFixed(2)} |`);
