import type { ChartFacts } from './chart-facts.js';

/** The three sync tiers of DESIGN.md, in the order Argo CD brings them up. */
export const TIERS = ['core', 'platform', 'business'] as const;
export type Tier = (typeof TIERS)[number];

/** A rendered Kubernetes object, as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** A field Argo CD must not compare, because a controller or the chart rewrites it (Application spec.ignoreDifferences). */
export interface IgnoreDifference {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  readonly jsonPointers: readonly string[];
}

/** A volume a chart claims: what it holds, and its StorageClass (the cluster's default when unset). */
export interface VolumeClaim {
  readonly what: string;
  readonly storageClass?: string;
}

/** A third-party Helm chart, pinned to one exact version, with its values. */
export interface HelmChart {
  readonly repoURL: string;
  readonly chart: string;
  /** Exact version (`1.2.3`), never a range. */
  readonly version: string;
  readonly releaseName: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** What this chart version is known to do, read from its source; the catalogue's charts have them. */
  readonly facts?: ChartFacts;
}

/**
 * One deployable unit of a cluster: it becomes one Argo CD Application named `name`, and its
 * `manifests` are written to `dist/<cluster>/apps/<name>/`. Produced by the addons catalogue
 * (platform components) and the business apps; consumed by wave planning and the compiler.
 */
export interface ComponentPlan {
  readonly name: string;
  readonly tier: Tier;
  /** Namespace the Application deploys into. */
  readonly namespace: string;
  /** Chart synced by the Application, if the component is a third-party chart. */
  readonly chart?: HelmChart;
  /** Objects rendered here, synced from `apps/<name>/`. */
  readonly manifests: readonly KubeObject[];
  /** CRDs the component installs, as `group/Kind` (e.g. `karpenter.sh/NodePool`). */
  readonly installsCrds: readonly string[];
  /** CRDs it uses beyond those its manifests show (e.g. ServiceMonitors created by its chart). */
  readonly usesCrds: readonly string[];
  /** Components whose running services it needs (e.g. promtail needs loki). */
  readonly needs: readonly string[];
  /**
   * Apply server-side, for charts whose CRDs exceed the 256 KiB last-applied annotation of
   * client-side apply (kube-prometheus-stack). @default false
   */
  readonly serverSideApply?: boolean;
  /** Volumes its chart claims by its persistence settings (claims rendered here are seen in the manifests). @default none */
  readonly volumeClaims?: readonly VolumeClaim[];
  /** Fields rewritten after apply that Argo CD must ignore for the component to reach Synced. @default none */
  readonly ignoreDifferences?: readonly IgnoreDifference[];
  /** JSON Pointer of the `platform:` or `apps:` entry it was planned from (`/platform/3`), where its findings are traced back to. */
  readonly entry?: string;
}

/** `group/Kind` of an object, the form CRD dependencies are written in; core objects have group "". */
export function groupKind(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const slash = object.apiVersion.lastIndexOf('/');
  return `${slash === -1 ? '' : object.apiVersion.slice(0, slash)}/${object.kind}`;
}
