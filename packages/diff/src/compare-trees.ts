import { fleetEntries, type Entry } from './fleet-entries.js';
import { diffFleets, type FleetDiff } from './fleet-diff.js';
import { parseFleet, type RenderedTree } from './fleet-tree.js';

export interface TreeComparison {
  readonly diff: FleetDiff;
  readonly entries: readonly Entry[];
}

/** Compares two rendered trees: the per-cluster diff with its risks, and the entries merged over clusters. */
export function compareTrees(base: RenderedTree, head: RenderedTree): TreeComparison {
  const diff = diffFleets(parseFleet(base), parseFleet(head));
  return { diff, entries: fleetEntries(diff) };
}
