import { diffValues, pathShape, type FieldChange } from './field-diff.js';
import type { ClusterOutput, ComponentInfo, FleetOutput, LocatedObject, TerraformBlock } from './fleet-tree.js';
import { immutableField } from './kubernetes-facts.js';
import { holdsData, isApplication, refLabel, type KubeRef } from './object-ref.js';
import { pairRenames } from './renames.js';
import { majorOf, type Risk } from './risks.js';
import { replacementFor } from './terraform-facts.js';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

export interface ObjectChange {
  readonly cluster: string;
  readonly component: string;
  readonly kind: ChangeKind;
  readonly ref: KubeRef;
  /** For a rename: the object's identity before. */
  readonly from?: KubeRef;
  readonly before?: LocatedObject;
  readonly after?: LocatedObject;
  readonly fields: readonly FieldChange[];
  readonly risks: readonly Risk[];
}

export interface TerraformChange {
  readonly cluster: string;
  readonly kind: ChangeKind;
  readonly address: string;
  readonly from?: string;
  readonly before?: TerraformBlock;
  readonly after?: TerraformBlock;
  readonly fields: readonly FieldChange[];
  readonly risks: readonly Risk[];
}

export interface ComponentChange {
  readonly cluster: string;
  readonly component: string;
  readonly kind: Exclude<ChangeKind, 'renamed'>;
  readonly before?: ComponentInfo;
  readonly after?: ComponentInfo;
  readonly risks: readonly Risk[];
}

export interface FileChange {
  readonly cluster: string;
  readonly path: string;
  readonly kind: Exclude<ChangeKind, 'renamed'>;
  readonly before?: string;
  readonly after?: string;
}

export interface ClusterDiff {
  readonly cluster: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly objects: readonly ObjectChange[];
  readonly terraform: readonly TerraformChange[];
  readonly components: readonly ComponentChange[];
  readonly files: readonly FileChange[];
  /** Component metadata for ordering and labels: the head's, else the base's. */
  readonly componentInfo: ReadonlyMap<string, ComponentInfo>;
}

export interface FleetDiff {
  /** Clusters with any change, by name. */
  readonly clusters: readonly ClusterDiff[];
  /** Clusters present on both sides with identical output. */
  readonly unchanged: readonly string[];
}

const EMPTY: ClusterOutput = { name: '', components: new Map(), objects: new Map(), terraform: new Map(), files: new Map() };

/** Compares two rendered fleets cluster by cluster, with a risk label on every change that needs one. */
export function diffFleets(base: FleetOutput, head: FleetOutput): FleetDiff {
  const names = [...new Set([...base.clusters.keys(), ...head.clusters.keys()])].sort();
  const clusters: ClusterDiff[] = [];
  const unchanged: string[] = [];
  for (const name of names) {
    const b = base.clusters.get(name);
    const h = head.clusters.get(name);
    const diff = diffCluster(name, b ?? EMPTY, h ?? EMPTY, !b ? 'added' : !h ? 'removed' : 'changed');
    if (diff.objects.length + diff.terraform.length + diff.components.length + diff.files.length === 0) unchanged.push(name);
    else clusters.push(diff);
  }
  return { clusters, unchanged };
}

function diffCluster(cluster: string, base: ClusterOutput, head: ClusterOutput, status: ClusterDiff['status']): ClusterDiff {
  const componentInfo = new Map([...base.components, ...head.components]);
  return {
    cluster,
    status,
    objects: diffObjects(cluster, base, head),
    terraform: diffTerraform(cluster, base, head),
    components: diffComponents(cluster, base, head),
    files: diffFiles(cluster, base, head),
    componentInfo,
  };
}

