import { access, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { ClusterSpecError } from './errors.js';
import { isBlocking, specMessage, toFinding, type Finding, type RuleCatalogue, type SourceLocation } from './finding.js';
import { describeLoadFailure } from './load-failure.js';
import type { SpecRegistry } from './registry.js';
import type { ClusterSpec } from './spec.js';
import { closest } from './suggest.js';
import { clusterLabel, specRules, validateCluster } from './validate.js';
import { applyWaivers, collectWaivers } from './waivers.js';

/** A cluster file, loaded and checked: its spec when the schema passed, and every finding about it. */
export interface LoadedCluster {
  /** The cluster's name (its file's base name when the spec names none). */
  readonly name: string;
  /** Path of the cluster file relative to the repository root. */
  readonly file: string;
  /** The spec with defaults filled in, when it passed the schema. */
  readonly spec?: ClusterSpec;
  /** What the file exported, which findings are located in (see specSources). */
  readonly exported?: unknown;
  /** Findings about the file and its spec, none of them waived yet. */
  readonly findings: readonly Finding[];
}

/** A cluster whose spec passed the schema. */
export type ValidCluster = LoadedCluster & { readonly spec: ClusterSpec };

export interface LoadOptions {
  /** Load only these clusters (or this one); an unknown name is an error listing the known ones. */
  readonly only?: string | readonly string[];
}

export interface FleetLoad {
  readonly clusters: readonly LoadedCluster[];
  /** Findings about clusters/ itself (a linked or unreadable file, an unknown --cluster), by cluster name. */
  readonly findings: readonly Finding[];
}

/** Cluster files are the `*.ts` files directly in `clusters/`; profiles and tests live in subfolders. */
export async function listClusterFiles(root: string): Promise<string[]> {
  return (await scanClusterFiles(root)).files;
}

/**
 * The cluster files of clusters/, and a finding for each `*.ts` entry that is not a readable
 * regular file: a link or an unreadable file is an error, never a cluster silently left out
 * (and its output pruned).
 */
async function scanClusterFiles(root: string, registry?: SpecRegistry): Promise<{ files: string[]; findings: Finding[] }> {
  const entries = await readdir(join(root, 'clusters'), { withFileTypes: true });
  const files: string[] = [];
  const findings: Finding[] = [];
  for (const e of entries.filter((e) => e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = `clusters/${e.name}`;
    const name = e.name.slice(0, -3);
    if (e.isSymbolicLink()) {
      findings.push(fileFinding('cluster-file-link', name, file, 'a symbolic link', 'a regular file: a linked cluster file would build from a file outside clusters/', registry));
    } else if (e.isFile()) {
      const readable = await access(join(root, file), constants.R_OK).then(
        () => true,
        () => false,
      );
      if (readable) files.push(file);
      else findings.push(fileFinding('cluster-file-unreadable', name, file, 'a file without read permission', 'a readable file: its cluster would be left out and its output pruned', registry));
    }
  }
  return { files, findings };
}

function fileFinding(rule: string, cluster: string, file: string, value: unknown, allowed: string, registry: SpecRegistry | undefined, source: SourceLocation = { file }): Finding {
  const message = specMessage(value, allowed);
  const problem = { rule, path: '', value, allowed, message, source };
  return registry ? { ...toFinding(problem, cluster, specRules(registry)), source } : { ...problem, cluster, severity: 'error' };
}

/**
 * Loads and validates every cluster file (or those named) against the components and apps of
 * `registry`, and returns every cluster with every finding: nothing stops at the first problem.
 */
export async function loadFleet(root: string, registry: SpecRegistry, options: LoadOptions = {}): Promise<FleetLoad> {
  const scan = await scanClusterFiles(root, registry);
  let files = scan.files;
  const findings = [...scan.findings];
  if (options.only !== undefined) {
    const known = [...files, ...findings.map((f) => f.source!.file)].map((f) => f.slice('clusters/'.length, -3));
    const wanted = [...new Set([options.only].flat())];
    for (const name of wanted.filter((n) => !known.includes(n))) {
      const hint = closest(name, known);
      findings.push(fileFinding('cluster-unknown', name, 'clusters/', name, `${hint ? `did you mean "${hint}"? ` : ''}one of the clusters in clusters/: ${known.join(', ')}`, registry));
    }
    files = files.filter((f) => wanted.includes(f.slice('clusters/'.length, -3)));
    findings.splice(0, findings.length, ...findings.filter((f) => f.rule === 'cluster-unknown' || wanted.includes(f.cluster)));
  }
  const clusters: LoadedCluster[] = [];
  // One module namespace per load: files share the packages they import (loaded once), and a
  // later load in the same process reads the files afresh instead of from the module cache.
  const scope = register({ namespace: `wavesmith-clusters-${++loads}` });
  try {
    for (const file of files) clusters.push(await loadClusterFile(root, file, registry, scope.import));
  } finally {
    await scope.unregister();
  }
  return { clusters, findings };
}

/**
 * Loads the clusters and throws one ClusterSpecError with every finding that blocks them (an
 * error no waiver covers); otherwise returns them. For commands that need valid clusters only.
 */
export async function loadClusters(root: string, registry: SpecRegistry, options: LoadOptions = {}): Promise<ValidCluster[]> {
  const fleet = await loadFleet(root, registry, options);
  const blocking = [...fleet.findings, ...fleet.clusters.flatMap((c) => specFindings(c, specRules(registry)))].filter(isBlocking);
  if (blocking.length > 0) throw new ClusterSpecError(blocking);
  return fleet.clusters as ValidCluster[];
}

/**
 * A cluster's spec findings with its waivers applied, the waivers themselves not judged (that
 * takes the output's findings and rules too): what decides whether the cluster can be rendered.
 */
export function specFindings(cluster: LoadedCluster, rules: RuleCatalogue, today = new Date().toISOString().slice(0, 10)): Finding[] {
  if (cluster.spec === undefined) return [...cluster.findings];
  return applyWaivers(cluster.findings, collectWaivers(cluster.spec), { cluster: cluster.name, spec: cluster.spec, rules, today, judge: 'none' });
}

let loads = 0;

type ScopedImport = (specifier: string, parent: string) => Promise<unknown>;

async function loadClusterFile(root: string, file: string, registry: SpecRegistry, scopedImport: ScopedImport): Promise<LoadedCluster> {
  const name = file.slice('clusters/'.length, -3);
  let exported: unknown;
  try {
    const mod = (await scopedImport(pathToFileURL(join(root, file)).href, import.meta.url)) as { default?: unknown };
    exported = mod.default;
  } catch (error) {
    const reason = describeLoadFailure(error, root);
    // The first `file:line:column` the reason names is where to look.
    const at = /^(?:.*?\(at )?([^\s:()]+\.[cm]?[jt]s):(\d+):(\d+)/.exec(reason);
    const source = at ? { file: at[1]!, line: Number(at[2]), column: Number(at[3]) } : { file };
    return { name, file, findings: [fileFinding('cluster-file-load', name, file, reason, 'a module that loads without errors', registry, source)] };
  }
  if (typeof exported !== 'object' || exported === null) {
    return { name, file, findings: [fileFinding('cluster-file-export', name, file, exported, 'a default export that is a cluster description (see composeCluster)', registry)] };
  }
  const result = validateCluster(exported, file, registry);
  const findings = [...result.findings];
  const declared = result.parsed?.name;
  if (result.parsed && declared !== name) {
    findings.push(toFinding({ rule: 'cluster-name-mismatch', path: '/name', specPath: '/name', value: declared, allowed: `"${name}": a cluster is named after its file`, message: specMessage(declared, `"${name}": a cluster is named after its file`) }, String(declared), specRules(registry)));
  }
  return { name: clusterLabel(exported, file), file, exported, ...(result.parsed ? { spec: result.parsed } : {}), findings };
}
