import type { ClusterSpec } from './spec.js';

/** Every field optional, recursively: what a profile or an override layer may set. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A shared profile or a cluster's overrides: part of a ClusterSpec. */
export type ClusterLayer = DeepPartial<ClusterSpec>;

/**
 * Merges layers left to right into one cluster description, as Tanka and Kapitan merge
 * profiles: objects merge field by field; lists of named items (`{ name: ... }`) merge item
 * by item on `name`, keeping the first layer's order and appending new names; other lists and
 * scalars are replaced by the later layer. Layers are never modified.
 */
export function composeCluster(...layers: readonly ClusterLayer[]): ClusterLayer {
  return layers.reduce<unknown>((acc, layer) => merge(acc, layer), {}) as ClusterLayer;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return clone(base);
  if (Array.isArray(base) && Array.isArray(over) && isNamedList(base) && isNamedList(over)) {
    // Each later item merges into the first not-yet-merged item of that name; a name repeated
    // within a layer is kept twice so that validation reports the duplicate instead of hiding it.
    const result = base.map((item) => clone(item));
    const merged = new Set<number>();
    for (const item of over) {
      const i = base.findIndex((b, index) => b.name === item.name && !merged.has(index));
      if (i === -1) result.push(clone(item));
      else {
        result[i] = merge(base[i], item) as { name: unknown };
        merged.add(i);
      }
    }
    return result;
  }
  if (isPlainObject(base) && isPlainObject(over)) {
    const result: Record<string, unknown> = clone(base) as Record<string, unknown>;
    for (const [key, value] of Object.entries(over)) result[key] = merge(base[key], value);
    return result;
  }
  return clone(over);
}

function isNamedList(list: unknown[]): list is { name: unknown }[] {
  return list.every((item) => isPlainObject(item) && typeof item.name === 'string');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
