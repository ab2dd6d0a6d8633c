import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { ClusterSpecError, type SpecIssue } from './errors.js';
import type { SpecRegistry } from './registry.js';
import type { ClusterSpec } from './spec.js';
import { validateCluster } from './validate.js';

/** A validated cluster and the file it came from (relative to the repository root). */
export interface LoadedCluster {
  readonly spec: ClusterSpec;
  readonly file: string;
}

export interface LoadOptions {
  /** Load only this cluster; an unknown name is an error listing the known ones. */
  readonly only?: string;
}

/** Cluster files are the `*.ts` files directly in `clusters/`; profiles and tests live in subfolders. */
export async function listClusterFiles(root: string): Promise<string[]> {
  const dir = join(root, 'clusters');
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => `clusters/${e.name}`)
    .sort();
}

/**
 * Loads, composes and validates every cluster file against the components and apps of
 * `registry`. All problems in all files are collected and thrown together as one
 * ClusterSpecError; nothing is returned unless every cluster is valid.
 */
export async function loadClusters(root: string, registry: SpecRegistry, options: LoadOptions = {}): Promise<LoadedCluster[]> {
  let files = await listClusterFiles(root);
  if (options.only !== undefined) {
    const wanted = `clusters/${options.only}.ts`;
    if (!files.includes(wanted)) {
      const known = files.map((f) => f.slice('clusters/'.length, -3));
      throw new ClusterSpecError([
        { cluster: options.only, file: wanted, path: '', value: options.only, allowed: `one of the clusters in clusters/: ${known.join(', ')}` },
      ]);
    }
    files = [wanted];
  }
  const issues: SpecIssue[] = [];
  const loaded: LoadedCluster[] = [];
  // One module namespace per load: files share the packages they import (loaded once), and a
  // later load in the same process reads the files afresh instead of from the module cache.
  const scope = register({ namespace: `wavesmith-clusters-${++loads}` });
  try {
    for (const file of files) {
      const result = await loadClusterFile(root, file, registry, scope.import);
      issues.push(...result.issues);
      if (result.spec) loaded.push({ spec: result.spec, file });
    }
  } finally {
    await scope.unregister();
  }
  if (issues.length > 0) throw new ClusterSpecError(issues);
  return loaded;
}

let loads = 0;

type ScopedImport = (specifier: string, parent: string) => Promise<unknown>;

async function loadClusterFile(root: string, file: string, registry: SpecRegistry, scopedImport: ScopedImport): Promise<{ spec?: ClusterSpec; issues: readonly SpecIssue[] }> {
  const base = file.slice('clusters/'.length, -3);
  let exported: unknown;
  try {
    const mod = (await scopedImport(pathToFileURL(join(root, file)).href, import.meta.url)) as { default?: unknown };
    exported = mod.default;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { issues: [{ cluster: base, file, path: '', value: reason, allowed: 'a module that loads without errors' }] };
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
