import { selectClusterFiles } from './cluster-files.js';
import { ClusterSpecError, type SpecIssue } from './errors.js';
import { describeLoadFailure } from './load-failure.js';
import type { SpecRegistry } from './registry.js';
import { compileSourceModules, type SourceModule } from './source-modules.js';
import type { ClusterSpec } from './spec.js';
import { validateCluster } from './validate.js';

/** A validated cluster and the file it came from (relative to the repository root). */
export interface LoadedCluster {
  readonly spec: ClusterSpec;
  readonly file: string;
}

export interface LoadOptions {
  /** Load only these clusters (or this one); an unknown name is an error listing the known ones. */
  readonly only?: string | readonly string[];
}

/**
 * Loads, composes and validates every cluster file against the components and apps of
 * `registry`. All problems in all files are collected and thrown together as one
 * ClusterSpecError; nothing is returned unless every cluster is valid.
 */
export async function loadClusters(root: string, registry: SpecRegistry, options: LoadOptions = {}): Promise<LoadedCluster[]> {
  const modules = await compileSourceModules(root, await selectClusterFiles(root, options.only));
  const issues: SpecIssue[] = [];
  const loaded: LoadedCluster[] = [];
  for (const module of modules) {
    const result = await loadClusterModule(root, module, registry);
    issues.push(...result.issues);
    if (result.spec) loaded.push({ spec: result.spec, file: module.file });
  }
  if (issues.length > 0) throw new ClusterSpecError(issues);
  return loaded;
}

/** Runs a compiled cluster file and validates what it exports: the cluster, or every problem with it. */
export async function loadClusterModule(root: string, module: SourceModule, registry: SpecRegistry): Promise<{ spec?: ClusterSpec; issues: readonly SpecIssue[] }> {
  const { file } = module;
  const base = file.slice('clusters/'.length, -3);
  const failed = (value: string) => ({ issues: [{ cluster: base, file, path: '', value, allowed: 'a module that loads without errors' }] });
  if (module.url === undefined) return failed(module.error ?? 'did not compile');
  let exported: unknown;
  // Source maps read while the module loads, so a throw in it points at its TypeScript source;
  // only then, as reading every package's source maps would slow loading them.
  const mapped = process.sourceMapsEnabled;
  try {
    process.setSourceMapsEnabled(true);
    exported = ((await import(module.url)) as { default?: unknown }).default;
  } catch (error) {
    return failed(describeLoadFailure(error, root));
  } finally {
    process.setSourceMapsEnabled(mapped);
  }
  if (typeof exported !== 'object' || exported === null) {
    return { issues: [{ cluster: base, file, path: '', value: exported, allowed: 'a default export that is a cluster description (see composeCluster)' }] };
  }
  const result = validateCluster(exported, file, registry);
  if (result.spec && result.spec.name !== base) {
    return {
      issues: [{ cluster: result.spec.name, file, path: '/name', value: result.spec.name, allowed: `"${base}": a cluster is named after its file` }],
    };
  }
  return result;
}
