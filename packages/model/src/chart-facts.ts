import { Type } from '@sinclair/typebox';
import semver from 'semver';
import type { IgnoreDifference } from './component.js';
import type { Distribution } from './spec.js';

/**
 * What a chart at one exact version does to a cluster, read from its upstream source at that
 * version's tag and kept as data beside the catalogue entry (packages/addons/src/facts): what
 * real infrastructure knows and a values file alone does not say.
 */
export interface ChartFacts {
  readonly chart: string;
  readonly version: string;
  readonly appVersion?: string | null;
  /** Where the facts were read: repository, tag, commit and the chart's folder. */
  readonly source: { readonly repository: string; readonly tag: string; readonly commit: string; readonly path: string };
  /** Chart.yaml's kubeVersion: Helm (and so Argo CD) refuses to render the chart outside it. */
  readonly kubeVersion?: { readonly range: string; readonly file: string } | null;
  /** What upstream documents about supported Kubernetes versions, as text. */
  readonly supportedKubernetes?: { readonly text: string; readonly file: string } | null;
  readonly crds: readonly CrdFact[];
  readonly rewrittenFields: readonly RewrittenField[];
  readonly values: { readonly files?: readonly string[] | null; readonly schemaFile?: string | null; readonly keys: ValueKeys };
  readonly notes?: readonly string[];
}

export interface CrdFact {
  /** `group/Kind`. */
  readonly groupKind: string;
  readonly name: string;
  /** Bytes of the CRD as compact JSON: what client-side apply stores in the last-applied annotation. */
  readonly jsonBytes: number;
  readonly file: string;
  readonly installedWhen: string;
}

/** A value condition on the chart's values: equal to a value (with the chart's default), or set / not set. */
export type ValueCondition =
  | { readonly path: string; readonly equals: unknown; readonly default: unknown }
  | { readonly path: string; readonly set: boolean };

/** A field the chart or its controller rewrites after apply, or that changes on every render. */
export interface RewrittenField {
  readonly group: string;
  readonly kind: string;
  /** With `{release}` and `{fullname}` for the release's names. */
  readonly name: string;
  readonly jsonPointers: readonly string[];
  /** controller: patched after apply; render: different bytes each render; autoscaler: replicas owned by an HPA. */
  readonly cause: 'controller' | 'render' | 'autoscaler';
  readonly why: string;
  readonly file: string;
  readonly when: string;
  /** Active when every condition holds on the values Argo CD renders with. @default always */
  readonly activeWhen?: readonly ValueCondition[];
  /** Active only on these distributions (a platform's own admission controller). @default every distribution */
  readonly distributions?: readonly Distribution[];
}

/**
 * Every key the chart reads, as a tree: a nested object names its known keys; `value` is a
 * scalar or list (no keys below); `map` takes any key below (labels, extra args, free config).
 */
export type ValueKeys = { readonly [key: string]: ValueKeys | 'value' | 'map' };

/**
 * The JSON Schema of chart facts as a cluster file gives them for a custom chart: the fields the
 * checks read are required; what documents them (notes, file names) may be added freely.
 */
export const ChartFactsSchema = Type.Unsafe<ChartFacts>(
  Type.Object(
    {
      chart: Type.String({ minLength: 1 }),
      version: Type.String({ minLength: 1 }),
      source: Type.Object(
        { repository: Type.String({ minLength: 1 }), tag: Type.String({ minLength: 1 }), commit: Type.String({ pattern: '^[0-9a-f]{40}$' }), path: Type.String() },
        { additionalProperties: false },
      ),
      kubeVersion: Type.Optional(Type.Union([Type.Object({ range: Type.String({ minLength: 1 }), file: Type.String() }, { additionalProperties: false }), Type.Null()])),
      crds: Type.Array(
        Type.Object(
          { groupKind: Type.String(), name: Type.String(), jsonBytes: Type.Integer({ minimum: 0 }), file: Type.String(), installedWhen: Type.String() },
          { additionalProperties: false },
        ),
      ),
      rewrittenFields: Type.Array(
        Type.Object(
          {
            group: Type.String(),
            kind: Type.String({ minLength: 1 }),
            name: Type.String({ minLength: 1 }),
            jsonPointers: Type.Array(Type.String({ pattern: '^/' }), { minItems: 1 }),
            cause: Type.Union([Type.Literal('controller'), Type.Literal('render'), Type.Literal('autoscaler')]),
            activeWhen: Type.Optional(Type.Array(Type.Object({ path: Type.String({ minLength: 1 }) }, { additionalProperties: true }))),
          },
          { additionalProperties: true },
        ),
      ),
      values: Type.Object({ keys: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: true }),
    },
    { additionalProperties: true, description: 'Facts of the chart at this exact version, read from its source at that tag: what the catalogue keeps for its own charts (see packages/addons/src/facts).' },
  ),
);

