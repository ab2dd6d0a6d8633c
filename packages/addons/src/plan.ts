import type { ComponentPlan } from '@wavesmith/model';
import { awsRoleArn, type AddonName, type AddonOptions, type AwsWorkload, type ClusterSpec, type KubeObject, type Tier } from '@wavesmith/model';
import type { ChartRef } from './charts.js';

type Json = Record<string, unknown>;

/** What an addon sees of the cluster: the spec and the options of every platform entry. */
export class AddonContext {
  private readonly entries: ReadonlyMap<string, unknown>;

  constructor(readonly spec: ClusterSpec) {
    this.entries = new Map(spec.platform.map((entry) => [entry.name, entry]));
  }

  has(name: AddonName): boolean {
    return this.entries.has(name);
  }

  /** The validated options of an entry (defaults already filled in by the schema). */
  options<N extends AddonName>(name: N): AddonOptions<N> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`cluster ${this.spec.name}: platform has no "${name}" entry`);
    return entry as AddonOptions<N>;
  }

  /** Replica count for this cluster's environment. */
  replicas(options: { readonly replicas: Readonly<Record<ClusterSpec['environment'], number>> }): number {
    return options.replicas[this.spec.environment];
  }

  /** Service account bound to the workload's IAM role (IRSA); the role is named in cloud-names. */
  irsaAnnotations(workload: AwsWorkload): Json {
    return { 'eks.amazonaws.com/role-arn': awsRoleArn(this.spec, workload) };
  }
}

export interface ChartPlanProps {
  readonly name: string;
  readonly tier: Tier;
  readonly namespace: string;
  readonly chart: ChartRef;
  /** Typed values computed from the options. */
  readonly values: Json;
  /** The entry's free-form `values`, deep-merged over `values`. */
  readonly overrides: Json;
  /** @default [] */
  readonly installsCrds?: readonly string[];
  /** @default [] */
  readonly usesCrds?: readonly string[];
  /** @default [] */
  readonly needs?: readonly string[];
  /** @default [] */
  readonly manifests?: readonly KubeObject[];
  /** @default false */
  readonly serverSideApply?: boolean;
}

/** A component synced from a pinned chart (and, when given, manifests rendered here). */
export function chartPlan(props: ChartPlanProps): ComponentPlan {
  return {
    name: props.name,
    tier: props.tier,
    namespace: props.namespace,
    chart: { ...props.chart, releaseName: props.name, values: deepMerge(props.values, props.overrides) },
    manifests: props.manifests ?? [],
    installsCrds: props.installsCrds ?? [],
    usesCrds: props.usesCrds ?? [],
    needs: props.needs ?? [],
    ...(props.serverSideApply ? { serverSideApply: true } : {}),
  };
}

/** A component made only of manifests rendered here, synced from `dist/<cluster>/apps/<name>/`. */
export function manifestPlan(props: { name: string; tier: Tier; namespace: string; manifests: readonly KubeObject[]; needs?: readonly string[] }): ComponentPlan {
  return { name: props.name, tier: props.tier, namespace: props.namespace, manifests: props.manifests, installsCrds: [], usesCrds: [], needs: props.needs ?? [] };
}

/** Objects merge key by key; anything else in `over` (lists included) replaces what is in `base`. */
export function deepMerge(base: Json, over: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
