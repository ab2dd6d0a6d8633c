import type { ClusterContext } from './context.js';
import type { SpecRegistry } from './registry.js';
import type { ClusterSpec } from './spec.js';

/**
 * Records one problem at a JSON Pointer inside the spec. The rule id may be given first
 * (`report('subnet-overlap', path, value, allowed)`); without it the problem is reported under
 * the default rule of the check that reports it (for an entry's own rules, `component-options`
 * or `app-props`).
 */
export interface Report {
  (path: string, value: unknown, allowed: string): void;
  (rule: string, path: string, value: unknown, allowed: string): void;
}

/** A Report that hands each problem, with its rule id or undefined, to `sink`. */
export function makeReport(sink: (rule: string | undefined, path: string, value: unknown, allowed: string) => void): Report {
  return ((...args: unknown[]) => {
    if (args.length === 4) sink(args[0] as string, args[1] as string, args[2], args[3] as string);
    else sink(undefined, args[0] as string, args[1], args[2] as string);
  }) as Report;
}

/**
 * A check that the JSON Schema cannot express (cross-field, uniqueness, CIDR arithmetic), given
 * the cluster's context and the registry its entries come from.
 */
export type SpecRule = (spec: ClusterSpec, report: Report, context: ClusterContext, registry: SpecRegistry) => void;

/** Reports every repeated key (`name`, or `field`) in a list, pointing at the second and later occurrences. */
export function checkUniqueNames(items: readonly { readonly [key: string]: unknown }[], listPath: string, what: string, report: Report, field = 'name'): void {
  const seen = new Map<unknown, number>();
  items.forEach((item, i) => {
    const key = item[field];
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else report('duplicate-name', `${listPath}/${i}/${field}`, key, `a ${what} ${field} not already used (${listPath}/${first} is also ${field === 'name' ? 'named ' : ''}${JSON.stringify(key)})`);
  });
}
