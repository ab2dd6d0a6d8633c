import { isBlocking, loadFleet, type Finding, type FleetLoad } from '@wavesmith/model';
import { checkFleet, renderChecked } from './check-fleet.js';
import type { ClusterOutput } from './cluster-findings.js';
import { withOutputLock, type OutputLock } from './output-lock.js';
import { inputKey, readRenderCache, toolchainHash, writeRenderCache, type RenderCache } from './render-cache.js';
import { loadRegistry, type Registry } from './registry.js';
import { sha256 } from './serialize.js';
import { readTree, recoverOutput, writeOutput, type WriteOptions } from './write-output.js';

export interface BuildOptions extends Omit<WriteOptions, 'lock'> {
  /** Repository root: holds clusters/, dist/ and argocd-apps/. */
  readonly root: string;
  /** Build only these clusters; the others' output is left as it is. @default every cluster */
  readonly clusters?: readonly string[];
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
  /** The findings that did not stop the build: warnings and waived findings. */
  readonly findings: readonly Finding[];
}

/** Thrown when any cluster has a blocking finding; carries every finding of every cluster. Nothing is written then. */
export class BuildCheckError extends Error {
  constructor(
    readonly findings: readonly Finding[],
    /** How many clusters were checked. */
    readonly clusters: number,
  ) {
    const blocking = findings.filter(isBlocking);
    super(`${blocking.length} error${blocking.length === 1 ? '' : 's'} in ${new Set(blocking.map((f) => f.cluster)).size} cluster${new Set(blocking.map((f) => f.cluster)).size === 1 ? '' : 's'}`);
    this.name = 'BuildCheckError';
  }
}

/**
 * Loads and validates the clusters, renders and checks each one in memory, and only when all
 * of them pass writes dist/ and argocd-apps/ in one transaction. It holds the output lock from
 * reading the output to writing it, so a second build waits and then sees the first's files.
 */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const { root } = options;
  const registry = await loadRegistry(root);
  const fleet = await loadFleet(root, registry, options.clusters === undefined ? {} : { only: options.clusters });
  return withOutputLock(root, options, (lock) => buildHoldingLock(fleet, registry, options, lock));
}

/** The part of a build from reading the output to writing it, which runs under the output lock. */
async function buildHoldingLock(fleet: FleetLoad, registry: Registry, options: BuildOptions, lock: OutputLock): Promise<BuildSummary> {
  const { root } = options;
  const useCache = options.cache ?? true;
  await recoverOutput(root, { lock });
  const [toolchain, previous, current] = await Promise.all([toolchainHash(root), readRenderCache(root), readTree(root)]);

  const cache: RenderCache = { clusters: { ...previous.clusters } };
  const reused = new Set<string>();
  const check = await checkFleet(root, registry, fleet, async (loaded) => {
    const { spec } = loaded;
    const input = inputKey(toolchain, spec);
    const hit = previous.clusters[spec.name];
    const reusable =
      useCache && hit?.input === input && Object.entries(hit.files).every(([path, hash]) => current.has(path) && sha256(current.get(path)!) === hash);
    if (reusable) {
      // The findings the output had are kept with it, so its warnings and waivers are judged again.
      reused.add(spec.name);
      const output: ClusterOutput = { problems: hit.problems ?? [], entries: hit.entries ?? {} };
      return { files: Object.keys(hit.files).map((path) => ({ path, content: current.get(path)! })), objectCount: hit.objects, output };
    }
    const rendered = await renderChecked(loaded, registry);
    cache.clusters[spec.name] = {
      input,
      objects: rendered.objectCount,
      files: Object.fromEntries(rendered.files.map((f) => [f.path, sha256(f.content)])),
      problems: rendered.output.problems,
      entries: rendered.output.entries,
    };
    return rendered;
  });
  if (check.findings.some(isBlocking)) throw new BuildCheckError(check.findings, check.clusters);

  const files = new Map<string, string>();
  let objects = 0;
  for (const { cluster, files: own, objectCount } of check.passed) {
    for (const file of own) files.set(file.path, file.content);
    objects += objectCount;
    options.onCluster?.({ cluster: cluster.name, objects: objectCount, files: own.length, cached: reused.has(cluster.name) });
  }
  const scopes = options.clusters === undefined ? ['dist/', 'argocd-apps/'] : options.clusters.flatMap((name) => [`dist/${name}/`, `argocd-apps/${name}.yaml`]);
  const result = await writeOutput(root, { files, scopes, current }, { ...options, lock });
  if (options.clusters === undefined) {
    for (const name of Object.keys(cache.clusters)) if (!fleet.clusters.some((c) => c.name === name)) delete cache.clusters[name];
  }
  await writeRenderCache(root, cache);
  return {
    clusters: check.clusters,
    objects,
    written: result.written.length,
    unchanged: result.unchanged.length,
    pruned: result.pruned.length,
    cached: reused.size,
    findings: check.findings,
  };
}
