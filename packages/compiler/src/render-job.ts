import { collectWaivers, loadClusterModule, type Finding, type SourceModule } from '@wavesmith/model';
import { checkCluster, renderChecked } from './check-fleet.js';
import type { Registry } from './registry.js';
import type { RenderedFile } from './render-cluster.js';

/** What became of one cluster file. Plain data, so it crosses threads. */
export interface RenderOutcome {
  readonly file: string;
  readonly cluster: string;
  /** Every finding of the cluster, waived and located. */
  readonly findings: readonly Finding[];
  /** Its output, when no finding blocks it. */
  readonly output?: { readonly objects: number; readonly files: readonly RenderedFile[] };
  /** The last day (YYYY-MM-DD) the findings hold: the earliest expiry of the cluster's waivers. */
  readonly validThrough?: string;
}

/** Loads, validates, renders and checks one compiled cluster file, as of `date` (YYYY-MM-DD, what waivers expire against). */
export async function renderJob(root: string, module: SourceModule, registry: Registry, date: string): Promise<RenderOutcome> {
  const cluster = await loadClusterModule(root, module, registry);
  const { findings, passed } = await checkCluster(root, registry, cluster, (valid) => renderChecked(valid, registry), date);
  const expiries = cluster.spec === undefined ? [] : collectWaivers(cluster.spec).flatMap((w) => (w.expires === undefined ? [] : [w.expires]));
  return {
    file: module.file,
    cluster: cluster.name,
    findings,
    ...(passed ? { output: { objects: passed.objectCount, files: passed.files } } : {}),
    ...(expiries.length > 0 ? { validThrough: expiries.sort()[0]! } : {}),
  };
}
