import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffFleets } from './fleet-diff.js';
import { parseFleet } from './fleet-tree.js';
import { filesAtCommit, git, repositoryOf, resolveCommit } from './git.js';
import { importGraph, importsTransitively } from './import-graph.js';
import type { Progress } from './render-ref.js';
import { renderWorktree, resolveTree, type RenderPolicy } from './tree-source.js';
import type { TreeSide } from './tree-side.js';

export interface AffectedCluster {
  readonly cluster: string;
  readonly reasons: readonly string[];
}

export interface AffectedResult {
  readonly clusters: readonly AffectedCluster[];
  /** The commit changes are counted from: the merge base of the base ref and HEAD. */
  readonly mergeBase: string;
  readonly changedFiles: readonly string[];
  /** Set when a toolchain change made every cluster a candidate and outputs were rendered and compared. */
  readonly compared?: { readonly base: TreeSide; readonly files: readonly string[] };
}

export interface AffectedOptions {
  readonly root: string;
  readonly base: string;
  readonly render?: RenderPolicy;
  readonly progress?: Progress;
}

/** Files that shape every cluster's output: our packages and apps (sources and manifests) and the locked dependencies. */
const TOOLCHAIN = [/^packages\/[^/]+\/src\//, /^packages\/[^/]+\/package\.json$/, /^apps\/[^/]+\/src\//, /^apps\/[^/]+\/package\.json$/, /^pnpm-lock\.yaml$/, /^pnpm-workspace\.yaml$/, /^package\.json$/, /^clusters\/package\.json$/];
const CLUSTER_FILE = /^clusters\/([^/]+)\.ts$/;
const OUTPUT_FILE = /^(?:dist\/([^/]+)\/|argocd-apps\/([^/]+)\.yaml$)/;

/** Every .ts file under clusters/ (cluster files and the profiles they import), outside its tests. */
async function worktreeClusterSources(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(rel: string): Promise<void> {
    for (const entry of await readdir(join(root, rel), { withFileTypes: true }).catch(() => [])) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test') await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.set(path, await readFile(join(root, path), 'utf8'));
    }
  }
  await walk('clusters');
  return files;
}

const clusterNames = (sources: ReadonlyMap<string, string>) => [...sources.keys()].flatMap((f) => CLUSTER_FILE.exec(f)?.slice(1, 2) ?? []);

/**
 * Which clusters' output a change of sources alters, decided from the changed files alone where
 * that is exact, and by rendering where it is not:
 * - a cluster file changes only that cluster (added and removed ones included);
 * - any other file under clusters/ (a profile, a helper) changes the clusters that import it,
 *   directly or through other profiles, before or after the change;
 * - hand edits of dist/<cluster>/ or argocd-apps/<cluster>.yaml change that cluster;
 * - a change to our packages, apps or the lockfile may change any cluster: then every cluster is
 *   rendered from the working tree and compared with the base's output, and only clusters whose
 *   output really differs are listed;
 * - anything else (docs, tests, CI) changes nothing.
 */
export async function affectedClusters(options: AffectedOptions): Promise<AffectedResult> {
  const { root } = options;
  const { top, prefix } = await repositoryOf(root);
  const baseCommit = await resolveCommit(top, options.base);
  const mergeBase = (await git(top, ['merge-base', baseCommit, 'HEAD'])).trim();
  const strip = (p: string) => (prefix === '' ? p : p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : undefined);
  const scope = prefix === '' ? '.' : prefix;
  const tracked = (await git(top, ['diff', '--name-only', '--no-renames', '-z', mergeBase, '--', scope])).split('\0');
  const untracked = (await git(top, ['ls-files', '--others', '--exclude-standard', '-z', '--', scope])).split('\0');
  const changedFiles = [...new Set([...tracked, ...untracked].filter(Boolean).flatMap((p) => strip(p) ?? []))].sort();

  const headSources = await worktreeClusterSources(root);
  const baseSources = new Map([...(await filesAtCommit(top, prefix, mergeBase, ['clusters']))].filter(([p]) => p.endsWith('.ts') && !p.startsWith('clusters/test/')));
  const graphs = [importGraph(headSources), importGraph(baseSources)] as const;
  const clusters = [...new Set([...clusterNames(headSources), ...clusterNames(baseSources)])].sort();

  const reasons = new Map<string, string[]>();
  const because = (cluster: string, reason: string) => reasons.set(cluster, [...(reasons.get(cluster) ?? []), reason]);
  const toolchain: string[] = [];
  for (const file of changedFiles) {
    const own = CLUSTER_FILE.exec(file);
    const output = OUTPUT_FILE.exec(file);
    if (own) because(own[1]!, `${file} ${!headSources.has(file) ? 'removed' : !baseSources.has(file) ? 'added' : 'changed'}`);
    else if (file.startsWith('clusters/') && file.endsWith('.ts') && !file.startsWith('clusters/test/')) {
      for (const cluster of clusters) {
        const clusterFile = `clusters/${cluster}.ts`;
        if (graphs.some((g) => importsTransitively(g, clusterFile, file))) because(cluster, `imports ${file}, which changed`);
      }
    } else if (output) because((output[1] ?? output[2])!, `its committed output changed (${file})`);
    else if (TOOLCHAIN.some((pattern) => pattern.test(file))) toolchain.push(file);
  }

  let compared: AffectedResult['compared'];
  if (toolchain.length > 0) {
    options.progress?.(`toolchain changed (${toolchain.join(', ')}): rendering every cluster to compare with ${options.base}`);
    const base = await resolveTree({ kind: 'ref', ref: mergeBase }, { root, render: options.render ?? 'auto', ...(options.progress ? { progress: options.progress } : {}) });
    const head = await renderWorktree(root);
    const diff = diffFleets(parseFleet(base.tree), parseFleet(head));
    for (const c of diff.clusters) because(c.cluster, `its rendered output differs after ${toolchain.length === 1 ? toolchain[0] : `${toolchain.length} toolchain files`} changed`);
    compared = { base: { ...base.side, label: `merge base of ${options.base}` }, files: toolchain };
  }
  return {
    clusters: [...reasons].sort(([a], [b]) => (a < b ? -1 : 1)).map(([cluster, r]) => ({ cluster, reasons: r })),
    mergeBase,
    changedFiles,
    ...(compared ? { compared } : {}),
  };
}
