import { ClusterSpecError } from './errors.js';
import { fileFinding, selectClusterFiles } from './cluster-files.js';
import { isBlocking, specMessage, toFinding, type Finding, type RuleCatalogue } from './finding.js';
import { describeLoadFailure } from './load-failure.js';
import type { SpecRegistry } from './registry.js';
import { compileSourceModules, importSourceModule, type SourceModule } from './source-modules.js';
import type { ClusterSpec } from './spec.js';
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

/**
 * Loads and validates every cluster file (or those named) against the components and apps of
 * `registry`, and returns every cluster with every finding: nothing stops at the first problem.
 */
export async function loadFleet(root: string, registry: SpecRegistry, options: LoadOptions = {}): Promise<FleetLoad> {
  const { files, findings } = await selectClusterFiles(root, options.only);
  const clusters: LoadedCluster[] = [];
  for (const module of await compileSourceModules(root, files)) clusters.push(await loadClusterModule(root, module, registry));
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

/** Runs a compiled cluster file (see compileSourceModules) and validates what it exports. */
export async function loadClusterModule(root: string, module: SourceModule, registry: SpecRegistry): Promise<LoadedCluster> {
  const { file } = module;
  const name = file.slice('clusters/'.length, -'.ts'.length);
  const failed = (reason: string): LoadedCluster => {
    // The first `file:line:column` the reason names is where to look.
    const at = /^(?:.*?\(at )?([^\s:()]+\.[cm]?[jt]s):(\d+):(\d+)/.exec(reason);
    const source = at ? { file: at[1]!, line: Number(at[2]), column: Number(at[3]) } : { file };
    return { name, file, findings: [fileFinding('cluster-file-load', name, file, reason, 'a module that loads without errors', source)] };
  };
  if (module.url === undefined) return failed(module.error ?? 'did not compile');
  let exported: unknown;
  try {
    exported = (await importSourceModule(module.url)).default;
  } catch (error) {
    return failed(describeLoadFailure(error, root));
  }
  if (typeof exported !== 'object' || exported === null) {
    return { name, file, findings: [fileFinding('cluster-file-export', name, file, exported, 'a default export that is a cluster description (see composeCluster)')] };
  }
  const result = validateCluster(exported, file, registry);
  const findings = [...result.findings];
  const declared = result.parsed?.name;
  if (result.parsed && declared !== name) {
    const allowed = `"${name}": a cluster is named after its file`;
    findings.push(toFinding({ rule: 'cluster-name-mismatch', path: '/name', specPath: '/name', value: declared, allowed, message: specMessage(declared, allowed) }, String(declared), specRules(registry)));
  }
  return { name: clusterLabel(exported, file), file, exported, ...(result.parsed ? { spec: result.parsed } : {}), findings };
}