function diffObjects(cluster: string, base: ClusterOutput, head: ClusterOutput): ObjectChange[] {
  const changes: ObjectChange[] = [];
  const removed = [...base.objects.keys()].filter((k) => !head.objects.has(k));
  const added = [...head.objects.keys()].filter((k) => !base.objects.has(k));
  const candidate = (o: LocatedObject, key: string) => ({ key, group: `${o.ref.group}/${o.ref.kind}`, body: o.body });
  const renames = pairRenames(
    removed.map((k) => candidate(base.objects.get(k)!, k)),
    added.map((k) => candidate(head.objects.get(k)!, k)),
  );
  const renamedFrom = new Map(renames.map(([r, a]) => [a, r]));
  const renamedTo = new Set(renames.map(([r]) => r));

  for (const key of removed) {
    if (renamedTo.has(key)) continue;
    const before = base.objects.get(key)!;
    changes.push({ cluster, component: before.component, kind: 'removed', ref: before.ref, before, fields: diffValues(before.body, undefined), risks: deletionRisks(before, base) });
  }
  for (const key of added) {
    const after = head.objects.get(key)!;
    const fromKey = renamedFrom.get(key);
    if (fromKey === undefined) {
      changes.push({ cluster, component: after.component, kind: 'added', ref: after.ref, after, fields: diffValues(undefined, after.body), risks: [] });
      continue;
    }
    const before = base.objects.get(fromKey)!;
    const risks: Risk[] = [{ id: 'rename', detail: `${refLabel(before.ref)} -> ${refLabel(after.ref)}` }, ...deletionRisks(before, base)];
    changes.push({ cluster, component: after.component, kind: 'renamed', ref: after.ref, from: before.ref, before, after, fields: diffValues(before.body, after.body), risks });
  }
  for (const [key, after] of head.objects) {
    const before = base.objects.get(key);
    if (!before) continue;
    const fields = diffValues(before.body, after.body);
    if (fields.length === 0) continue;
    changes.push({ cluster, component: after.component, kind: 'changed', ref: after.ref, before, after, fields, risks: immutableRisks(after.ref, fields) });
  }
  return changes;
}

/** What deleting an object puts at risk: its data, or everything an Application prunes. */
function deletionRisks(before: LocatedObject, base: ClusterOutput): Risk[] {
  if (holdsData(before.ref)) return [{ id: 'delete-data', detail: `${refLabel(before.ref)} is deleted` }];
  if (!isApplication(before.ref)) return [];
  const pruned = [...base.objects.values()].filter((o) => o.component === before.ref.name && o !== before).length;
  const spec = (before.body.spec ?? {}) as { source?: { chart?: string }; sources?: { chart?: string }[] };
  const charts = [spec.source, ...(spec.sources ?? [])].flatMap((s) => (s?.chart ? [s.chart] : []));
  const what = [`${pruned} rendered object${pruned === 1 ? '' : 's'}`, ...charts.map((c) => `everything chart ${c} installed`)].join(' and ');
  return [{ id: 'delete-application', detail: `Application ${before.ref.name} is deleted and prunes ${what}` }];
}

function immutableRisks(ref: KubeRef, fields: readonly FieldChange[]): Risk[] {
  const hits = new Set<string>();
  for (const change of fields) {
    const hit = immutableField(ref.group, ref.kind, pathShape(change.path));
    if (hit) hits.add(hit.field);
  }
  return hits.size === 0 ? [] : [{ id: 'immutable-field', detail: `${refLabel(ref)} ${[...hits].sort().join(', ')}` }];
}

