import { loadClusterModule, type SourceModule, type SpecIssue } from '@wavesmith/model';
import type { Registry } from './registry.js';
import { renderCluster, RenderCheckError, type RenderedFile } from './render-cluster.js';

/** What became of one cluster file: rendered, invalid, or rendered but failing its checks. Plain data, so it crosses threads. */
export type RenderOutcome =
  | { readonly kind: 'rendered'; readonly file: string; readonly cluster: string; readonly objects: number; readonly files: readonly RenderedFile[] }
  | { readonly kind: 'invalid'; readonly file: string; readonly issues: readonly SpecIssue[] }
  | { readonly kind: 'failed'; readonly file: string; readonly cluster: string; readonly problems: readonly string[] };

/** Loads, validates, renders and checks one compiled cluster file. */
export async function renderJob(root: string, module: SourceModule, registry: Registry): Promise<RenderOutcome> {
  const { spec, issues } = await loadClusterModule(root, module, registry);
  if (spec === undefined) return { kind: 'invalid', file: module.file, issues };
  try {
    const rendered = await renderCluster(spec, registry);
    return { kind: 'rendered', file: module.file, cluster: rendered.cluster, objects: rendered.objectCount, files: rendered.files };
  } catch (error) {
    if (!(error instanceof RenderCheckError)) throw error;
    return { kind: 'failed', file: module.file, cluster: error.cluster, problems: error.problems };
  }
}
