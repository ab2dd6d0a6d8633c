/**
 * Cluster files are TypeScript, so they can export what JSON cannot print: a BigInt, NaN, a
 * function, a Date, a circular object. Such a value would be dropped, mangled or crash the
 * writer later; it is reported here, with its path, and left out of the data that is validated.
 */

export interface NotJson {
  /** JSON Pointer of the value. */
  readonly path: string;
  readonly value: unknown;
  /** What it is, in words. */
  readonly what: string;
}

/** A copy of `value` with only what JSON can represent, and each value left out. */
export function plainData(value: unknown): { readonly data: unknown; readonly problems: readonly NotJson[] } {
  const problems: NotJson[] = [];
  const ancestors: { value: object; path: string }[] = [];
  const copy = (v: unknown, path: string): unknown => {
    switch (typeof v) {
      case 'undefined':
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Number.isFinite(v)) return v;
        problems.push({ path, value: String(v), what: `${String(v)}, which JSON writes as null` });
        return undefined;
      case 'bigint':
        problems.push({ path, value: `${v}n`, what: 'a BigInt, which JSON cannot write' });
        return undefined;
      case 'function':
      case 'symbol':
        problems.push({ path, value: String(v).slice(0, 60), what: `a ${typeof v}, which JSON cannot write` });
        return undefined;
    }
    if (v === null) return null;
    const object = v as object;
    const ancestor = ancestors.find((a) => a.value === object);
    if (ancestor !== undefined) {
      problems.push({ path, value: `[circular: ${ancestor.path || '/'}]`, what: `a reference to its own container at ${ancestor.path || '/'} (circular), which JSON cannot write` });
      return undefined;
    }
    const prototype = Object.getPrototypeOf(object) as object | null;
    if (!Array.isArray(object) && prototype !== Object.prototype && prototype !== null) {
      const name = (object.constructor as { name?: string } | undefined)?.name ?? 'a class';
      problems.push({ path, value: String(object).slice(0, 60), what: `an instance of ${name}, not plain data` });
      return undefined;
    }
    ancestors.push({ value: object, path });
    try {
      if (Array.isArray(object)) return object.map((item, i) => copy(item, `${path}/${i}`) ?? null);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(object)) {
        const copied = copy(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        if (copied !== undefined) result[key] = copied;
      }
      return result;
    } finally {
      ancestors.pop();
    }
  };
  const data = copy(value, '');
  return { data, problems };
}
