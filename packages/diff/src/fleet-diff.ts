import { diffValues, pathShape, type FieldChange } from './field-diff.js';
import { APP_OF_APPS, type ClusterOutput, type ComponentInfo, type FleetOutput, type LocatedObject, type TerraformBlock } from './fleet-tree.js';
import { immutableField } from './kubernetes-facts.js';
import { holdsData, isApplication, refLabel, type KubeRef } from './object-ref.js';
import { pairRenames } from './renames.js';
import { majorOf, type Risk } from './risks.js';
import { replacementFor } from './terraform-facts.js';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** A change to one keyed item of a cluster (a Kubernetes object, a Terraform block) between base and head. */
export interface ItemChange<Id, Item> {
  readonly cluster: string;
  readonly kind: ChangeKind;
  readonly id: Id;
  /** For a rename: the item's identity before. */
  readonly from?: Id;
  readonly before?: Item;
  readonly after?: Item;
  readonly fields: readonly FieldChange[];
  readonly risks: readonly Risk[];
}

export type ObjectChange = ItemChange<KubeRef, LocatedObject> & { readonly component: string };

/** Identified by address (`aws_vpc.main`). */
export type TerraformChange = ItemChange<string, TerraformBlock>;

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

/** Pseudo-field holding the component (Argo CD Application) an object belongs to. */
export const COMPONENT_FIELD = '(component)';

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

/** How the items of one kind are compared: their identity, body, and the risks of their changes. */
interface ItemRules<Id, Item> {
  id(item: Item): Id;
  body(item: Item): unknown;
  /** Items of the same group may be a rename of one another; undefined: never. */
  renameGroup(item: Item): string | undefined;
  renameRisk(before: Item, after: Item): Risk;
  deletionRisks(before: Item): Risk[];
  changeRisks(after: Item, fields: readonly FieldChange[]): Risk[];
}

/** Added, removed, renamed and changed items of two keyed sets, with their risks. */
function diffItems<Id, Item>(cluster: string, base: ReadonlyMap<string, Item>, head: ReadonlyMap<string, Item>, rules: ItemRules<Id, Item>): ItemChange<Id, Item>[] {
  const changes: ItemChange<Id, Item>[] = [];
  const removed = [...base.keys()].filter((k) => !head.has(k));
  const added = [...head.keys()].filter((k) => !base.has(k));
  const candidates = (keys: string[], items: ReadonlyMap<string, Item>) =>
    keys.flatMap((key) => {
      const group = rules.renameGroup(items.get(key)!);
      return group === undefined ? [] : [{ key, group, body: rules.body(items.get(key)!) }];
    });
  const renames = pairRenames(candidates(removed, base), candidates(added, head));
  const renamedFrom = new Map(renames.map(([r, a]) => [a, r]));
  const renamedAway = new Set(renames.map(([r]) => r));

  for (const key of removed) {
    if (renamedAway.has(key)) continue;
    const before = base.get(key)!;
    changes.push({ cluster, kind: 'removed', id: rules.id(before), before, fields: diffValues(rules.body(before), undefined), risks: rules.deletionRisks(before) });
  }
  for (const key of added) {
    const after = head.get(key)!;
    const fromKey = renamedFrom.get(key);
    if (fromKey === undefined) {
      changes.push({ cluster, kind: 'added', id: rules.id(after), after, fields: diffValues(undefined, rules.body(after)), risks: [] });
      continue;
    }
    const before = base.get(fromKey)!;
    const risks = [rules.renameRisk(before, after), ...rules.deletionRisks(before)];
    changes.push({ cluster, kind: 'renamed', id: rules.id(after), from: rules.id(before), before, after, fields: diffValues(rules.body(before), rules.body(after)), risks });
  }
  for (const [key, after] of head) {
    const before = base.get(key);
    if (!before) continue;
    const fields = diffValues(rules.body(before), rules.body(after));
    if (fields.length > 0) changes.push({ cluster, kind: 'changed', id: rules.id(after), before, after, fields, risks: rules.changeRisks(after, fields) });
  }
  return changes;
}

function diffObjects(cluster: string, base: ClusterOutput, head: ClusterOutput): ObjectChange[] {
  // An object moving to another component moves to another Application: compared as a field of its own.
  const body = (o: LocatedObject) => ({ ...o.body, [COMPONENT_FIELD]: o.component });
  const changes = diffItems<KubeRef, LocatedObject>(cluster, base.objects, head.objects, {
    id: (o) => o.ref,
    body,
    renameGroup: (o) => `${o.ref.group}/${o.ref.kind}`,
    renameRisk: (before, after) => ({ id: 'rename', detail: `${refLabel(before.ref)} -> ${refLabel(after.ref)}` }),
    deletionRisks: (before) => deletionRisks(before, base),
    changeRisks: (after, fields) => immutableRisks(after.ref, fields),
  });
  return changes.map((c) => ({ ...c, component: (c.after ?? c.before)!.component }));
}

/** What deleting an object puts at risk: its data, or everything an Application prunes. */
function deletionRisks(before: LocatedObject, base: ClusterOutput): Risk[] {
  if (holdsData(before.ref)) return [{ id: 'delete-data', detail: `${refLabel(before.ref)} is deleted` }];
  if (!isApplication(before.ref)) return [];
  // The root Application of the app-of-apps prunes the whole cluster; a child one, its component.
  const root = before.component === APP_OF_APPS;
  const pruned = [...base.objects.values()].filter((o) => o !== before && (root || o.component === before.ref.name)).length;
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
  const isResource = (b: TerraformBlock) => b.section === 'resource';
  return diffItems<string, TerraformBlock>(cluster, base.terraform, head.terraform, {
    id: (b) => b.address,
    body: (b) => b.body,
    renameGroup: (b) => (isResource(b) ? b.type : undefined),
    renameRisk: (before, after) => ({ id: 'rename', detail: `${before.address} -> ${after.address} (no moved block)` }),
    deletionRisks: (before) => (isResource(before) ? [{ id: 'tf-destroy', detail: `${before.address} is destroyed` }] : []),
    changeRisks: (after, fields) => (isResource(after) ? replacementRisks(after, fields) : []),
  });
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
