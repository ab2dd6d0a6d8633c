import { Address, Ref, TRUSTED, toJson, type Body, type Value } from './expression.js';

/** A provider this package knows how to pin; the document declares only those its resources use. */
export type ProviderName = 'aws' | 'azurerm' | 'random' | 'tls' | 'helm' | 'kubernetes';

/** Resource and data source types are `<provider>_<name>`, so the provider a type needs is known statically. */
export type ResourceType = `${ProviderName}_${string}`;

const IDENTIFIER = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/** Terraform's meta-arguments a resource may carry besides its own arguments. */
export interface ResourceOptions {
  /** Objects that must exist first although no argument refers to them. @default none */
  readonly dependsOn?: readonly Declared[];
  /**
   * Attribute paths changed outside Terraform (`scaling_config[0].desired_size`), or `all` for
   * what Terraform creates once and then leaves to another owner. @default none
   */
  readonly ignoreChanges?: readonly string[] | 'all';
  /** Create the replacement before destroying the old one (certificates in use). @default false */
  readonly createBeforeDestroy?: boolean;
  /** Why the resource is there, rendered as the JSON syntax's `//` comment key. @default none */
  readonly comment?: string;
}

/** Something declared in a stack that can be referred to. */
export interface Declared {
  readonly address: string;
}

/** A declared resource: the only way to obtain references to it. */
export class Resource<T extends ResourceType = ResourceType> implements Declared {
  readonly type: T;
  readonly name: string;
  constructor(key: typeof TRUSTED, type: T, name: string) {
    if (key !== TRUSTED) throw new Error('Resource: declare resources with Stack.resource()');
    this.type = type;
    this.name = name;
  }

  get address(): string {
    return `${this.type}.${this.name}`;
  }

  /** `${type.name.<path>}`; path may index nested blocks (`vpc_config[0].cluster_security_group_id`). */
  attr(path: string): Ref<T> {
    return new Ref<T>(TRUSTED, `${this.address}.${path}`);
  }

  get id(): Ref<T> {
    return this.attr('id');
  }

  get arn(): Ref<T> {
    return this.attr('arn');
  }
}

/** A declared data source. */
export class DataSource<T extends ResourceType = ResourceType> implements Declared {
  readonly type: T;
  readonly name: string;
  constructor(key: typeof TRUSTED, type: T, name: string) {
    if (key !== TRUSTED) throw new Error('DataSource: declare data sources with Stack.data()');
    this.type = type;
    this.name = name;
  }

  get address(): string {
    return `data.${this.type}.${this.name}`;
  }

  attr(path: string): Ref<`data.${T}`> {
    return new Ref<`data.${T}`>(TRUSTED, `${this.address}.${path}`);
  }

  get id(): Ref<`data.${T}`> {
    return this.attr('id');
  }
}

/** A declared input variable. */
export class Variable implements Declared {
  readonly name: string;
  constructor(key: typeof TRUSTED, name: string) {
    if (key !== TRUSTED) throw new Error('Variable: declare variables with Stack.variable()');
    this.name = name;
  }
  get address(): string {
    return `var.${this.name}`;
  }
  get ref(): Ref<'var'> {
    return new Ref<'var'>(TRUSTED, this.address);
  }
}

/** A declared local value. */
export class Local implements Declared {
  readonly name: string;
  constructor(key: typeof TRUSTED, name: string) {
    if (key !== TRUSTED) throw new Error('Local: declare locals with Stack.local()');
    this.name = name;
  }
  get address(): string {
    return `local.${this.name}`;
  }
  get ref(): Ref<'local'> {
    return new Ref<'local'>(TRUSTED, this.address);
  }
}

export interface VariableOptions {
  readonly type: string;
  readonly description: string;
  /** @default none: the variable must be given */
  readonly default?: Value;
  /** @default false */
  readonly sensitive?: boolean;
}

export interface OutputOptions {
  readonly value: Value;
  readonly description: string;
  /** @default false */
  readonly sensitive?: boolean;
}

/** Version constraints every rendered document pins, so `terraform init` resolves the same majors everywhere. */
export const PROVIDER_VERSIONS: Record<ProviderName, { readonly source: string; readonly version: string }> = {
  aws: { source: 'hashicorp/aws', version: '~> 6.0' },
  azurerm: { source: 'hashicorp/azurerm', version: '~> 4.0' },
  random: { source: 'hashicorp/random', version: '~> 3.7' },
  tls: { source: 'hashicorp/tls', version: '~> 4.0' },
  // 3.x takes `kubernetes` as an object attribute; in JSON syntax it reads like 2.x's block.
  helm: { source: 'hashicorp/helm', version: '~> 3.0' },
  // 3.x, where kubernetes_storage_class_v1 is the StorageClass resource (CHANGELOG 3.0.0 deprecates the unversioned one).
  kubernetes: { source: 'hashicorp/kubernetes', version: '~> 3.0' },
};

/** Terraform 1.10 brought S3 native state locking (`use_lockfile`). */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0';

