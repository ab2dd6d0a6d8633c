import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import type { Distribution } from './spec.js';
import { DnsLabel, StringEnum, allowed } from './schema-helpers.js';

/** Every platform component the addons catalogue knows; each entry of `platform:` names one. */
export const ADDON_NAMES = [
  'argocd',
  'karpenter',
  'keda',
  'secrets-store-csi-driver',
  'kube-prometheus-stack',
  'loki',
  'promtail',
  'tempo',
  'mimir',
  'vault',
  'cert-manager',
  'ingress-nginx',
  'aws-load-balancer-controller',
  'cluster-autoscaler',
  'ebs-csi-driver',
  'efs-csi-driver',
  'rancher',
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

export const SECRET_PROVIDERS = ['aws', 'vault'] as const;
export const STORAGE_BACKENDS = ['filesystem', 's3'] as const;
export const AMI_FAMILIES = ['al2023', 'bottlerocket'] as const;
export const ACME_SERVERS = ['production', 'staging'] as const;
/**
 * How ingress-nginx is reached: a cloud `LoadBalancer` Service, a `NodePort` Service, or ports
 * 80/443 opened on every node by a DaemonSet (for clusters whose load balancer targets the nodes).
 */
export const INGRESS_EXPOSURES = ['load-balancer', 'node-port', 'host-ports'] as const;
export type IngressExposure = (typeof INGRESS_EXPOSURES)[number];
/**
 * Only EKS and AKS provision a load balancer for a `LoadBalancer` Service; elsewhere it would stay
 * pending, and Argo CD would never report ingress-nginx Healthy.
 */
export const DEFAULT_INGRESS_EXPOSURE: { readonly [D in Distribution]: IngressExposure } = {
  eks: 'load-balancer',
  aks: 'load-balancer',
  rke2: 'host-ports',
  kubeadm: 'host-ports',
};
export type AcmeServer = (typeof ACME_SERVERS)[number];
/** Name of the Let's Encrypt ClusterIssuer cert-manager renders: what Ingresses reference. */
export function letsEncryptIssuerName(server: AcmeServer): string {
  return `letsencrypt-${server}`;
}
/** The ClusterIssuer of the default (production) Let's Encrypt server. */
export const LETSENCRYPT_ISSUER = letsEncryptIssuerName('production');
/** Karpenter's own spelling of capacity types (spec.ts cannot be imported here: it imports this module). */
export const KARPENTER_CAPACITY_TYPES = ['spot', 'on-demand'] as const;
export const AUTOSCALER_EXPANDERS = ['least-waste', 'random', 'most-pods', 'priority'] as const;
export type SecretProvider = (typeof SECRET_PROVIDERS)[number];
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];

/** Replicas per environment: a cluster takes the count of its own `environment`. */
function Replicas(dev: number, staging: number, prod: number) {
  return Type.Object(
    {
      dev: Type.Integer({ minimum: 1, default: dev }),
      staging: Type.Integer({ minimum: 1, default: staging }),
      prod: Type.Integer({ minimum: 1, default: prod }),
    },
    { additionalProperties: false, default: {} },
  );
}

const Days = (days: number) => Type.Integer({ minimum: 1, maximum: 3650, default: days });
const GiB = (size: number) => Type.Integer({ minimum: 1, maximum: 16384, default: size });
const Duration = (value: string) =>
  Type.String({ pattern: '^[0-9]+(s|m|h)$', default: value, ...allowed('a duration in seconds, minutes or hours, such as 30s, 2m or 1h') });

/** Chart values deep-merged over the typed ones, last: the escape hatch for what the options do not cover. */
const Values = Type.Record(Type.String(), Type.Unknown(), { default: {} });

/** One entry of `platform:`: its `name`, its options (all defaulted unless said otherwise) and `values`. */
function addon<const N extends AddonName, P extends TProperties>(name: N, options: P) {
  return Type.Object({ name: Type.Literal(name), ...options, values: Values }, { additionalProperties: false });
}

