import { isBlocking, loadFleet, sortFindings, specFindings, type Finding, type FleetLoad, type LoadedCluster, type LoadOptions, type ValidCluster } from '@wavesmith/model';
import { allRules, clusterFindings, today, type ClusterOutput } from './cluster-findings.js';
import { loadRegistry, type Registry } from './registry.js';
import { renderCluster, type RenderedFile } from './render-cluster.js';

/** One cluster's output, rendered (or reused) and checked. */
export interface ClusterRender {
  readonly files: readonly RenderedFile[];
  readonly objectCount: number;
  readonly output: ClusterOutput;
}

/** A cluster that passed every check, with its files. */
export interface PassedCluster extends ClusterRender {
  readonly cluster: ValidCluster;
}

export interface FleetCheck {
  /** Every finding of every cluster (waived ones included), in the order the formats print them. */
  readonly findings: readonly Finding[];
  /** The clusters with no blocking finding, which can be written. */
  readonly passed: readonly PassedCluster[];
  /** How many clusters were checked. */
  readonly clusters: number;
}

/**
 * Checks every cluster of a loaded fleet: each one whose spec does not block it is rendered (by
 * `render`, which may reuse earlier output) and its output checked; then every cluster's
 * findings are waived and located. Nothing stops at the first problem: a cluster with a broken
 * spec still gets its spec findings, and every other cluster its output findings.
 */
export async function checkFleet(root: string, registry: Registry, fleet: FleetLoad, render: (cluster: ValidCluster) => Promise<ClusterRender>, date = today()): Promise<FleetCheck> {
  const findings: Finding[] = [...fleet.findings];
  const passed: PassedCluster[] = [];
  for (const cluster of fleet.clusters) {
    const checked = await checkCluster(root, registry, cluster, render, date);
    findings.push(...checked.findings);
    if (checked.passed) passed.push(checked.passed);
  }
  return { findings: sortFindings(findings), passed, clusters: fleet.clusters.length };
}

/**
 * Checks one loaded cluster: rendered (by `render`) when its spec does not block it, its output
 * checked, then its findings waived and located. `passed` is present when no finding blocks it.
 */
export async function checkCluster(
  root: string,
  registry: Registry,
  cluster: LoadedCluster,
  render: (cluster: ValidCluster) => Promise<ClusterRender>,
  date = today(),
): Promise<{ readonly findings: readonly Finding[]; readonly passed?: PassedCluster }> {
  const renderable = cluster.spec !== undefined && !specFindings(cluster, allRules(registry), date).some(isBlocking);
  const rendered = renderable ? await render(cluster as ValidCluster) : undefined;
  const findings = await clusterFindings(root, registry, cluster, rendered?.output, date);
  return rendered === undefined || findings.some(isBlocking) ? { findings } : { findings, passed: { cluster: cluster as ValidCluster, ...rendered } };
}

/** Renders a cluster afresh and checks its output. */
export async function renderChecked(cluster: ValidCluster, registry: Registry): Promise<ClusterRender> {
  const rendered = await renderCluster(cluster.spec, registry);
  return { files: rendered.files, objectCount: rendered.objectCount, output: { problems: rendered.problems, entries: rendered.entries } };
}

/**
 * `wavesmith validate`: loads, renders and checks every cluster (or those named) in memory and
 * returns every finding; nothing is written.
 */
export async function validateFleet(root: string, options: LoadOptions & { readonly today?: string } = {}): Promise<FleetCheck & { readonly objects: number }> {
  const registry = await loadRegistry(root);
  const fleet = await loadFleet(root, registry, options);
  const check = await checkFleet(root, registry, fleet, (cluster) => renderChecked(cluster, registry), options.today);
  return { ...check, objects: check.passed.reduce((n, c) => n + c.objectCount, 0) };
}
