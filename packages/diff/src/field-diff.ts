/** One step into a value: an object key, a list position, or a list item found by its natural key. */
export type Segment = { readonly key: string } | { readonly index: number } | { readonly match: string; readonly value: string | number | boolean };

export type FieldPath = readonly Segment[];

/** A leaf-most difference; `before` undefined means added, `after` undefined means removed. */
export interface FieldChange {
  readonly path: FieldPath;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Fields that identify an item of a list, in the order they are tried. The first one present in
 * every item on both sides, with no value repeated on either side, keys the list (Kubernetes
 * merge keys: containers and env by name, ports by containerPort or port, mounts by mountPath;
 * IAM policy statements by sid).
 */
const NATURAL_KEYS = ['name', 'metadata.name', 'containerPort', 'mountPath', 'devicePath', 'port', 'key', 'type', 'path', 'ip', 'hostname', 'host', 'id', 'sid', 'Sid'];

/** The value of a (possibly dotted) key field of a list item. */
function keyValue(item: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), item);
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The key field that identifies the items of both lists, if there is one. */
export function naturalKey(before: readonly unknown[], after: readonly unknown[]): string | undefined {
  const items = [...before, ...after];
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  const unique = (list: readonly unknown[], key: string) => new Set(list.map((i) => keyValue(i, key))).size === list.length;
  return NATURAL_KEYS.find((key) => items.every((i) => isScalar(keyValue(i, key))) && unique(before, key) && unique(after, key));
}

/** Deep equality where key order, and the order of naturally keyed list items, do not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  return diffValues(a, b).length === 0;
}

/**
 * Differences between two values, as leaf-most field paths. Objects are compared key by key,
 * keyed lists item by item (so reordering them is no change), other lists of objects position by
 * position, and lists of plain values as a whole (their order can carry meaning: args, commands).
 */
export function diffValues(before: unknown, after: unknown, path: FieldPath = []): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined || after === undefined) return [{ path, before, after }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], [...path, { key }]));
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffLists(before, after, path);
  return Object.is(before, after) ? [] : [{ path, before, after }];
}

function diffLists(before: readonly unknown[], after: readonly unknown[], path: FieldPath): FieldChange[] {
  const key = naturalKey(before, after);
  if (key !== undefined) {
    const byKey = (list: readonly unknown[]) => new Map(list.map((i) => [keyValue(i, key) as string | number | boolean, i]));
    const [b, a] = [byKey(before), byKey(after)];
    const values = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
    return values.flatMap((value) => diffValues(b.get(value), a.get(value), [...path, { match: key, value }]));
  }
  if (before.every(isPlainObject) && after.every(isPlainObject) && before.length > 0 && after.length > 0) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => diffValues(before[index], after[index], [...path, { index }])).flat();
  }
  const same = before.length === after.length && before.every((v, i) => diffValues(v, after[i]).length === 0);
  return same ? [] : [{ path, before, after }];
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.template.spec.containers[name=backend].image`, `data["loki.yaml"]`, `ingress[0]`. */
export function pathText(path: FieldPath): string {
  let text = '';
  for (const s of path) {
    if ('key' in s) text += PLAIN_KEY.test(s.key) ? `${text === '' ? '' : '.'}${s.key}` : `[${JSON.stringify(s.key)}]`;
    else if ('index' in s) text += `[${s.index}]`;
    else text += `[${s.match}=${String(s.value)}]`;
  }
  return text;
}

/** The path with list positions and keys dropped: `spec.template.spec.containers.image`, the shape rules are written in. */
export function pathShape(path: FieldPath): string {
  return path.flatMap((s) => ('key' in s ? [s.key] : [])).join('.');
}

/** Every leaf of a value (plain values, lists of plain values, empty objects and lists), as changes from nothing. */
export function leaves(value: unknown, path: FieldPath = [], side: 'before' | 'after' = 'after'): FieldChange[] {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => leaves(value[key], [...path, { key }], side));
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) {
    const key = naturalKey(value, []);
    return value.flatMap((item, index) =>
      leaves(item, [...path, key === undefined ? { index } : { match: key, value: keyValue(item, key) as string | number | boolean }], side),
    );
  }
  return [side === 'after' ? { path, after: value } : { path, before: value }];
}
