import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DnsLabel, StringEnum, allowed } from './schema-helpers.js';

/** The business charts of `apps/`: TByte (seed 002), RocketChat (seed 000), the veterinary app (seed 001). */
export const APP_CHARTS = ['tbyte', 'rocketchat', 'vet-app'] as const;
export type AppChart = (typeof APP_CHARTS)[number];

/** Pod autoscalers a web tier can use: the built-in HPA, or a KEDA ScaledObject (which also takes Prometheus triggers). */
export const AUTOSCALERS = ['hpa', 'keda'] as const;
export type Autoscaler = (typeof AUTOSCALERS)[number];

/** Capabilities Pod Security "restricted" lets a container add; everything else is dropped. */
export const SAFE_ADDED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];

/** `repo:tag` or `repo@sha256:...`, never untagged and never `latest`: a rollout must name what it runs. */
export const IMAGE_PATTERN = '^(?!.*:latest$)[a-z0-9]+([._/:-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$';

const Image = Type.String({
  pattern: IMAGE_PATTERN,
  ...allowed('an image with an explicit tag or digest, such as registry/app:1.2.3 or registry/app@sha256:<64 hex digits>; never "latest" or untagged'),
});

const ReplicaRange = Type.Object(
  {
    /** Replicas kept at all times; the PodDisruptionBudget is sized from it. */
    min: Type.Integer({ minimum: 1, maximum: 100 }),
    max: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false, ...allowed('{ min, max } with 1 <= min <= max <= 100') },
);

const Cpu = Type.String({ pattern: '^([0-9]+m|[0-9]+(\\.[0-9]+)?)$', ...allowed('a CPU quantity such as 100m or 0.5') });
const Bytes = Type.String({ pattern: '^[0-9]+(Ki|Mi|Gi|Ti)$', ...allowed('a binary byte quantity such as 128Mi or 2Gi') });

const ResourceQuantities = Type.Object(
  { cpu: Type.Optional(Cpu), memory: Type.Optional(Bytes), ephemeralStorage: Type.Optional(Bytes) },
  { additionalProperties: false },
);

/** Overrides of the seed 002 defaults (requests 100m / 128Mi / 1Gi, limits 500m / 512Mi / 2Gi), field by field. */
export const ResourcesSchema = Type.Object(
  { requests: Type.Optional(ResourceQuantities), limits: Type.Optional(ResourceQuantities) },
  { additionalProperties: false },
);
export type ResourcesSpec = Static<typeof ResourcesSchema>;

/**
 * Overrides of the "restricted" security context. Every value is accepted by the schema so that a
 * weaker one can be reported with its reason; weaker values need `allowUnsafe` (see unsafeSecurityIssues).
 */
export const SecuritySchema = Type.Object(
  {
    /** @default 1000 */
    runAsUser: Type.Optional(Type.Integer({ minimum: 0 })),
    /** @default 1000 */
    runAsGroup: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Group that owns mounted volumes. @default 1000 */
    fsGroup: Type.Optional(Type.Integer({ minimum: 0 })),
    /** @default true */
    runAsNonRoot: Type.Optional(Type.Boolean()),
    /** @default true */
    readOnlyRootFilesystem: Type.Optional(Type.Boolean()),
    /** @default false */
    allowPrivilegeEscalation: Type.Optional(Type.Boolean()),
    /** Added after dropping ALL. @default [] */
    addCapabilities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z_]+$', ...allowed('a capability name such as NET_BIND_SERVICE') }))),
    /** @default 'RuntimeDefault' */
    seccompProfile: Type.Optional(StringEnum(['RuntimeDefault', 'Unconfined'])),
  },
  { additionalProperties: false },
);
export type SecuritySpec = Static<typeof SecuritySchema>;