function diffTerraform(cluster: string, base: ClusterOutput, head: ClusterOutput): TerraformChange[] {
  const changes: TerraformChange[] = [];
  const removed = [...base.terraform.keys()].filter((k) => !head.terraform.has(k));
  const added = [...head.terraform.keys()].filter((k) => !base.terraform.has(k));
  const resource = (b: TerraformBlock) => b.section === 'resource';
  const renames = pairRenames(
    removed.filter((k) => resource(base.terraform.get(k)!)).map((k) => ({ key: k, group: base.terraform.get(k)!.type, body: base.terraform.get(k)!.body })),
    added.filter((k) => resource(head.terraform.get(k)!)).map((k) => ({ key: k, group: head.terraform.get(k)!.type, body: head.terraform.get(k)!.body })),
  );
  const renamedFrom = new Map(renames.map(([r, a]) => [a, r]));
  const renamedTo = new Set(renames.map(([r]) => r));
  const destroy = (b: TerraformBlock): Risk[] => (resource(b) ? [{ id: 'tf-destroy', detail: `${b.address} is destroyed` }] : []);

  for (const key of removed) {
    if (renamedTo.has(key)) continue;
    const before = base.terraform.get(key)!;
    changes.push({ cluster, kind: 'removed', address: key, before, fields: diffValues(before.body, undefined), risks: destroy(before) });
  }
  for (const key of added) {
    const after = head.terraform.get(key)!;
    const fromKey = renamedFrom.get(key);
    if (fromKey === undefined) {
      changes.push({ cluster, kind: 'added', address: key, after, fields: diffValues(undefined, after.body), risks: [] });
      continue;
    }
    const before = base.terraform.get(fromKey)!;
    const risks: Risk[] = [{ id: 'rename', detail: `${fromKey} -> ${key} (no moved block)` }, ...destroy(before)];
    changes.push({ cluster, kind: 'renamed', address: key, from: fromKey, before, after, fields: diffValues(before.body, after.body), risks });
  }
  for (const [key, after] of head.terraform) {
    const before = base.terraform.get(key);
    if (!before) continue;
    const fields = diffValues(before.body, after.body);
    if (fields.length === 0) continue;
    changes.push({ cluster, kind: 'changed', address: key, before, after, fields, risks: resource(after) ? replacementRisks(after, fields) : [] });
  }
  return changes;
}

/** One label per resource: definite replacement on the attributes that force it; else possible replacement. */
function replacementRisks(block: TerraformBlock, fields: readonly FieldChange[]): Risk[] {
  const definite = new Set<string>();
  const possible = new Set<string>();
  for (const change of fields) {
    const hit = replacementFor(block.type, pathShape(change.path), change.before === undefined || change.after === undefined);
    if (hit) (hit.conditional ? possible : definite).add(hit.attribute);
  }
  if (definite.size > 0) return [{ id: 'tf-replace', detail: `${block.address} ${[...definite].sort().join(', ')}` }];
  if (possible.size > 0) return [{ id: 'tf-replace-possible', detail: `${block.address} ${[...possible].sort().join(', ')}` }];
  return [];
}

function diffComponents(cluster: string, base: ClusterOutput, head: ClusterOutput): ComponentChange[] {
  const changes: ComponentChange[] = [];
  const names = [...new Set([...base.components.keys(), ...head.components.keys()])].sort();
  for (const name of names) {
    const before = base.components.get(name);
    const after = head.components.get(name);
    if (!before || !after) {
      changes.push({ cluster, component: name, kind: before ? 'removed' : 'added', ...(before ? { before } : {}), ...(after ? { after } : {}), risks: [] });
      continue;
    }
    const risks: Risk[] = [];
    if (before.wave !== after.wave) risks.push({ id: 'wave-move', detail: `${name} wave ${before.wave ?? '-'} -> ${after.wave ?? '-'}` });
    if (before.tier !== after.tier) risks.push({ id: 'tier-move', detail: `${name} tier ${before.tier ?? '-'} -> ${after.tier ?? '-'}` });
    const [bv, av] = [before.chart?.version, after.chart?.version];
    if (bv !== undefined && av !== undefined && majorOf(bv) !== majorOf(av)) risks.push({ id: 'chart-major', detail: `${before.chart!.chart} ${bv} -> ${av}` });
    const chartChanged = diffValues(before.chart, after.chart).length > 0;
    if (risks.length > 0 || chartChanged || before.namespace !== after.namespace) changes.push({ cluster, component: name, kind: 'changed', before, after, risks });
  }
  return changes;
}

function diffFiles(cluster: string, base: ClusterOutput, head: ClusterOutput): FileChange[] {
  const paths = [...new Set([...base.files.keys(), ...head.files.keys()])].sort();
  return paths.flatMap((path): FileChange[] => {
    const [before, after] = [base.files.get(path), head.files.get(path)];
    if (before === after) return [];
    const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    return [{ cluster, path, kind, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }];
  });
}
