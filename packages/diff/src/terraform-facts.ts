import data from './data/terraform-resources.json' with { type: 'json' };

/** What the provider source says about one resource type (see data/terraform-resources.json for where each was read). */
export interface TerraformResourceFacts {
  readonly provider: string;
  readonly source: string;
  /** Changing these forces replacement. */
  readonly replace: readonly string[];
  /** Force replacement only when set or unset (ForceNew blocks; an attribute whose kind cannot change in place). */
  readonly replaceOnPresence?: readonly string[];
  /** The provider decides from the values (CustomizeDiff, conditional plan modifier). */
  readonly replaceIf?: readonly string[];
  readonly attributeSources?: Readonly<Record<string, string>>;
  /** Marked Sensitive in the provider schema: never printed. */
  readonly sensitive?: readonly string[];
}

interface ProviderSource {
  readonly repo: string;
  readonly ref: string;
}

const resources = data.resources as Readonly<Record<string, TerraformResourceFacts>>;
const providers = data.providers as Readonly<Record<string, ProviderSource>>;

export function terraformFacts(type: string): TerraformResourceFacts | undefined {
  return Object.hasOwn(resources, type) ? resources[type] : undefined;
}

/** Every resource type with facts, for completeness checks. */
export function knownTerraformTypes(): string[] {
  return Object.keys(resources);
}

/** `hashicorp/terraform-provider-aws v6.58.0 internal/service/ec2 resourceVPC`. */
export function factSource(type: string, attribute?: string): string {
  const facts = terraformFacts(type);
  if (!facts) return '';
  const provider = providers[facts.provider]!;
  const own = attribute === undefined ? undefined : facts.attributeSources?.[attribute];
  return own?.startsWith('hashicorp/') ? own : `${provider.repo} ${provider.ref} ${own ?? facts.source}`;
}

export interface Replacement {
  /** The attribute (shape) of the facts that the change touches. */
  readonly attribute: string;
  readonly conditional: boolean;
}

/**
 * Whether a change at `shape` (a dotted path without list positions) of a resource forces its
 * replacement. A change inside an attribute, or of a whole block holding it, counts; a change
 * inside a replace-on-presence block counts only when the block comes or goes.
 */
export function replacementFor(type: string, shape: string, appearsOrDisappears: boolean): Replacement | undefined {
  const facts = terraformFacts(type);
  if (!facts) return undefined;
  const touches = (attribute: string) => shape === attribute || shape.startsWith(`${attribute}.`) || attribute.startsWith(`${shape}.`) || shape === '';
  const plain = facts.replace.find(touches);
  if (plain !== undefined) return { attribute: plain, conditional: false };
  const block = facts.replaceOnPresence?.find((a) => (shape === a && appearsOrDisappears) || a.startsWith(`${shape}.`) || shape === '');
  if (block !== undefined) return { attribute: block, conditional: false };
  const conditional = facts.replaceIf?.find(touches);
  return conditional === undefined ? undefined : { attribute: conditional, conditional: true };
}

export function isSensitiveAttribute(type: string, shape: string): boolean {
  return terraformFacts(type)?.sensitive?.some((a) => shape === a || shape.startsWith(`${a}.`)) ?? false;
}
