import { Type, type Static } from '@sinclair/typebox';
import { ChartFactsSchema } from './chart-facts.js';
import { TIERS } from './component.js';
import { DnsLabel, StringEnum, allowed } from './schema-helpers.js';

/** `group/Kind` as CRD dependencies are written (`cert-manager.io/ClusterIssuer`). */
export const GroupKind = Type.String({
  pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?/[A-Z][A-Za-z0-9]*$',
  ...allowed('a CRD as group/Kind, such as cert-manager.io/ClusterIssuer'),
});

/** An exact chart version: Argo CD syncs exactly what was reviewed, never a range. */
export const ExactVersion = Type.String({
  pattern: '^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
  ...allowed('an exact chart version such as 1.2.3, never a range'),
});

/** A Helm chart repository: an index.yaml repository over HTTPS, or an OCI registry path without scheme. */
export const ChartRepository = Type.String({
  pattern: '^(https://[^\\s]+|[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)+)$',
  ...allowed('an https:// chart repository, or an OCI registry path such as public.ecr.aws/karpenter'),
});

/** A Kubernetes object given as plain data: kind, apiVersion and a name are what Argo CD needs to track it. */
export const KubeObjectSchema = Type.Object(
  {
    apiVersion: Type.String({ minLength: 1 }),
    kind: Type.String({ pattern: '^[A-Z][A-Za-z0-9]*$', ...allowed('a Kubernetes kind such as ConfigMap') }),
    metadata: Type.Object({ name: Type.String({ minLength: 1 }), namespace: Type.Optional(DnsLabel) }, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

export const HelmSourceSchema = Type.Object(
  {
    repoURL: ChartRepository,
    chart: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', ...allowed('a chart name such as external-dns') }),
    version: ExactVersion,
    /** @default the component's name */
    releaseName: Type.Optional(DnsLabel),
  },
  { additionalProperties: false },
);

/**
 * A component the catalogue does not have: any Helm chart (pinned), and/or any objects (plain
 * data, or a cdk8s chart's `toJson()`), with what the wave planner needs to know about it. It
 * gets the same checks, waves and pruning as the catalogue's own components.
 */
export const CustomComponentSchema = Type.Object(
  {
    name: DnsLabel,
    /** Sync tier: core controllers, platform services or business workloads. */
    tier: StringEnum(TIERS),
    /** Namespace the Application deploys into (created if missing). */
    namespace: DnsLabel,
    /** The chart Argo CD syncs. @default no chart */
    helm: Type.Optional(HelmSourceSchema),
    /**
     * Facts of the chart at its version, read from its source at that tag: with them it gets the
     * catalogue's checks (kubeVersion range, values keys) and sync options (server-side apply for
     * large CRDs, ignoreDifferences for rewritten fields). @default none: the chart is not judged
     */
    facts: Type.Optional(ChartFactsSchema),
    /** Chart values, passed as they are. @default {} */
    values: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /** Objects rendered into `apps/<name>/`. @default none */
    manifests: Type.Optional(Type.Array(KubeObjectSchema)),
    /** Components whose services it needs running first. @default none */
    needs: Type.Optional(Type.Array(DnsLabel, { uniqueItems: true })),
    /** CRDs its chart installs. @default none */
    installsCrds: Type.Optional(Type.Array(GroupKind, { uniqueItems: true })),
    /** CRDs its chart uses beyond those its manifests show. @default none */
    usesCrds: Type.Optional(Type.Array(GroupKind, { uniqueItems: true })),
    /** Apply server-side (charts whose CRDs exceed client-side apply's annotation). @default false */
    serverSideApply: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CustomComponentSpec = Static<typeof CustomComponentSchema>;

/** An entry of `platform:` is custom when it brings its own chart or objects. */
export function isCustomComponent(entry: { readonly [key: string]: unknown }): entry is CustomComponentSpec & { readonly [key: string]: unknown } {
  return entry.helm !== undefined || entry.manifests !== undefined;
}

/** JSON Schema test of the same: the entry has `helm` or `manifests`. */
export const CUSTOM_COMPONENT_TEST = {
  anyOf: [
    { required: ['helm'], properties: { helm: true } },
    { required: ['manifests'], properties: { manifests: true } },
  ],
} as const;
