import data from './data/kubernetes-immutable.json' with { type: 'json' };

interface ImmutableRule {
  readonly group: string;
  readonly kind: string;
  readonly immutable?: readonly string[];
  readonly immutableExcept?: { readonly under: string; readonly mutable: readonly string[] };
  readonly source: { readonly file: string; readonly function: string; readonly commit?: string };
}

const rules = data.rules as readonly ImmutableRule[];
const within = (shape: string, path: string) => shape === path || shape.startsWith(`${path}.`);

export interface ImmutableField {
  /** The rule's path the change falls under (`spec.selector`, or `spec` for "everything but ..."). */
  readonly field: string;
  /** `kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate`. */
  readonly source: string;
}

/** Whether the API server refuses a change at `shape` (dotted, without list positions) of an object of this group and kind. */
export function immutableField(group: string, kind: string, shape: string): ImmutableField | undefined {
  for (const rule of rules) {
    if (rule.group !== group || rule.kind !== kind) continue;
    const source = `kubernetes/kubernetes ${rule.source.file} ${rule.source.function}`;
    const hit = rule.immutable?.find((path) => within(shape, path) || path.startsWith(`${shape}.`));
    if (hit !== undefined) return { field: hit, source };
    const except = rule.immutableExcept;
    if (except && within(shape, except.under) && !except.mutable.some((path) => within(shape, path))) return { field: shape, source };
  }
  return undefined;
}
