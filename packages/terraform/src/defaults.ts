import { merge } from '@wavesmith/model';

/** Props over defaults: a field left out or set to undefined keeps its default. */
export type Filled<D, P> = Omit<P, keyof D> & { readonly [K in keyof D]: K extends keyof P ? NonNullable<P[K]> | D[K] : D[K] };

/**
 * Fills a module's defaults once, at its top, with the one merge of Wavesmith (the one cluster
 * layers and chart values use): an undefined prop keeps its default, objects merge field by field.
 */
export function withDefaults<D extends object, P extends object>(defaults: D, props: P): Filled<D, P> {
  return merge(defaults, props) as unknown as Filled<D, P>;
}
