import { diffValues, isPlainObject, leaves } from './field-diff.js';

/** Share of equal leaves above which a removed and an added item are taken as one item renamed. */
const SIMILARITY = 0.7;
/** Beyond this many comparisons in one group, only bodies equal apart from their names are paired. */
const MAX_PAIRWISE = 20_000;

export interface RenameCandidate {
  readonly key: string;
  /** Items of the same kind are compared; names differ. */
  readonly group: string;
  readonly body: unknown;
}

/** The body without what a rename is expected to change: the name itself. */
function withoutName(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const metadata = isPlainObject(body.metadata) ? { ...body.metadata, name: undefined, namespace: undefined } : body.metadata;
  return { ...body, metadata };
}

function similarity(a: unknown, b: unknown): number {
  const total = Math.max(leaves(a).length, leaves(b).length, 1);
  return 1 - diffValues(a, b).length / total;
}

/**
 * Pairs removed and added items that are the same thing under a new name: same group (cluster,
 * API group and kind, or Terraform type), and at least 70% of their fields equal once the name is
 * set aside. Best matches are paired first; every item is used once.
 */
export function pairRenames(removed: readonly RenameCandidate[], added: readonly RenameCandidate[]): [removedKey: string, addedKey: string][] {
  const pairs: [string, string][] = [];
  const groups = new Set(removed.map((r) => r.group));
  for (const group of [...groups].sort()) {
    const from = removed.filter((r) => r.group === group);
    const to = added.filter((a) => a.group === group);
    if (to.length === 0) continue;
    const scored: [number, string, string][] = [];
    if (from.length * to.length <= MAX_PAIRWISE) {
      for (const r of from) for (const a of to) scored.push([similarity(withoutName(r.body), withoutName(a.body)), r.key, a.key]);
    } else {
      const signature = (c: RenameCandidate) => JSON.stringify(withoutName(c.body));
      const bySignature = new Map(to.map((a) => [signature(a), a.key]));
      for (const r of from) {
        const match = bySignature.get(signature(r));
        if (match !== undefined) scored.push([1, r.key, match]);
      }
    }
    scored.sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : 1));
    const used = new Set<string>();
    for (const [score, r, a] of scored) {
      if (score < SIMILARITY || used.has(r) || used.has(a)) continue;
      used.add(r).add(a);
      pairs.push([r, a]);
    }
  }
  return pairs;
}
