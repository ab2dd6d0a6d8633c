import type { ChangeKind, FleetDiff } from './fleet-diff.js';
import { RISK_IDS, type RiskId } from './risks.js';

export interface Counts {
  added: number;
  changed: number;
  removed: number;
}

export interface ClusterRow {
  readonly cluster: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly components: number;
  readonly objects: Counts;
  readonly terraform: Counts;
  readonly files: Counts;
  readonly risks: Partial<Record<RiskId, number>>;
}

const count = (counts: Counts, kind: ChangeKind) => {
  if (kind === 'added') counts.added++;
  else if (kind === 'removed') counts.removed++;
  else counts.changed++;
};

/** One row per changed cluster: what changes, and how many of each risk. Renames count as changed. */
export function clusterRows(diff: FleetDiff): ClusterRow[] {
  return diff.clusters.map((c) => {
    const objects: Counts = { added: 0, changed: 0, removed: 0 };
    const terraform: Counts = { added: 0, changed: 0, removed: 0 };
    const files: Counts = { added: 0, changed: 0, removed: 0 };
    const risks: Partial<Record<RiskId, number>> = {};
    const components = new Set<string>();
    for (const o of c.objects) {
      count(objects, o.kind);
      components.add(o.component);
    }
    for (const t of c.terraform) count(terraform, t.kind);
    for (const f of c.files) count(files, f.kind);
    for (const comp of c.components) components.add(comp.component);
    for (const r of [...c.objects, ...c.terraform, ...c.components].flatMap((x) => x.risks)) risks[r.id] = (risks[r.id] ?? 0) + 1;
    return { cluster: c.cluster, status: c.status, components: components.size, objects, terraform, files, risks };
  });
}

export function totalRow(rows: readonly ClusterRow[]): Omit<ClusterRow, 'cluster' | 'status'> {
  const sum = (pick: (r: ClusterRow) => Counts): Counts => ({
    added: rows.reduce((n, r) => n + pick(r).added, 0),
    changed: rows.reduce((n, r) => n + pick(r).changed, 0),
    removed: rows.reduce((n, r) => n + pick(r).removed, 0),
  });
  const risks: Partial<Record<RiskId, number>> = {};
  for (const id of RISK_IDS) {
    const n = rows.reduce((total, r) => total + (r.risks[id] ?? 0), 0);
    if (n > 0) risks[id] = n;
  }
  return { components: rows.reduce((n, r) => n + r.components, 0), objects: sum((r) => r.objects), terraform: sum((r) => r.terraform), files: sum((r) => r.files), risks };
}

/** `immutable-field ×2, tf-replace ×1` in catalogue order. */
export function riskCounts(risks: Partial<Record<RiskId, number>>, times = '×'): string {
  return RISK_IDS.filter((id) => risks[id]).map((id) => `${id} ${times}${risks[id]}`).join(', ');
}
