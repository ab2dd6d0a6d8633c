import type { BusinessApps, PlatformComponents } from './registry.js';
import type { CustomComponentSpec } from './custom-component.js';
import type { ClusterSpec } from './spec.js';
import { recordLayers } from './spec-sources.js';

/** Every field optional, recursively: what a profile or an override layer may set. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type Known<R> = [keyof R] extends [never] ? false : true;

/**
 * One entry of `platform:` as a layer writes it: a catalogue component's options (typed by the
 * catalogue's augmentation of PlatformComponents), or a custom component.
 */
export type PlatformEntryLayer =
  | (Known<PlatformComponents> extends true
      ? { [N in keyof PlatformComponents]: { readonly name: N } & DeepPartial<Omit<PlatformComponents[N], 'name'>> }[keyof PlatformComponents]
      : { readonly name: string; readonly [option: string]: unknown })
  | CustomComponentSpec;

/**
 * One entry of `apps:` as a layer writes it: the app's props typed by its package's augmentation
 * of BusinessApps. `chart` may be left to the layer that first named the entry.
 */
export type AppEntryLayer =
  Known<BusinessApps> extends true
    ? { [C in keyof BusinessApps]: { readonly name: string; readonly chart?: C } & DeepPartial<Omit<BusinessApps[C], 'name' | 'chart'>> }[keyof BusinessApps]
    : { readonly name: string; readonly chart?: string; readonly [prop: string]: unknown };

/** A shared profile or a cluster's overrides: part of a ClusterSpec. */
export type ClusterLayer = DeepPartial<Omit<ClusterSpec, 'platform' | 'apps'>> & {
  readonly platform?: readonly PlatformEntryLayer[];
  readonly apps?: readonly AppEntryLayer[];
};

/**
 * Merges layers left to right into one cluster description, as Tanka and Kapitan merge
 * profiles (see `merge` for the rules). Layers are never modified.
 */
export function composeCluster(...layers: readonly ClusterLayer[]): ClusterLayer {
  const result = layers.reduce<unknown>((acc, layer) => merge(acc, layer), {}) as ClusterLayer;
  // Remembered so that a finding can name the layer, file and line that supplied a value (spec-sources.ts).
  recordLayers(result, layers);
  return result;
}

/**
 * The one merge of Wavesmith, for cluster layers, option defaults and chart values alike:
 * objects merge field by field; lists of named items (`{ name: ... }`) merge item by item on
 * `name`, keeping the first layer's order and appending new names; other lists and scalars are
 * replaced by the later value; `undefined` keeps the earlier one. Inputs are never modified.
 */
export function merge<T>(base: T, over: unknown): T {
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
        result[i] = merge(base[i], item);
        merged.add(i);
      }
    }
    return result as T;
  }
  if (isPlainObject(base) && isPlainObject(over)) {
    const result: Record<string, unknown> = clone(base);
    for (const [key, value] of Object.entries(over)) result[key] = merge(base[key], value);
    return result as T;
  }
  return clone(over) as T;
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
