import { loadClusters } from '@wavesmith/model';
import { inputKey, readRenderCache, toolchainHash, writeRenderCache, type RenderCache } from './render-cache.js';
import { loadRegistry } from './registry.js';
import { renderCluster, RenderCheckError } from './render-cluster.js';
import { sha256 } from './serialize.js';
import { readTree, recoverOutput, writeOutput, type WriteOptions } from './write-output.js';

export interface BuildOptions extends WriteOptions {
  /** Repository root: holds clusters/, dist/ and argocd-apps/. */
  readonly root: string;
  /** Build only this cluster; the others' output is left as it is. */
  readonly cluster?: string;
  /** Reuse the output of clusters whose input has not changed. @default true */
  readonly cache?: boolean;
  /** Told when each cluster is done, for progress display. */
  readonly onCluster?: (event: ClusterEvent) => void;
}

export interface ClusterEvent {
  readonly cluster: string;
  readonly objects: number;
  readonly files: number;
  /** True when the cluster's input was unchanged and its files were reused. */
  readonly cached: boolean;
}

export interface BuildSummary {
  readonly clusters: number;
  readonly objects: number;
  readonly written: number;
  readonly unchanged: number;
  readonly pruned: number;
  readonly cached: number;
}

/** Thrown when one or more clusters fail their checks; carries every cluster's problems. */
export class BuildCheckError extends Error {
  constructor(readonly failures: readonly RenderCheckError[]) {
    super(failures.map((f) => f.message).join('\n'));
    this.name = 'BuildCheckError';
  }
}

/**
 * Loads and validates the clusters, renders and checks each one in memory, and only when all
 * of them pass writes dist/ and argocd-apps/ in one transaction.
 */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const { root } = options;
  const registry = await loadRegistry(root);
  const clusters = await loadClusters(root, registry, options.cluster === undefined ? {} : { only: options.cluster });
  const useCache = options.cache ?? true;
  await recoverOutput(root);
  const [toolchain, previous, current] = await Promise.all([toolchainHash(root), readRenderCache(root), readTree(root)]);

  const files = new Map<string, string>();
  const cache: RenderCache = { clusters: { ...previous.clusters } };
  const failures: RenderCheckError[] = [];
  let objects = 0;
  let cached = 0;
  for (const { spec } of clusters) {
    const input = inputKey(toolchain, spec);
    const hit = previous.clusters[spec.name];
    const reusable =
      useCache && hit?.input === input && Object.entries(hit.files).every(([path, hash]) => current.has(path) && sha256(current.get(path)!) === hash);
    if (reusable) {
      for (const path of Object.keys(hit.files)) files.set(path, current.get(path)!);
      objects += hit.objects;
      cached++;
      options.onCluster?.({ cluster: spec.name, objects: hit.objects, files: Object.keys(hit.files).length, cached: true });
      continue;
    }
    try {
      const rendered = await renderCluster(spec, registry);
      for (const file of rendered.files) files.set(file.path, file.content);
      objects += rendered.objectCount;
      cache.clusters[spec.name] = {
        input,
        objects: rendered.objectCount,
        files: Object.fromEntries(rendered.files.map((f) => [f.path, sha256(f.content)])),
      };
      options.onCluster?.({ cluster: spec.name, objects: rendered.objectCount, files: rendered.files.length, cached: false });
    } catch (error) {
      if (!(error instanceof RenderCheckError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new BuildCheckError(failures);

  const scopes = options.cluster === undefined ? ['dist/', 'argocd-apps/'] : [`dist/${options.cluster}/`, `argocd-apps/${options.cluster}.yaml`];
  const result = await writeOutput(root, { files, scopes, current }, options);
  if (options.cluster === undefined) {
    for (const name of Object.keys(cache.clusters)) if (!clusters.some((c) => c.spec.name === name)) delete cache.clusters[name];
  }
  await writeRenderCache(root, cache);
  return {
    clusters: clusters.length,
    objects,
    written: result.written.length,
    unchanged: result.unchanged.length,
    pruned: result.pruned.length,
    cached,
  };
}