/**
 * One Terraform JSON document. Modules declare into it and get handles back; `toJSON()`
 * renders blocks in declaration order, so the same calls always give the same bytes.
 */
export class Stack {
  readonly #resources = new Map<string, Map<string, Body>>();
  readonly #data = new Map<string, Map<string, Body>>();
  readonly #variables = new Map<string, Body>();
  readonly #locals = new Map<string, Value>();
  readonly #outputs = new Map<string, Body>();
  readonly #providers = new Map<ProviderName, Body>();
  #backend: { readonly type: 's3' | 'azurerm'; readonly config: Body } | undefined;

  resource<T extends ResourceType>(type: T, name: string, body: Body, options: ResourceOptions = {}): Resource<T> {
    declare(this.#resources, type, name, `resource ${type}`, withMeta(body, options));
    return new Resource(TRUSTED, type, name);
  }

  data<T extends ResourceType>(type: T, name: string, body: Body): DataSource<T> {
    declare(this.#data, type, name, `data ${type}`, body);
    return new DataSource(TRUSTED, type, name);
  }

  variable(name: string, options: VariableOptions): Variable {
    checkName(name, 'variable');
    if (this.#variables.has(name)) throw new Error(`variable "${name}" is declared twice`);
    this.#variables.set(name, { ...options });
    return new Variable(TRUSTED, name);
  }

  local(name: string, value: Value): Local {
    checkName(name, 'local');
    if (this.#locals.has(name)) throw new Error(`local "${name}" is declared twice`);
    this.#locals.set(name, value);
    return new Local(TRUSTED, name);
  }

  output(name: string, options: OutputOptions): void {
    checkName(name, 'output');
    if (this.#outputs.has(name)) throw new Error(`output "${name}" is declared twice`);
    this.#outputs.set(name, { ...options });
  }

  /** Configures a provider; the ones resources use without configuration are still pinned. */
  provider(name: ProviderName, config: Body): void {
    if (this.#providers.has(name)) throw new Error(`provider "${name}" is configured twice`);
    this.#providers.set(name, config);
  }

  backend(type: 's3' | 'azurerm', config: Body): void {
    if (this.#backend) throw new Error(`the state backend is set twice (${this.#backend.type}, then ${type})`);
    this.#backend = { type, config };
  }

  /** Providers in the order first needed: configured ones, then those resources and data sources use. */
  get providers(): readonly ProviderName[] {
    const used = new Set<ProviderName>(this.#providers.keys());
    for (const type of [...this.#resources.keys(), ...this.#data.keys()]) used.add(providerOf(type));
    return [...used];
  }

  toJSON(): Record<string, unknown> {
    const providers = this.providers;
    const terraform: Record<string, Value> = {
      required_version: REQUIRED_TERRAFORM_VERSION,
      required_providers: Object.fromEntries(providers.map((p) => [p, PROVIDER_VERSIONS[p]])),
    };
    if (this.#backend) terraform.backend = { [this.#backend.type]: this.#backend.config };
    const doc: Record<string, Value> = { terraform };
    if (this.#providers.size > 0) doc.provider = Object.fromEntries(this.#providers);
    if (this.#variables.size > 0) doc.variable = Object.fromEntries(this.#variables);
    if (this.#locals.size > 0) doc.locals = Object.fromEntries(this.#locals);
    if (this.#data.size > 0) doc.data = nested(this.#data);
    if (this.#resources.size > 0) doc.resource = nested(this.#resources);
    if (this.#outputs.size > 0) doc.output = Object.fromEntries(this.#outputs);
    return toJson(doc) as Record<string, unknown>;
  }
}

function providerOf(type: string): ProviderName {
  return type.slice(0, type.indexOf('_')) as ProviderName;
}

function declare(into: Map<string, Map<string, Body>>, type: string, name: string, what: string, body: Body): void {
  checkName(name, what);
  const byName = into.get(type) ?? new Map<string, Body>();
  if (byName.has(name)) throw new Error(`${what} "${name}" is declared twice`);
  byName.set(name, body);
  into.set(type, byName);
}

function checkName(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} name "${name}" is not a Terraform identifier (letters, digits, "_" and "-", not starting with a digit)`);
}

function withMeta(body: Body, options: ResourceOptions): Body {
  const ignore = options.ignoreChanges === 'all' || (options.ignoreChanges && options.ignoreChanges.length > 0) ? options.ignoreChanges : undefined;
  const lifecycle = ignore || options.createBeforeDestroy ? { ignore_changes: ignore, create_before_destroy: options.createBeforeDestroy } : undefined;
  const dependsOn = options.dependsOn && options.dependsOn.length > 0 ? options.dependsOn.map((d) => new Address(TRUSTED, d.address)) : undefined;
  return { '//': options.comment, ...body, depends_on: dependsOn, lifecycle };
}

function nested(byType: Map<string, Map<string, Body>>): Value {
  return Object.fromEntries([...byType].map(([type, byName]) => [type, Object.fromEntries(byName)]));
}