const KarpenterNodePoolSchema = Type.Object(
  {
    name: DnsLabel,
    /** EC2 instance families Karpenter may choose from (`m6i` allows m6i.large, m6i.xlarge, ...). */
    instanceFamilies: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*[0-9][a-z0-9-]*$', ...allowed('an EC2 instance family such as m6i or c7g') }), {
      minItems: 1,
      uniqueItems: true,
      default: ['m6i', 'm7i', 'c6i', 'r6i'],
    }),
    capacityTypes: Type.Array(StringEnum(KARPENTER_CAPACITY_TYPES), { minItems: 1, uniqueItems: true, default: ['spot', 'on-demand'] }),
    /** Ceiling on what the pool may launch in total. */
    limits: Type.Object(
      { cpu: Type.Integer({ minimum: 1, default: 100 }), memoryGiB: Type.Integer({ minimum: 1, default: 400 }) },
      { additionalProperties: false, default: {} },
    ),
    /** How long a node may stay empty or underused before Karpenter consolidates it. */
    consolidateAfter: Duration('1m'),
  },
  { additionalProperties: false },
);

const LetsEncryptSchema = Type.Object(
  {
    email: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', ...allowed('an e-mail address for expiry notices') }),
    server: StringEnum(ACME_SERVERS, { default: 'production' }),
    /** Ingress class that answers the HTTP-01 challenge. */
    ingressClass: Type.String({ minLength: 1, default: 'nginx' }),
  },
  { additionalProperties: false },
);

