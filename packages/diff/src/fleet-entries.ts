import { leaves, pathText, sameValue, type FieldChange, type FieldPath } from './field-diff.js';
import type { ChangeKind, ClusterDiff, FleetDiff } from './fleet-diff.js';
import { APP_OF_APPS, type ComponentInfo } from './fleet-tree.js';
import { refLabel } from './object-ref.js';
import type { Risk, RiskId } from './risks.js';
import { redact, type ValueOwner } from './sensitive.js';

/** Placeholder for the cluster's own name in values shared by several clusters. */
export const CLUSTER_TOKEN = '{cluster}';

export type EntrySection = 'terraform' | 'component' | 'file';

/** One distinct before/after of a field, and the clusters that have it. */
export interface FieldVariant {
  readonly clusters: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface EntryField {
  readonly path: string;
  readonly variants: readonly FieldVariant[];
}

export interface EntryRisk {
  readonly id: RiskId;
  readonly detail: string;
  readonly clusters: readonly string[];
}

/** A change to one thing (object, Terraform block, component, file), merged over every cluster it happens in. */
export interface Entry {
  readonly section: EntrySection;
  /** Component name; `terraform` for Terraform blocks; the file path for other files. */
  readonly component: string;
  /** Lowest wave of the component over the clusters (for ordering). */
  readonly wave: number;
  readonly tier?: string;
  readonly kind: ChangeKind;
  /** `StatefulSet tbyte/postgres`, `aws_db_instance.tbyte`, `component loki`; the cluster name replaced by CLUSTER_TOKEN. */
  readonly title: string;
  /** Identity before a rename. */
  readonly from?: string;
  readonly clusters: readonly string[];
  readonly fields: readonly EntryField[];
  readonly risks: readonly EntryRisk[];
  /** Values of sensitive fields replaced by HIDDEN: how many. */
  readonly hidden: number;
}

/** A change in one cluster, before the same change in other clusters is merged into its entry. */
interface Occurrence extends Omit<Entry, 'clusters' | 'fields' | 'risks' | 'hidden'> {
  readonly cluster: string;
  readonly owner: ValueOwner;
  readonly fields: readonly FieldChange[];
  readonly risks: readonly Risk[];
}

const KIND_ORDER: Record<ChangeKind, number> = { removed: 0, renamed: 1, changed: 2, added: 3 };
const SECTION_ORDER: Record<EntrySection, number> = { terraform: 0, component: 1, file: 2 };
const TIER_ORDER: Record<string, number> = { core: 0, platform: 1, business: 2 };
/** The app-of-apps syncs before every wave; components without a known wave sort last. */
const APP_OF_APPS_WAVE = -1;
const UNKNOWN_WAVE = Number.MAX_SAFE_INTEGER;

const patterns = new Map<string, RegExp>();
function clusterPattern(cluster: string): RegExp {
  let pattern = patterns.get(cluster);
  if (!pattern) patterns.set(cluster, (pattern = new RegExp(`(?<![A-Za-z0-9])${cluster.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g')));
  return pattern;
}

/** Replaces the cluster's name where it stands as a word of its own (`tbyte-dev-loki` -> `{cluster}-loki`). */
export function normalizeCluster(value: unknown, cluster: string): unknown {
  if (typeof value === 'string') return value.includes(cluster) ? value.replace(clusterPattern(cluster), CLUSTER_TOKEN) : value;
  if (Array.isArray(value)) return value.map((v) => normalizeCluster(v, cluster));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [normalizeCluster(k, cluster) as string, normalizeCluster(v, cluster)]));
  return value;
}

/**
 * Turns the per-cluster diff into entries: the same change to the same thing in several clusters
 * becomes one entry listing them, and only values that differ between clusters are spelled out
 * per cluster. Sensitive values are redacted here, before anything can print them.
 */
export function fleetEntries(diff: FleetDiff): Entry[] {
  const groups = new Map<string, Occurrence[]>();
  for (const occurrence of diff.clusters.flatMap(occurrences)) {
    const key = [occurrence.section, occurrence.component, occurrence.kind, occurrence.title, occurrence.from ?? ''].join('\0');
    const list = groups.get(key);
    if (list) list.push(occurrence);
    else groups.set(key, [occurrence]);
  }
  const entries = [...groups.values()].map(merge);
  return entries.sort(
    (a, b) =>
      SECTION_ORDER[a.section] - SECTION_ORDER[b.section] ||
      a.wave - b.wave ||
      (TIER_ORDER[a.tier ?? ''] ?? 3) - (TIER_ORDER[b.tier ?? ''] ?? 3) ||
      compare(a.component, b.component) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compare(a.title, b.title),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function waveOf(info: ComponentInfo | undefined, component: string): number {
  if (component === APP_OF_APPS) return APP_OF_APPS_WAVE;
  return info?.wave ?? UNKNOWN_WAVE;
}

function occurrences(c: ClusterDiff): Occurrence[] {
  const n = (s: string) => normalizeCluster(s, c.cluster) as string;
  const result: Occurrence[] = [];
  for (const o of c.objects) {
    const info = c.componentInfo.get(o.component);
    const fields = o.kind === 'added' ? leaves(o.after!.body) : o.kind === 'removed' ? leaves(o.before!.body, [], 'before') : o.fields;
    result.push({
      cluster: c.cluster,
      section: 'component',
      component: o.component,
      wave: waveOf(info, o.component),
      ...(info?.tier ? { tier: info.tier } : {}),
      kind: o.kind,
      title: n(refLabel(o.id)),
      ...(o.from ? { from: n(refLabel(o.from)) } : {}),
      owner: { kind: 'object', ref: o.id },
      fields,
      risks: o.risks,
    });
  }
  for (const t of c.terraform) {
    const block = (t.after ?? t.before)!;
    const fields = t.kind === 'added' ? leaves(t.after!.body) : t.kind === 'removed' ? leaves(t.before!.body, [], 'before') : t.fields;
    result.push({
      cluster: c.cluster,
      section: 'terraform',
      component: 'terraform',
      wave: APP_OF_APPS_WAVE,
      kind: t.kind,
      title: n(t.id),
      ...(t.from ? { from: n(t.from) } : {}),
      owner: { kind: 'terraform', section: block.section, type: block.type, body: block.body },
      fields,
      risks: t.risks,
    });
  }
  for (const comp of c.components) {
    const info = comp.after ?? comp.before;
    const describe = (i: ComponentInfo | undefined) => (i ? { tier: i.tier, wave: i.wave, namespace: i.namespace, chart: i.chart ? `${i.chart.chart} ${i.chart.version} (${i.chart.repoURL})` : undefined } : undefined);
    result.push({
      cluster: c.cluster,
      section: 'component',
      component: comp.component,
      wave: waveOf(c.componentInfo.get(comp.component), comp.component),
      ...(info?.tier ? { tier: info.tier } : {}),
      kind: comp.kind,
      title: `component ${comp.component}`,
      owner: { kind: 'file' },
      fields: diffFields(describe(comp.before), describe(comp.after)),
      risks: comp.risks,
    });
  }
  for (const f of c.files) {
    result.push({
      cluster: c.cluster,
      section: 'file',
      component: n(f.path),
      wave: UNKNOWN_WAVE,
      kind: f.kind,
      title: n(f.path),
      owner: { kind: 'file' },
      fields: [{ path: [], ...(f.before === undefined ? {} : { before: f.before }), ...(f.after === undefined ? {} : { after: f.after }) }],
      risks: [],
    });
  }
  return result;
}

/** Leaf changes between two plain descriptions (only keys that differ). */
function diffFields(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return keys.flatMap((key): FieldChange[] => {
    const [b, a] = [before?.[key], after?.[key]];
    if (b === a) return [];
    return [{ path: [{ key }], ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) }];
  });
}

function merge(group: Occurrence[]): Entry {
  const first = group[0]!;
  const clusters = group.map((o) => o.cluster);
  let hidden = 0;
  const fieldsByPath = new Map<string, { cluster: string; before?: unknown; after?: unknown }[]>();
  for (const o of group) {
    for (const change of o.fields) {
      const b = redact(o.owner, change.path, change.before);
      const a = redact(o.owner, change.path, change.after);
      hidden += b.hidden + a.hidden;
      const path = normalizeCluster(pathText(change.path as FieldPath), o.cluster) as string;
      const list = fieldsByPath.get(path) ?? [];
      list.push({ cluster: o.cluster, ...(b.value === undefined ? {} : { before: b.value }), ...(a.value === undefined ? {} : { after: a.value }) });
      fieldsByPath.set(path, list);
    }
  }
  const fields: EntryField[] = [...fieldsByPath].map(([path, values]) => ({ path, variants: variantsOf(values) }));
  const risks = new Map<string, EntryRisk & { clusters: string[] }>();
  for (const o of group) {
    for (const risk of o.risks) {
      const detail = normalizeCluster(risk.detail, o.cluster) as string;
      const key = `${risk.id}\0${detail}`;
      const existing = risks.get(key);
      if (existing) existing.clusters.push(o.cluster);
      else risks.set(key, { id: risk.id, detail, clusters: [o.cluster] });
    }
  }
  return {
    section: first.section,
    component: first.component,
    wave: Math.min(...group.map((o) => o.wave)),
    ...(first.tier ? { tier: first.tier } : {}),
    kind: first.kind,
    title: first.title,
    ...(first.from ? { from: first.from } : {}),
    clusters,
    fields,
    risks: [...risks.values()],
    hidden,
  };
}

/** Groups clusters whose values are the same once their own names are replaced by CLUSTER_TOKEN. */
function variantsOf(values: { cluster: string; before?: unknown; after?: unknown }[]): FieldVariant[] {
  const variants: { clusters: string[]; normalized: [unknown, unknown]; before?: unknown; after?: unknown }[] = [];
  for (const v of values) {
    const normalized: [unknown, unknown] = [normalizeCluster(v.before, v.cluster), normalizeCluster(v.after, v.cluster)];
    const same = variants.find((x) => sameValue(x.normalized[0], normalized[0]) && sameValue(x.normalized[1], normalized[1]));
    if (same) {
      same.clusters.push(v.cluster);
      continue;
    }
    variants.push({ clusters: [v.cluster], normalized, ...(v.before === undefined ? {} : { before: v.before }), ...(v.after === undefined ? {} : { after: v.after }) });
  }
  return variants.map((v) => {
    const [before, after] = v.clusters.length > 1 ? v.normalized : [v.before, v.after];
    return { clusters: v.clusters, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
  });
}
