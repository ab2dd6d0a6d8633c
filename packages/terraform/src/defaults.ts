/** Props over defaults: a field left out or set to undefined keeps its default. */
export type Filled<D, P> = Omit<P, keyof D> & { readonly [K in keyof D]: K extends keyof P ? NonNullable<P[K]> | D[K] : D[K] };

/** Fills a module's defaults once, at its top; unlike `{ ...defaults, ...props }`, an undefined prop does not erase a default. */
export function withDefaults<D extends object, P extends object>(defaults: D, props: P): Filled<D, P> {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(props)) if (value !== undefined) result[key] = value;
  return result as Filled<D, P>;
}
