import { template, type Expression, type Value } from '../expression.js';

/** One statement in IAM's own JSON spelling, as upstream files write it. */
export interface UpstreamStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

/** A controller's IAM policy as its maintainers publish it, with where it was read. */
export interface UpstreamPolicy {
  readonly source: { readonly repository: string; readonly tag: string; readonly file: string };
  /** Upstream's name for the policy. */
  readonly name: string;
  readonly statements: readonly UpstreamStatement[];
}

/** Values for the `{placeholder}` tokens of a policy: text, or a Terraform reference (an ARN known after apply). */
export type PolicyPlaceholders = Readonly<Record<string, string | Expression>>;

const TOKEN = /\{([A-Za-z]+)\}/g;

/**
 * The policy document with its placeholders filled, ready for `jsonencode`. A placeholder left
 * unfilled is an error, so a document never reaches IAM with `{cluster}` in it.
 */
export function policyDocument(policy: UpstreamPolicy, values: PolicyPlaceholders): Value {
  const fill = (text: string): Value => {
    const parts: (string | Expression)[] = [];
    let at = 0;
    for (const match of text.matchAll(TOKEN)) {
      const value = values[match[1]!];
      if (value === undefined) throw new Error(`policy ${policy.name} (${policy.source.repository} ${policy.source.tag}): no value for placeholder ${match[0]}`);
      parts.push(text.slice(at, match.index), value);
      at = match.index + match[0].length;
    }
    if (parts.length === 0) return text;
    parts.push(text.slice(at));
    const pieces = parts.filter((p) => p !== '');
    if (pieces.every((p) => typeof p === 'string')) return pieces.join('');
    return pieces.length === 1 ? pieces[0]! : template(pieces);
  };
  const keyed = (text: string): string => {
    const filled = fill(text);
    if (typeof filled !== 'string') throw new Error(`policy ${policy.name}: a condition key cannot hold a Terraform reference (${text})`);
    return filled;
  };
  const walk = (value: unknown): Value => {
    if (typeof value === 'string') return fill(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [keyed(k), walk(v)]));
    return value as Value;
  };
  return { Version: '2012-10-17', Statement: policy.statements.map(walk) };
}
