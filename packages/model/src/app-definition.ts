import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import type { KubeObject } from './component.js';
import { callerFile } from './load-failure.js';
import type { ClusterContext, Provisions } from './context.js';
import type { RuleDoc } from './finding.js';
import type { AppSpecDefinition, EntryRule } from './registry.js';
import { DnsLabel } from './schema-helpers.js';
import type { ClusterSpec } from './spec.js';

/** An entry of `apps:` for an app, validated: name, chart, namespace and the app's props with defaults filled in. */
export type AppEntryOf<C extends string, P extends TProperties> = Static<TObject<P>> & {
  readonly name: string;
  readonly chart: C;
  /** @default the app's name */
  readonly namespace?: string;
};

/** One deployable part of an app (its database, its web tier): one Argo CD Application in the business tier. */
export interface AppComponentPlan {
  /** Name of the Argo CD Application; stable, since it is API. */
  readonly name: string;
  readonly namespace: string;
  readonly manifests: readonly KubeObject[];
  /** Components of the same app whose services it needs running first. */
  readonly needs: readonly string[];
}

export interface AppProps<C extends string, P extends TProperties> {
  /** The `chart` of its `apps:` entries. */
  readonly chart: C;
  /** One sentence for the catalogue reference. */
  readonly description: string;
  /** Typed props of an entry besides name, chart and namespace (TypeBox properties with docs and defaults). */
  readonly props: P;
  readonly rules?: EntryRule<AppEntryOf<C, P>>;
  /** The rule ids its `rules` report besides the model's. @default none */
  readonly ruleDocs?: readonly RuleDoc[];
  readonly provides?: (entry: AppEntryOf<C, P>, spec: ClusterSpec) => Provisions;
  /** What one entry renders on one cluster, in dependency order. */
  readonly render: (entry: AppEntryOf<C, P>, cluster: ClusterContext) => readonly AppComponentPlan[];
}

const APP = Symbol.for('wavesmith.app-definition');

/** A business app: its props and their JSON Schema, its rules, and what it renders given the cluster's context. */
export type AppDefinition<C extends string = string, P extends TProperties = TProperties> = AppProps<C, P> &
  AppSpecDefinition<AppEntryOf<C, P>> & {
    readonly [APP]: true;
  };

/**
 * Defines a business app; its package exports the definition (found by the compiler in `apps/`)
 * and augments BusinessApps so cluster files type their entries.
 */
export function defineApp<const C extends string, P extends TProperties>(props: AppProps<C, P>): AppDefinition<C, P> {
  const schema: TObject = Type.Object(
    {
      name: Type.Unsafe<string>({ ...DnsLabel, description: 'Name of the entry; its Argo CD Applications are named after it.' }),
      chart: Type.Literal(props.chart),
      namespace: Type.Optional(Type.Unsafe<string>({ ...DnsLabel, description: 'Namespace the app runs in. Default: the entry name.' })),
      ...props.props,
    } as TProperties,
    { additionalProperties: false },
  );
  const source = callerFile(import.meta.url);
  return { ...props, schema, [APP]: true, ...(source === undefined ? {} : { source }) };
}

/** True for what defineApp returned, however the module that holds it was loaded. */
export function isAppDefinition(value: unknown): value is AppDefinition {
  return typeof value === 'object' && value !== null && (value as { [APP]?: unknown })[APP] === true;
}
