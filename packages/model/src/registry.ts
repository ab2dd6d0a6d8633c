import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import type { ClusterContext, Provisions } from './context.js';
import { CUSTOM_COMPONENT_TEST, CustomComponentSchema } from './custom-component.js';
import { DnsLabel, allowed } from './schema-helpers.js';
import type { RuleDoc } from './finding.js';
import type { Report } from './rule.js';
import type { ClusterSpec, Distribution } from './spec.js';

/**
 * The validated options of every catalogue component, by the name of its `platform:` entry.
 * Empty here: the catalogue (`@wavesmith/addons`) adds one member per component by module
 * augmentation, so cluster files get typed entries while this package names none of them.
 */
export interface PlatformComponents {}

/**
 * The validated props of every business app, by the `chart` of its `apps:` entry. Each app
 * package adds its own member by module augmentation.
 */
export interface BusinessApps {}

/** An entry of `platform:` once validated: its name and its options, defaults filled in. */
export interface PlatformEntry {
  readonly name: string;
  readonly [option: string]: unknown;
}

/** An entry of `apps:` once validated: name, business chart, namespace and the chart's props. */
export interface AppEntry {
  readonly name: string;
  readonly chart: string;
  readonly namespace?: string;
  readonly [prop: string]: unknown;
}

/** Where a component can run, as data the platform rules check. */
export interface Support {
  /** @default every distribution */
  readonly distributions?: readonly Distribution[];
  /** Components that must be on the same cluster, each with the reason. @default none */
  readonly requires?: readonly { readonly component: string; readonly why: string }[];
  /** Every cluster needs this component, for this reason. @default optional */
  readonly mandatory?: string;
}

/**
 * Checks of one entry that its schema cannot express, given the whole cluster. Paths passed to
 * `report` are JSON Pointers relative to the entry (`/storage`), or absolute when they start
 * with `#` (`#/kubernetesVersion`). A rule id may come first (`report('loki-s3-needs-eks',
 * '/storage', ...)`): one of the model's (docs/rules.md) or one the definition documents in
 * `ruleDocs`; without it the finding is `component-options` (components) or `app-props` (apps).
 */
export type EntryRule<E> = (entry: E, context: ClusterContext, report: Report) => void;

/** What validation needs of a platform component: its entry schema, where it runs, its rules and what it provides to others. */
export interface ComponentSpecDefinition<E extends { readonly name: string } = PlatformEntry> {
  readonly name: string;
  /** JSON Schema of the whole entry: `name`, the options and (for charts) `values`. */
  readonly schema: TObject;
  readonly support?: Support;
  readonly rules?: EntryRule<E>;
  /** The rule ids its `rules` report besides the model's, documented for docs/rules.md. @default none */
  readonly ruleDocs?: readonly RuleDoc[];
  /** What the component contributes to the cluster's context: ingress and storage classes, services, IAM workloads. */
  readonly provides?: (entry: E, spec: ClusterSpec) => Provisions;
  /** The file that defines it (a path or file URL), where findings about its defaults point. @default unknown */
  readonly source?: string;
}

/** What validation needs of a business app: its entry schema, its rules and what it provides. */
export interface AppSpecDefinition<E extends { readonly name: string; readonly chart: string } = AppEntry> {
  readonly chart: string;
  /** JSON Schema of the whole entry: `name`, `chart`, `namespace` and the chart's props. */
  readonly schema: TObject;
  readonly rules?: EntryRule<E>;
  /** The rule ids its `rules` report besides the model's, documented for docs/rules.md. @default none */
  readonly ruleDocs?: readonly RuleDoc[];
  readonly provides?: (entry: E, spec: ClusterSpec) => Provisions;
  /** The file that defines it (a path or file URL), where findings about its defaults point. @default unknown */
  readonly source?: string;
}

/** The components and apps a repository knows, which the `platform:` and `apps:` schemas are assembled from. */
export interface SpecRegistry {
  readonly platform: readonly ComponentSpecDefinition<never>[];
  readonly apps: readonly AppSpecDefinition<never>[];
}

/** The registry's component of that name, if any. */
export function registeredComponent(registry: SpecRegistry, name: string): ComponentSpecDefinition | undefined {
  return registry.platform.find((c) => c.name === name) as ComponentSpecDefinition | undefined;
}

/** The registry's app of that chart, if any. */
export function registeredApp(registry: SpecRegistry, chart: string): AppSpecDefinition | undefined {
  return registry.apps.find((a) => a.chart === chart) as AppSpecDefinition | undefined;
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/**
 * The schema of one `platform:` entry: a custom component when it has `helm` or `manifests`,
 * otherwise a catalogue component whose options are checked (through if/then on the name) by
 * that component's own schema, so a misspelt option is reported against the right options.
 */
export function platformItemSchema(registry: SpecRegistry): TSchema {
  const names = registry.platform.map((c) => c.name);
  const known = `one of the catalogue's components (${quoted(names)}), or a custom component with "helm" or "manifests"`;
  return Type.Unsafe({
    type: 'object',
    required: ['name'],
    properties: { name: DnsLabel },
    allOf: [
      { if: CUSTOM_COMPONENT_TEST, then: CustomComponentSchema },
      {
        if: { not: CUSTOM_COMPONENT_TEST },
        then: { properties: { name: names.length > 0 ? { enum: names, ...allowed(known) } : { not: {}, ...allowed(known) } } },
      },
      ...registry.platform.map((c) => ({
        if: { required: ['name'], properties: { name: { const: c.name } }, not: CUSTOM_COMPONENT_TEST },
        then: c.schema,
        ...allowed(`the options of ${c.name}: ${Object.keys(c.schema.properties).join(', ')}`),
      })),
    ],
  });
}

/** The schema of one `apps:` entry: `chart` picks the registered app whose schema checks the rest. */
export function appItemSchema(registry: SpecRegistry): TSchema {
  const charts = registry.apps.map((a) => a.chart);
  const known = `one of the business apps in apps/ (${quoted(charts)})`;
  return Type.Unsafe({
    type: 'object',
    required: ['name', 'chart'],
    properties: {
      name: DnsLabel,
      chart: charts.length > 0 ? { type: 'string', enum: charts, ...allowed(known) } : { not: {}, ...allowed('a registered business app; none is registered') },
    },
    ...(registry.apps.length === 0
      ? {}
      : {
          allOf: registry.apps.map((a) => ({
            if: { required: ['chart'], properties: { chart: { const: a.chart } } },
            then: a.schema,
            ...allowed(`the fields of chart "${a.chart}": ${Object.keys(a.schema.properties).join(', ')}`),
          })),
        }),
  });
}