/** The explicit opt-in for a setting weaker than Pod Security "restricted": each weakening is named, with a reason. */
export const UnsafeOptInSchema = Type.Object(
  {
    reason: Type.String({ minLength: 10, ...allowed('why this workload cannot run restricted, in a sentence (at least 10 characters)') }),
    runAsRoot: Type.Optional(Type.Literal(true)),
    privilegeEscalation: Type.Optional(Type.Literal(true)),
    writableRootFilesystem: Type.Optional(Type.Literal(true)),
    /** Capabilities other than NET_BIND_SERVICE that may be added. */
    capabilities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z_]+$' }), { minItems: 1 })),
    unconfinedSeccomp: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type UnsafeOptIn = Static<typeof UnsafeOptInSchema>;

/** What every workload of an app may override: its image, size and security context. */
const workloadFields = {
  resources: Type.Optional(ResourcesSchema),
  security: Type.Optional(SecuritySchema),
  allowUnsafe: Type.Optional(UnsafeOptInSchema),
};

/** A web tier built from in-house code: the image is the team's own, so it is always given. */
export const WebTierSchema = Type.Object(
  {
    image: Image,
    /** @default { min: 2, max: 5 } for TByte (seed 002) */
    replicas: Type.Optional(ReplicaRange),
    ...workloadFields,
  },
  { additionalProperties: false },
);
export type WebTierSpec = Static<typeof WebTierSchema>;

/** A third-party web tier or database: the image has a pinned default that may be replaced. */
const PackagedWorkload = <P extends Record<string, TSchema>>(extra: P) =>
  Type.Object({ image: Type.Optional(Image), ...workloadFields, ...extra }, { additionalProperties: false });

const StorageSize = Type.String({ pattern: '^[1-9][0-9]*Gi$', ...allowed('a volume size in Gi such as 10Gi') });
const StorageClassName = Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', ...allowed('a StorageClass name such as gp3 or standard') });

const databaseFields = {
  /** @default '10Gi' */
  storage: Type.Optional(StorageSize),
  /** @default the cluster's default StorageClass */
  storageClass: Type.Optional(StorageClassName),
};

const Hostname = Type.String({
  pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  ...allowed('a DNS host name such as chat.example.com'),
});

/** Namespace the app runs in. @default the app name */
const Namespace = { namespace: Type.Optional(DnsLabel) };

export const TbyteAppSchema = Type.Object(
  {
    name: DnsLabel,
    chart: Type.Literal('tbyte'),
    ...Namespace,
    frontend: WebTierSchema,
    backend: WebTierSchema,
    postgres: Type.Optional(PackagedWorkload(databaseFields)),
    /** @default 'keda' (seed 002 scales both tiers with KEDA) */
    autoscaler: Type.Optional(StringEnum(AUTOSCALERS)),
    /** Host of the frontend's Ingress; no Ingress without it. The ingress class follows the cloud (ALB on AWS). */
    host: Type.Optional(Hostname),
    /** Vault role the backend's API keys are read with. @default the app name */
    vaultRole: Type.Optional(DnsLabel),
  },
  { additionalProperties: false },
);
export type TbyteAppSpec = Static<typeof TbyteAppSchema>;

export const RocketchatAppSchema = Type.Object(
  {
    name: DnsLabel,
    chart: Type.Literal('rocketchat'),
    ...Namespace,
    /** Public host; the load balancer follows the cloud (ALB on AWS, Application Gateway on Azure). */
    host: Hostname,
    rocketchat: Type.Optional(PackagedWorkload({ replicas: Type.Optional(ReplicaRange) })),
    mongodb: Type.Optional(PackagedWorkload(databaseFields)),
  },
  { additionalProperties: false },
);
export type RocketchatAppSpec = Static<typeof RocketchatAppSchema>;

export const VetAppSchema = Type.Object(
  {
    name: DnsLabel,
    chart: Type.Literal('vet-app'),
    ...Namespace,
    image: Image,
    /** Fixed replica count (seed 001 scales by hand). @default 2 */
    replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Public host; set per cluster, as one of its `cloud.dns` records when it has them. */
    host: Hostname,
    /** cert-manager ClusterIssuer of the TLS certificate. @default LETSENCRYPT_ISSUER */
    clusterIssuer: Type.Optional(DnsLabel),
    /** Size of the data volume. @default '5Gi' */
    storage: Type.Optional(StorageSize),
    /** @default 'standard' */
    storageClass: Type.Optional(StorageClassName),
    /** Non-secret environment of the app, rendered as a ConfigMap. */
    config: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String())),
    ...workloadFields,
  },
  { additionalProperties: false },
);
export type VetAppSpec = Static<typeof VetAppSchema>;

