import { isPlainObject, pathShape, type FieldPath } from './field-diff.js';
import type { KubeRef } from './object-ref.js';
import { isSensitiveAttribute } from './terraform-facts.js';

/** Where a value comes from, which decides whether it may be printed. */
export type ValueOwner =
  | { readonly kind: 'object'; readonly ref: KubeRef }
  | { readonly kind: 'terraform'; readonly section: string; readonly type: string; readonly body: unknown }
  | { readonly kind: 'file' };

/** Printed instead of a value that must never be shown. */
export const HIDDEN = '(sensitive value hidden)';

const within = (shape: string, path: string) => shape === path || shape.startsWith(`${path}.`);

/**
 * Values that are never printed: the data of Kubernetes Secrets, attributes the Terraform
 * provider marks Sensitive, and Terraform outputs and variables declared `sensitive`.
 */
export function isSensitive(owner: ValueOwner, path: FieldPath): boolean {
  const shape = pathShape(path);
  if (owner.kind === 'object') return owner.ref.group === '' && owner.ref.kind === 'Secret' && (within(shape, 'data') || within(shape, 'stringData'));
  if (owner.kind !== 'terraform') return false;
  if (owner.section === 'resource' || owner.section === 'data') return isSensitiveAttribute(owner.type, shape);
  const declared = isPlainObject(owner.body) && owner.body.sensitive === true;
  return declared && ((owner.section === 'output' && within(shape, 'value')) || (owner.section === 'variable' && within(shape, 'default')));
}

/** The value with every sensitive part below `path` replaced by HIDDEN, and how many parts were. */
export function redact(owner: ValueOwner, path: FieldPath, value: unknown): { value: unknown; hidden: number } {
  if (value === undefined) return { value, hidden: 0 };
  if (isSensitive(owner, path)) return { value: HIDDEN, hidden: 1 };
  let hidden = 0;
  const walk = (v: unknown, p: FieldPath): unknown => {
    if (isSensitive(owner, p)) {
      hidden++;
      return HIDDEN;
    }
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...p, { key: k }])]));
    if (Array.isArray(v)) return v.map((x, index) => walk(x, [...p, { index }]));
    return v;
  };
  const result = walk(value, path);
  return { value: result, hidden };
}
