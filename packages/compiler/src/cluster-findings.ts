import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTPUT_RULES } from '@wavesmith/checks';
import {
  applyWaivers,
  collectWaivers,
  registeredApp,
  registeredComponent,
  ruleCatalogue,
  specRules,
  specSources,
  toFinding,
  type Finding,
  type LoadedCluster,
  type Problem,
  type RuleCatalogue,
  type SourceLocation,
  type SpecRegistry,
  type SpecSources,
} from '@wavesmith/model';

/** Every rule there is: the spec's (with those of the registry's components and apps) and the output's. */
export function allRules(registry: SpecRegistry): RuleCatalogue {
  let rules = catalogues.get(registry);
  if (!rules) {
    rules = ruleCatalogue([...specRules(registry).values()], OUTPUT_RULES);
    catalogues.set(registry, rules);
  }
  return rules;
}
const catalogues = new WeakMap<SpecRegistry, RuleCatalogue>();

/** What the output checks of a cluster found, and the spec entry of each component (see RenderedCluster). */
export interface ClusterOutput {
  readonly problems: readonly Problem[];
  readonly entries: Readonly<Record<string, string>>;
}

/** Today as YYYY-MM-DD in UTC, the date waivers expire against. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Every finding of one cluster: those of its spec and, when its output was checked, those of
 * the output, each output value traced back to the spec value that produced it; then the
 * cluster's waivers applied (and judged), and every finding given its source location.
 */
export async function clusterFindings(root: string, registry: SpecRegistry, cluster: LoadedCluster, output: ClusterOutput | undefined, date = today()): Promise<Finding[]> {
  const rules = allRules(registry);
  const { spec } = cluster;
  const traced = (output?.problems ?? []).map((found) => {
    // A problem found in a rendered file (a secret-shaped text) belongs to the component of its folder.
    const folder = found.component === undefined ? found.file?.match(/^dist\/[^/]+\/apps\/([^/]+)\//)?.[1] : undefined;
    const problem = folder === undefined ? found : { ...found, component: folder };
    const entry = problem.component === undefined ? undefined : output!.entries[problem.component];
    const specPath = spec === undefined || entry === undefined ? undefined : traceToSpec(problem, spec, entry);
    return toFinding(specPath === undefined ? problem : { ...problem, specPath }, cluster.name, rules);
  });
  const all = [...cluster.findings, ...traced];
  const judge = output === undefined ? 'all-but-unused' : 'all';
  const waived = spec === undefined ? all : applyWaivers(all, collectWaivers(spec), { cluster: cluster.name, spec, rules, today: date, judge });
  if (waived.every((f) => f.source !== undefined && f.waived === undefined)) return waived;
  const sources = cluster.exported === undefined ? undefined : specSources(root, cluster.file, cluster.exported, spec ?? cluster.exported);
  return waived.map((f) => located(f, root, registry, cluster, output, sources));
}

function located(finding: Finding, root: string, registry: SpecRegistry, cluster: LoadedCluster, output: ClusterOutput | undefined, sources: SpecSources | undefined): Finding {
  const waived = finding.waived && sources ? { ...finding.waived, source: sources.locate(finding.waived.specPath)?.location ?? { file: cluster.file } } : finding.waived;
  const source = finding.source ?? sourceOf(finding, root, registry, cluster, output, sources);
  return { ...finding, source, ...(waived ? { waived } : {}) };
}

/**
 * Where to fix a finding: the cluster or profile line that wrote its value; for a value that is
 * a default of a catalogue component or app, the file that defines it; for an output finding
 * with no value of the spec behind it, the file of the component's definition (or, for a custom
 * component, its entry); otherwise the line of the cluster file's default export.
 */
function sourceOf(finding: Finding, root: string, registry: SpecRegistry, cluster: LoadedCluster, output: ClusterOutput | undefined, sources: SpecSources | undefined): SourceLocation {
  const fallback: SourceLocation = { file: cluster.file };
  if (sources === undefined) return fallback;
  const entry = finding.specPath ?? (finding.component === undefined ? undefined : output?.entries[finding.component]);
  const definition = entry === undefined ? undefined : definitionFile(entry, registry, cluster, root);
  if (finding.specPath !== undefined) {
    const hit = sources.locate(finding.specPath);
    const isDefault = hit !== undefined && !hit.exact && valueAt(cluster.spec, finding.specPath) !== undefined;
    if (isDefault && definition !== undefined) return { file: definition };
    return hit?.location ?? fallback;
  }
  if (definition !== undefined) return { file: definition };
  if (entry !== undefined) return sources.locate(entry)?.location ?? fallback;
  return sources.locate('')?.location ?? fallback;
}

/** The file defining the catalogue component or app of the entry a spec pointer lies in, relative to the repository root. */
function definitionFile(pointer: string, registry: SpecRegistry, cluster: LoadedCluster, root: string): string | undefined {
  const m = /^\/(platform|apps)\/(\d+)(\/|$)/.exec(pointer);
  if (!m || cluster.spec === undefined) return undefined;
  const entry = (m[1] === 'platform' ? cluster.spec.platform : cluster.spec.apps)[Number(m[2])];
  if (entry === undefined) return undefined;
  const definition = m[1] === 'platform' ? registeredComponent(registry, entry.name) : registeredApp(registry, String(entry.chart));
  if (definition?.source === undefined) return undefined;
  const path = definition.source.startsWith('file:') ? fileURLToPath(definition.source) : definition.source;
  return relative(resolve(root), path);
}

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(value: unknown, pointer: string): unknown {
  let current = value;
  for (const s of segmentsOf(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[s];
  }
  return current;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The spec value behind an output finding, within the entry of its component: the same field of
 * an object the entry lists itself (a custom component's manifests), or else a field of the
 * entry with the finding's key and value (`runAsUser: 0`, `image: "nginx:latest"`), trying each
 * field of its evidence in turn.
 */
function traceToSpec(problem: Problem, spec: unknown, entry: string): string | undefined {
  const entryValue = valueAt(spec, entry) as Record<string, unknown> | undefined;
  if (entryValue === undefined) return undefined;
  const manifests = entryValue.manifests;
  if (Array.isArray(manifests) && problem.object !== undefined) {
    const index = manifests.findIndex((m: { kind?: unknown; metadata?: { name?: unknown } }) => m.kind === problem.object!.kind && m.metadata?.name === problem.object!.name);
    if (index !== -1) {
      const at = `${entry}/manifests/${index}`;
      for (const { path } of problem.evidence ?? [{ path: problem.path ?? '' }]) if (valueAt(spec, `${at}${path}`) !== undefined) return `${at}${path}`;
      return at;
    }
  }
  for (const { path, value } of problem.evidence ?? (problem.path === undefined ? [] : [{ path: problem.path, value: problem.value }])) {
    if (value === undefined) continue;
    const key = segmentsOf(path).at(-1);
    const found = search(entryValue, entry, (k, v) => k === key && v === value) ?? (typeof value === 'string' && value.length >= 3 ? search(entryValue, entry, (_, v) => v === value) : undefined);
    if (found !== undefined) return found;
  }
  return undefined;
}

function search(value: unknown, at: string, match: (key: string, value: unknown) => boolean): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const path = `${at}/${escape(key)}`;
    if (match(key, child)) return path;
    const deeper = search(child, path, match);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}