const CHART_SCHEMAS: Record<AppChart, TSchema> = { tbyte: TbyteAppSchema, rocketchat: RocketchatAppSchema, 'vet-app': VetAppSchema };

/**
 * One entry of `spec.apps[]`: `chart` picks the business chart and the typed props that follow.
 * Written as if/then per chart (not anyOf) so that a wrong field is reported once, against the
 * chart that was chosen, with that chart's known fields.
 */
export const AppSchema = Type.Unsafe<TbyteAppSpec | RocketchatAppSpec | VetAppSpec>({
  type: 'object',
  required: ['name', 'chart'],
  properties: { name: DnsLabel, chart: StringEnum(APP_CHARTS) },
  allOf: APP_CHARTS.map((chart) => ({
    if: { type: 'object', required: ['chart'], properties: { chart: { const: chart } } },
    then: CHART_SCHEMAS[chart],
    ...allowed(`the fields of chart "${chart}" (see the other messages for this app)`),
  })),
});
export type AppSpec = Static<typeof AppSchema>;

/** Namespace an app runs in: its `namespace`, or else its name. */
export function appNamespace(app: { readonly name: string; readonly namespace?: string | undefined }): string {
  return app.namespace ?? app.name;
}

/** One setting weaker than Pod Security "restricted" that is not opted into. */
export interface UnsafeSetting {
  /** Path below the workload, e.g. `security/runAsUser`. */
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/**
 * Settings of `security` that weaken "restricted" without the matching `allowUnsafe` opt-in.
 * Shared by the spec rules (reported at validation) and the constructs (thrown when used directly).
 */
export function unsafeSecurityIssues(security: SecuritySpec = {}, optIn?: UnsafeOptIn): UnsafeSetting[] {
  const issues: UnsafeSetting[] = [];
  const need = (field: string, value: unknown, safe: string, flag: string): void => {
    issues.push({ field: `security/${field}`, value, allowed: `${safe}, or allowUnsafe: { reason, ${flag} }` });
  };
  if (security.runAsUser === 0 && !optIn?.runAsRoot) need('runAsUser', 0, 'a non-zero user id', 'runAsRoot: true');
  if (security.runAsGroup === 0 && !optIn?.runAsRoot) need('runAsGroup', 0, 'a non-zero group id', 'runAsRoot: true');
  if (security.runAsNonRoot === false && !optIn?.runAsRoot) need('runAsNonRoot', false, 'true', 'runAsRoot: true');
  if (security.allowPrivilegeEscalation === true && !optIn?.privilegeEscalation) {
    need('allowPrivilegeEscalation', true, 'false', 'privilegeEscalation: true');
  }
  if (security.readOnlyRootFilesystem === false && !optIn?.writableRootFilesystem) {
    need('readOnlyRootFilesystem', false, 'true (mount an emptyDir where the app writes)', 'writableRootFilesystem: true');
  }
  if (security.seccompProfile === 'Unconfined' && !optIn?.unconfinedSeccomp) {
    need('seccompProfile', 'Unconfined', '"RuntimeDefault"', 'unconfinedSeccomp: true');
  }
  (security.addCapabilities ?? []).forEach((capability, i) => {
    if (!SAFE_ADDED_CAPABILITIES.includes(capability) && !optIn?.capabilities?.includes(capability)) {
      issues.push({
        field: `security/addCapabilities/${i}`,
        value: capability,
        allowed: `${SAFE_ADDED_CAPABILITIES.join(', ')}, or allowUnsafe: { reason, capabilities: ["${capability}"] }`,
      });
    }
  });
  return issues;
}