/**
 * Facts read from a JSON file (`import facts from './facts/x@1.2.3.json' with { type: 'json' }`),
 * typed as ChartFacts: JSON imports type their strings wider than the fields' unions. A cluster
 * file's facts are checked against ChartFactsSchema when its spec is validated.
 */
export function chartFacts(json: unknown): ChartFacts {
  return json as ChartFacts;
}

/** Client-side apply keeps the whole object in an annotation; annotations of one object are at most 256 KiB (ValidateAnnotationsSize in k8s.io/apimachinery). */
export const CLIENT_SIDE_APPLY_LIMIT = 262_144;

/** The largest CRD of the chart that client-side apply cannot store, if any: the Application then needs server-side apply. */
export function crdTooLargeForClientSideApply(facts: ChartFacts): CrdFact | undefined {
  return [...facts.crds].sort((a, b) => b.jsonBytes - a.jsonBytes).find((crd) => crd.jsonBytes > CLIENT_SIDE_APPLY_LIMIT);
}

/**
 * Whether the chart renders on a cluster of `kubernetesVersion`, as Helm decides it. A version
 * without a patch (`1.27`) stands for every patch of that minor, so it must fit the range at
 * both ends. Prereleases count (the `-0` of chart ranges is there so that EKS's `-eks-...`
 * server versions match).
 */
export function kubeVersionFits(facts: ChartFacts, kubernetesVersion: string): boolean {
  const range = facts.kubeVersion?.range;
  if (range === undefined) return true;
  const parts = kubernetesVersion.split('.');
  const candidates = parts.length === 3 ? [kubernetesVersion] : [`${kubernetesVersion}.0`, `${kubernetesVersion}.999`];
  return candidates.every((v) => semver.satisfies(v, range, { includePrerelease: true, loose: true }));
}

/** The value at a dotted path of chart values (keys with dots are not used by the conditions). */
function valueAt(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), values);
}

/** True when a rewritten field applies with these values on this distribution. */
export function rewrittenFieldActive(field: RewrittenField, values: unknown, distribution: Distribution): boolean {
  if (field.distributions && !field.distributions.includes(distribution)) return false;
  return (field.activeWhen ?? []).every((condition) => {
    const value = valueAt(values, condition.path);
    if ('set' in condition) return (value !== undefined && value !== null && value !== '') === condition.set;
    return (value === undefined ? condition.default : value) === condition.equals;
  });
}

/** A key path of values that the chart does not read, with what it could have meant. */
export interface UnknownValue {
  readonly path: string;
  readonly known: readonly string[];
}

/**
 * Every key path set in `values` that the chart version does not read: Helm ignores such keys
 * silently, so a misspelt option would be lost without a word.
 */
export function unknownValues(values: Readonly<Record<string, unknown>>, keys: ValueKeys): UnknownValue[] {
  const found: UnknownValue[] = [];
  const walk = (node: Readonly<Record<string, unknown>>, tree: ValueKeys, at: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = at === '' ? key : `${at}.${key}`;
      const known = tree[key];
      if (known === undefined) found.push({ path, known: Object.keys(tree) });
      else if (typeof known === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value)) walk(value as Record<string, unknown>, known, path);
    }
  };
  walk(values, keys, '');
  return found;
}

/** `{release}` and `{fullname}` of a release name, as Helm charts' fullname helper derives it. */
export function releaseName(template: string, release: string, chart: string): string {
  const fullname = release.includes(chart) ? release : `${release}-${chart}`;
  return template.replaceAll('{release}', release).replaceAll('{fullname}', fullname);
}

/**
 * What a chart's facts ask of its Argo CD Application, for a release with these values on this
 * distribution: server-side apply when a CRD is past client-side apply's annotation limit (the
 * sync fails otherwise), and the fields rewritten after apply to ignore (it never reaches Synced
 * otherwise).
 */
export function factsSyncOptions(
  facts: ChartFacts,
  release: string,
  values: Readonly<Record<string, unknown>>,
  distribution: Distribution,
): { readonly serverSideApply?: true; readonly ignoreDifferences?: IgnoreDifference[] } {
  const ignore = facts.rewrittenFields
    .filter((field) => rewrittenFieldActive(field, values, distribution))
    .map((field) => ({ group: field.group, kind: field.kind, name: releaseName(field.name, release, facts.chart), jsonPointers: [...field.jsonPointers] }));
  return { ...(crdTooLargeForClientSideApply(facts) ? { serverSideApply: true } : {}), ...(ignore.length > 0 ? { ignoreDifferences: ignore } : {}) };
}
