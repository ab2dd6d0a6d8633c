/**
 * Terraform values that are not plain JSON: references to declared objects, string templates
 * and function calls. None of them can be built from a hand-written string: a reference is only
 * handed out by the handle of something declared in a Stack (see stack.ts), so a reference to an
 * undeclared resource does not compile.
 */

/** Passed to the constructors below; never exported from the package, so only this package mints expressions. */
export const TRUSTED: unique symbol = Symbol('wavesmith.terraform.trusted');

/** An HCL expression, serialised into JSON as a `${...}` template. */
export class Expression {
  /** The expression in HCL native syntax, without the surrounding `${}`. */
  readonly hcl: string;
  constructor(key: typeof TRUSTED, hcl: string) {
    if (key !== TRUSTED) throw new Error('Expression: obtain references from a declared resource, data source, variable or local');
    this.hcl = hcl;
  }
}

/**
 * A reference to an attribute of a declared object. `T` is the resource type (`aws_vpc`), or
 * `var`/`local`/`data.<type>`, so a module can ask for "a reference to an aws_subnet" and get nothing else.
 */
export class Ref<T extends string = string> extends Expression {
  declare readonly kind: T;
}

/** A string with references spliced in (`arn:aws:s3:::${bucket}/*`), serialised as a JSON string template. */
export class Template extends Expression {
  readonly parts: readonly (string | Expression)[];
  constructor(key: typeof TRUSTED, parts: readonly (string | Expression)[]) {
    super(key, `"${parts.map((p) => (typeof p === 'string' ? escapeTemplate(quoteless(p)) : `\${${p.hcl}}`)).join('')}"`);
    this.parts = parts;
  }

  /** The JSON string form: literal text escaped, references as `${...}`. */
  toJsonString(): string {
    return this.parts.map((p) => (typeof p === 'string' ? escapeTemplate(p) : `\${${p.hcl}}`)).join('');
  }
}

/** The bare address of a declared object (`aws_iam_role.node`), as `depends_on` wants it. */
export class Address {
  readonly address: string;
  constructor(key: typeof TRUSTED, address: string) {
    if (key !== TRUSTED) throw new Error('Address: obtain addresses from a declared resource');
    this.address = address;
  }
}

/** Any value a Terraform argument may take. `undefined` fields are left out of the document. */
export type Value = string | number | boolean | Expression | Address | undefined | readonly Value[] | { readonly [key: string]: Value };

/** The arguments and nested blocks of one resource, data source, provider or block. */
export type Body = { readonly [key: string]: Value };

/** `interpolate\`arn:aws:s3:::${bucket.id}/*\`` builds a string template from references. */
export function interpolate(strings: TemplateStringsArray, ...values: readonly (Expression | string | number)[]): Template {
  const parts: (string | Expression)[] = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text);
    const value = values[i];
    if (value === undefined) return;
    parts.push(value instanceof Expression ? value : String(value));
  });
  return new Template(TRUSTED, parts);
}

/** A string template from literal text and expressions, in order (for text filled in at run time). */
export function template(parts: readonly (string | Expression)[]): Template {
  return new Template(TRUSTED, parts);
}

/** Built-in functions the modules use; arguments are values, rendered as HCL. */
export const fn = {
  /** `jsonencode(value)`: a JSON document that may contain references (secret payloads, policies). */
  jsonencode: (value: Value): Expression => new Expression(TRUSTED, `jsonencode(${toHcl(value)})`),
  /** `base64encode(text)` (a certificate for a kubeconfig's certificate-authority-data). */
  base64encode: (text: Expression): Expression => new Expression(TRUSTED, `base64encode(${text.hcl})`),
  /** `base64decode(text)` (the CA certificate and client keys cluster resources return encoded). */
  base64decode: (text: Expression): Expression => new Expression(TRUSTED, `base64decode(${text.hcl})`),
  /** `condition ? whenTrue : whenFalse` (a `count` switched by a variable). */
  conditional: (condition: Expression, whenTrue: Value, whenFalse: Value): Expression =>
    new Expression(TRUSTED, `${condition.hcl} ? ${toHcl(whenTrue)} : ${toHcl(whenFalse)}`),
  /** `replace(text, "from", "to")` */
  replace: (text: Expression, from: string, to: string): Expression => new Expression(TRUSTED, `replace(${text.hcl}, ${toHcl(from)}, ${toHcl(to)})`),
  /**
   * `one([for o in <list> : o.<field> if o.<key> == "<value>"])`: one field of the list element
   * whose key matches, such as the validation record ACM issues for one domain.
   */
  pick: (list: Expression, key: string, value: string, field: string): Expression =>
    new Expression(TRUSTED, `one([for o in ${list.hcl} : o.${field} if o.${key} == ${toHcl(value)}])`),
};

/** Renders a value as an HCL expression (used inside function calls). */
export function toHcl(value: Value): string {
  if (value instanceof Expression) return value.hcl;
  if (value instanceof Address) return value.address;
  if (typeof value === 'string') return `"${escapeTemplate(quoteless(value))}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'null';
  if (isList(value)) return `[${value.map(toHcl).join(', ')}]`;
  const fields = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{ ${fields.map(([k, v]) => `${JSON.stringify(k)} = ${toHcl(v)}`).join(', ')} }`;
}

/**
 * Turns a value into plain JSON as Terraform's JSON syntax reads it: expressions become
 * `${...}`, and `${`/`%{` in literal strings are escaped so that text is never evaluated.
 */
export function toJson(value: Value): unknown {
  if (value instanceof Template) return value.toJsonString();
  if (value instanceof Expression) return `\${${value.hcl}}`;
  if (value instanceof Address) return value.address;
  if (typeof value === 'string') return escapeTemplate(value);
  if (typeof value !== 'object') return value;
  if (isList(value)) return value.map(toJson);
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) result[key] = toJson(field);
  return result;
}

function isList(value: object): value is readonly Value[] {
  return Array.isArray(value);
}

function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** Escapes a literal for an HCL quoted string (JSON escaping is a subset HCL accepts). */
function quoteless(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
