import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import {
  callerFile,
  chartFacts,
  merge,
  factsSyncOptions,
  type ChartFacts,
  type ClusterContext,
  type ClusterSpec,
  type ComponentPlan,
  type ComponentSpecDefinition,
  type EntryRule,
  type KubeObject,
  type Provisions,
  type RuleDoc,
  type Support,
  type Tier,
  type VolumeClaim,
} from '@wavesmith/model';

type Json = Record<string, unknown>;

/** A Helm chart at one exact version, as published by its maintainers, with what is known of that version. */
export interface PinnedChart {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /** Facts read from the chart's source at this version (src/facts/<chart>@<version>.json). */
  readonly facts: ChartFacts;
}

/**
 * A chart pinned to the version its facts were read at: name and version come from the facts
 * file, so the pin and the facts cannot disagree.
 */
export function pinnedChart(repoURL: string, facts: unknown): PinnedChart {
  const f = chartFacts(facts);
  return { repoURL, chart: f.chart, version: f.version, facts: f };
}

/** Charts served from an OCI registry (no scheme) rather than an index.yaml repository. */
export function isOciChart(chart: Pick<PinnedChart, 'repoURL'>): boolean {
  return !chart.repoURL.includes('://');
}

/** Chart values deep-merged over the typed ones, last: the escape hatch for what the options do not cover. */
const Values = Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Chart values merged last over the ones the options produce: the escape hatch for what the options do not cover.' });

/** An entry of `platform:` for this component, validated: its options with defaults filled in. */
export type EntryOf<N extends string, P extends TProperties> = Static<TObject<P>> & { readonly name: N; readonly values: Readonly<Record<string, unknown>> };

/** What a component's plan function is given. */
export interface PlanContext<E> {
  /** The component's entry: its options, defaults filled in. */
  readonly entry: E;
  /** What the cluster offers: classes, services, IAM workloads, cloud names. */
  readonly cluster: ClusterContext;
  /**
   * A plan synced from the component's pinned chart (name, tier, namespace and chart default to
   * the definition's), with the entry's `values` merged over the typed `values`.
   */
  chartPlan(props: ChartPlanProps): ComponentPlan;
  /** A plan of objects rendered here only (no chart). */
  manifestPlan(props: ManifestPlanProps): ComponentPlan;
  /** Service account annotations binding a workload's IAM role (IRSA); the role is named as Terraform names it. */
  irsaAnnotations(workload: string): Json;
}

export interface ChartPlanProps {
  /** Typed values computed from the options. */
  readonly values: Json;
  /** @default the definition's name */
  readonly name?: string;
  /** @default the definition's tier */
  readonly tier?: Tier;
  /** @default the definition's namespace */
  readonly namespace?: string;
  /** @default the definition's chart */
  readonly chart?: PinnedChart;
  /** Values merged last. @default the entry's `values` (only for the definition's own chart) */
  readonly overrides?: Json;
  /** @default the definition's installsCrds (for its own plan), else [] */
  readonly installsCrds?: readonly string[];
  /** @default [] */
  readonly usesCrds?: readonly string[];
  /** @default [] */
  readonly needs?: readonly string[];
  /** @default [] */
  readonly manifests?: readonly KubeObject[];
  /** @default false */
  readonly serverSideApply?: boolean;
  /** Volumes the chart claims with these values. @default none */
  readonly volumeClaims?: readonly VolumeClaim[];
}

export interface ManifestPlanProps {
  readonly manifests: readonly KubeObject[];
  /** @default the definition's name */
  readonly name?: string;
  /** @default the definition's tier */
  readonly tier?: Tier;
  /** @default the definition's namespace */
  readonly namespace?: string;
  /** @default [] */
  readonly needs?: readonly string[];
}

