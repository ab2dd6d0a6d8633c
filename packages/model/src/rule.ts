import type { ClusterContext } from './context.js';
import type { SpecRegistry } from './registry.js';
import type { ClusterSpec } from './spec.js';

/** Records one problem at a JSON Pointer inside the spec. */
export type Report = (path: string, value: unknown, allowed: string) => void;

/**
 * A check that the JSON Schema cannot express (cross-field, uniqueness, CIDR arithmetic), given
 * the cluster's context and the registry its entries come from.
 */
export type SpecRule = (spec: ClusterSpec, report: Report, context: ClusterContext, registry: SpecRegistry) => void;

/** Reports every repeated `name` in a list, pointing at the second and later occurrences. */
export function checkUniqueNames(items: readonly { readonly name: string }[], listPath: string, what: string, report: Report): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first === undefined) seen.set(item.name, i);
    else report(`${listPath}/${i}/name`, item.name, `a ${what} name not already used (${listPath}/${first} is also named "${item.name}")`);
  });
}