/** The typed options of each catalogue entry. */
export const PLATFORM_OPTIONS = {
  argocd: addon('argocd', { replicas: Replicas(1, 2, 2) }),
  karpenter: addon('karpenter', {
    replicas: Replicas(1, 2, 2),
    /** AMI alias for the EC2NodeClass; pin a version (`al2023@v20250116`) to roll AMIs deliberately. */
    amiAlias: Type.String({
      pattern: `^(${AMI_FAMILIES.join('|')})@(latest|v[0-9.]+)$`,
      default: 'bottlerocket@latest',
      ...allowed('an AMI alias such as bottlerocket@latest or al2023@v20250116'),
    }),
    nodePools: Type.Array(KarpenterNodePoolSchema, { minItems: 1, default: [{ name: 'default' }] }),
  }),
  keda: addon('keda', { replicas: Replicas(1, 2, 2) }),
  'secrets-store-csi-driver': addon('secrets-store-csi-driver', {
    providers: Type.Array(StringEnum(SECRET_PROVIDERS), { uniqueItems: true, default: ['aws', 'vault'] }),
    /** Mirror mounted secrets into Kubernetes Secrets (for env vars). */
    syncSecrets: Type.Boolean({ default: true }),
    rotationPollInterval: Duration('2m'),
  }),
  'kube-prometheus-stack': addon('kube-prometheus-stack', {
    retentionDays: Days(15),
    storageGiB: GiB(50),
    scrapeInterval: Duration('30s'),
    replicas: Replicas(1, 1, 2),
    alertmanager: Type.Boolean({ default: true }),
    grafana: Type.Boolean({ default: true }),
  }),
  loki: addon('loki', {
    retentionDays: Days(30),
    storage: StringEnum(STORAGE_BACKENDS, { default: 'filesystem' }),
    storageGiB: GiB(10),
    replicas: Replicas(1, 1, 1),
  }),
  promtail: addon('promtail', {}),
  tempo: addon('tempo', { retentionDays: Days(7), storage: StringEnum(STORAGE_BACKENDS, { default: 'filesystem' }), storageGiB: GiB(10) }),
  mimir: addon('mimir', { retentionDays: Days(30), replicas: Replicas(1, 2, 3) }),
  vault: addon('vault', {
    /** Raft HA with `replicas` servers; otherwise one standalone server. */
    ha: Type.Boolean({ default: false }),
    replicas: Replicas(3, 3, 3),
    injector: Type.Boolean({ default: true }),
    storageGiB: GiB(10),
  }),
  'cert-manager': addon('cert-manager', {
    /** Renders the ClusterIssuer named by `letsEncryptIssuerName(server)` when set. @default no issuer */
    letsEncrypt: Type.Optional(LetsEncryptSchema),
  }),
  'ingress-nginx': addon('ingress-nginx', {
    replicas: Replicas(1, 2, 2),
    /** @default DEFAULT_INGRESS_EXPOSURE of the cluster's distribution */
    exposure: Type.Optional(StringEnum(INGRESS_EXPOSURES)),
  }),
  'aws-load-balancer-controller': addon('aws-load-balancer-controller', { replicas: Replicas(1, 2, 2) }),
  'cluster-autoscaler': addon('cluster-autoscaler', { expander: StringEnum(AUTOSCALER_EXPANDERS, { default: 'least-waste' }) }),
  // No chart and so no `values`: the driver is the EKS managed add-on that Terraform installs.
  'ebs-csi-driver': Type.Object(
    {
      name: Type.Literal('ebs-csi-driver'),
      /** Make the rendered `ebs-gp3` StorageClass the cluster default. */
      defaultStorageClass: Type.Boolean({ default: true }),
    },
    { additionalProperties: false },
  ),
  'efs-csi-driver': addon('efs-csi-driver', {
    /** File system the `efs` StorageClass provisions access points on. @default no StorageClass */
    fileSystemId: Type.Optional(Type.String({ pattern: '^fs-[0-9a-f]{8,17}$', ...allowed('an EFS file system id such as fs-0123456789abcdef0') })),
  }),
  rancher: addon('rancher', {
    hostname: Type.String({ pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', ...allowed('the DNS name Rancher is served at, such as rancher.example.com') }),
    replicas: Replicas(1, 3, 3),
  }),
} as const satisfies { readonly [N in AddonName]: TObject };

export type PlatformOptions = { readonly [N in AddonName]: Static<(typeof PLATFORM_OPTIONS)[N]> };
/** The options of one entry, with every default filled in by the validator. */
export type AddonOptions<N extends AddonName> = PlatformOptions[N];
export type PlatformComponentSpec = PlatformOptions[AddonName];

/**
 * An entry is `{ name, ...options }`. The schema checks `name` first, then (through if/then on
 * the name) that entry's own options, so a misspelt option is reported against the options of
 * that component only and the validator can suggest the intended one.
 */
export const PlatformComponentSchema = Type.Unsafe<PlatformComponentSpec>({
  type: 'object',
  required: ['name'],
  properties: { name: StringEnum(ADDON_NAMES) },
  allOf: ADDON_NAMES.map((name) => ({
    ...allowed(`the options of ${name}: ${Object.keys(PLATFORM_OPTIONS[name].properties).join(', ')}`),
    if: { type: 'object', properties: { name: { const: name } } },
    then: PLATFORM_OPTIONS[name],
  })),
});

/** Where a component can run, as data the platform rules check. */
export interface AddonSupport {
  readonly distributions: readonly Distribution[];
  /** Components that must be on the same cluster. */
  readonly requires: readonly AddonName[];
  /** Kubernetes minor versions the pinned chart supports (inclusive bounds, `1.27`). */
  readonly kubernetes?: { readonly max: string; readonly why: string };
}

const ANYWHERE = ['eks', 'aks', 'rke2', 'kubeadm'] as const satisfies readonly Distribution[];
// These controllers act on AWS APIs with an IAM role bound to their service account (IRSA), which only EKS provides.
const EKS_ONLY = ['eks'] as const satisfies readonly Distribution[];

export const ADDON_SUPPORT: { readonly [N in AddonName]: AddonSupport } = {
  argocd: { distributions: ANYWHERE, requires: [] },
  karpenter: { distributions: EKS_ONLY, requires: [] },
  keda: { distributions: ANYWHERE, requires: [] },
  'secrets-store-csi-driver': { distributions: ANYWHERE, requires: [] },
  'kube-prometheus-stack': { distributions: ANYWHERE, requires: [] },
  loki: { distributions: ANYWHERE, requires: [] },
  promtail: { distributions: ANYWHERE, requires: ['loki'] },
  tempo: { distributions: ANYWHERE, requires: [] },
  // Mimir keeps its blocks in S3 only.
  mimir: { distributions: EKS_ONLY, requires: [] },
  vault: { distributions: ANYWHERE, requires: [] },
  'cert-manager': { distributions: ANYWHERE, requires: [] },
  'ingress-nginx': { distributions: ANYWHERE, requires: [] },
  'aws-load-balancer-controller': { distributions: EKS_ONLY, requires: [] },
  'cluster-autoscaler': { distributions: EKS_ONLY, requires: [] },
  'ebs-csi-driver': { distributions: EKS_ONLY, requires: [] },
  'efs-csi-driver': { distributions: EKS_ONLY, requires: [] },
  rancher: {
    distributions: ANYWHERE,
    requires: ['cert-manager', 'ingress-nginx'],
    kubernetes: { max: '1.27', why: 'Rancher 2.7.9 supports Kubernetes up to 1.27' },
  },
};