export interface ComponentProps<N extends string, P extends TProperties> {
  /** Name of the `platform:` entry and of the Argo CD Application of the main plan. */
  readonly name: N;
  /** One sentence for the catalogue reference: what it is for. */
  readonly description: string;
  readonly tier: Tier;
  readonly namespace: string;
  /** The pinned chart of the main plan; components without one render objects only. */
  readonly chart?: PinnedChart;
  /** Other pinned charts its plans install; the catalogue reference lists their facts too. @default none */
  readonly otherCharts?: readonly PinnedChart[];
  /** Typed options of the entry (TypeBox properties), each with its default and docs. */
  readonly options: P;
  /** CRDs the main chart installs, as `group/Kind`. @default none */
  readonly installsCrds?: readonly string[];
  readonly support?: Support;
  readonly rules?: EntryRule<EntryOf<N, P>>;
  /** The rule ids its `rules` report besides the model's, documented for docs/rules.md. @default none */
  readonly ruleDocs?: readonly RuleDoc[];
  readonly provides?: (entry: EntryOf<N, P>, spec: ClusterSpec) => Provisions;
  /** Planned after every other component, seeing their plans (Argo CD registers their chart repositories). @default false */
  readonly planLast?: boolean;
  readonly plan: (ctx: PlanContext<EntryOf<N, P>>, others: readonly ComponentPlan[]) => ComponentPlan | readonly ComponentPlan[];
}

/** A catalogue entry: its props, the JSON Schema of its `platform:` entry, and how to plan it. */
export type ComponentDefinition<N extends string = string, P extends TProperties = TProperties> = ComponentProps<N, P> &
  ComponentSpecDefinition<EntryOf<N, P>> & {
    /** The plans of one entry on one cluster. */
    planFor(entry: EntryOf<N, P>, cluster: ClusterContext, others: readonly ComponentPlan[]): ComponentPlan[];
  };

/**
 * Defines a catalogue component: one file holds its options (with defaults and docs), its pinned
 * chart, tier, CRDs, what it requires and provides, and its plan; the catalogue registers it.
 * Components with a chart take free-form `values`, merged last over the typed ones.
 */
export function defineComponent<const N extends string, P extends TProperties>(props: ComponentProps<N, P>): ComponentDefinition<N, P> {
  const properties: TProperties = { name: Type.Literal(props.name), ...props.options, ...(props.chart ? { values: Values } : {}) };
  const schema: TObject = Type.Object(properties, { additionalProperties: false });
  const source = callerFile(import.meta.url);
  return {
    ...props,
    schema,
    ...(source === undefined ? {} : { source }),
    planFor(entry, cluster, others) {
      const own = (entry.values ?? {}) as Json;
      const ctx: PlanContext<EntryOf<N, P>> = {
        entry,
        cluster,
        chartPlan: (p) => {
          const chart = p.chart ?? props.chart;
          if (chart === undefined) throw new Error(`component "${props.name}" has no chart to plan`);
          if (chart !== props.chart && !props.otherCharts?.includes(chart)) throw new Error(`component "${props.name}" plans chart "${chart.chart}" without listing it in otherCharts`);
          const isOwn = chart === props.chart;
          const release = p.name ?? props.name;
          const values = merge(p.values, p.overrides ?? (isOwn ? own : {}));
          const sync = factsSyncOptions(chart.facts, release, values, cluster.spec.distribution);
          return {
            name: release,
            tier: p.tier ?? props.tier,
            namespace: p.namespace ?? props.namespace,
            chart: { ...chart, releaseName: release, values },
            manifests: p.manifests ?? [],
            installsCrds: p.installsCrds ?? (isOwn ? (props.installsCrds ?? []) : []),
            usesCrds: p.usesCrds ?? [],
            needs: p.needs ?? [],
            ...sync,
            ...(p.serverSideApply ? { serverSideApply: true } : {}),
            ...(p.volumeClaims && p.volumeClaims.length > 0 ? { volumeClaims: p.volumeClaims } : {}),
          };
        },
        manifestPlan: (p) => ({
          name: p.name ?? props.name,
          tier: p.tier ?? props.tier,
          namespace: p.namespace ?? props.namespace,
          manifests: p.manifests,
          installsCrds: [],
          usesCrds: [],
          needs: p.needs ?? [],
        }),
        irsaAnnotations: (workload) => ({ 'eks.amazonaws.com/role-arn': cluster.names.roleArn(workload) }),
      };
      return [props.plan(ctx, others)].flat();
    },
  };
}

/** A typed model object (`@kubernetes-models/*`) as the plain object a plan carries. */
export function plain(model: { toJSON(): unknown }): KubeObject {
  return model.toJSON() as KubeObject;
}
