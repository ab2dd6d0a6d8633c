import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CloudResourcesSchema } from './cloud.js';
import type { AppEntry, PlatformEntry } from './registry.js';
import { Cidr, DnsLabel, Labels, StringEnum, allowed } from './schema-helpers.js';
import { WaiverSchema } from './waivers.js';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const CLOUDS = ['aws', 'azure'] as const;
/** How the control plane is run: managed (EKS, AKS) or on plain EC2 instances (RKE2, kubeadm). */
export const DISTRIBUTIONS = ['eks', 'aks', 'rke2', 'kubeadm'] as const;
export const SUBNET_ROLES = ['public', 'private', 'app-gateway'] as const;
export const NAT_GATEWAY_MODES = ['none', 'single', 'one-per-az'] as const;
export const NODE_IMAGES = ['al2023', 'bottlerocket', 'ubuntu-22.04', 'ubuntu-24.04', 'azure-linux'] as const;
export const NODE_ROLES = ['worker', 'control-plane'] as const;
export const CAPACITY_TYPES = ['on-demand', 'spot'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export type Environment = (typeof ENVIRONMENTS)[number];
export type Cloud = (typeof CLOUDS)[number];
export type Distribution = (typeof DISTRIBUTIONS)[number];

export const ProviderSchema = Type.Object(
  {
    cloud: StringEnum(CLOUDS),
    /** AWS region (`us-east-1`) or Azure location (`eastus`). */
    region: Type.String({ pattern: '^[a-z][a-z0-9-]*[a-z0-9]$', ...allowed('a region or location name such as us-east-1 or eastus') }),
    /** AWS account that owns the cluster; needed to name IAM roles in service account annotations. */
    accountId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', ...allowed('a 12-digit AWS account id') })),
    /** Azure subscription that owns the cluster. */
    subscriptionId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

/** Nodes a pool may have at most. */
export const MAX_POOL_NODES = 1000;

export const SubnetSchema = Type.Object(
  {
    name: DnsLabel,
    cidr: Cidr,
    role: StringEnum(SUBNET_ROLES),
    /** Availability zone letter within the region (`a` is us-east-1a); Azure subnets are regional. */
    zone: Type.Optional(StringEnum(['a', 'b', 'c', 'd', 'e', 'f'])),
  },
  { additionalProperties: false },
);

export const NetworkSchema = Type.Object(
  {
    cidr: Cidr,
    // AWS allows 200 subnets per VPC (VPC quotas); more is a generated list gone wrong.
    subnets: Type.Array(SubnetSchema, { minItems: 1, maxItems: 200 }),
    /** @default 'one-per-az' */
    natGateways: Type.Optional(StringEnum(NAT_GATEWAY_MODES, { default: 'one-per-az' })),
    /** Kubernetes Service range; must not overlap the network. */
    serviceCidr: Type.Optional(Cidr),
    /** Pod overlay range for CNIs that do not use VPC addresses (Flannel, Calico). */
    podCidr: Type.Optional(Cidr),
    /** Who may reach admin ports (SSH, Kubernetes API, etcd, kubelet). Never 0.0.0.0/0. */
    adminCidrs: Type.Array(Cidr, { minItems: 1, maxItems: 60 }),
  },
  { additionalProperties: false },
);

export const TaintSchema = Type.Object(
  { key: Type.String({ minLength: 1 }), value: Type.Optional(Type.String()), effect: StringEnum(TAINT_EFFECTS) },
  { additionalProperties: false },
);

export const NodePoolSchema = Type.Object(
  {
    name: DnsLabel,
    /** @default 'worker' */
    role: Type.Optional(StringEnum(NODE_ROLES, { default: 'worker' })),
    instanceTypes: Type.Array(Type.String({ pattern: '^[A-Za-z0-9._-]+$' }), { minItems: 1, maxItems: 20 }),
    image: StringEnum(NODE_IMAGES),
    /** @default 'on-demand' */
    capacityType: Type.Optional(StringEnum(CAPACITY_TYPES, { default: 'on-demand' })),
    // A sane bound: a typo of 10000 nodes would order that many instances.
    minSize: Type.Integer({ minimum: 0, maximum: MAX_POOL_NODES }),
    maxSize: Type.Integer({ minimum: 1, maximum: MAX_POOL_NODES }),
    desiredSize: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_POOL_NODES })),
    diskGiB: Type.Integer({ minimum: 20, maximum: 16384 }),
    /** Nodes replaced at once during an update. @default 1 */
    maxUnavailable: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
    labels: Type.Optional(Labels),
    taints: Type.Optional(Type.Array(TaintSchema, { maxItems: 50 })),
    /** Subnets the pool's instances run in on EC2 clusters (RKE2, kubeadm); a public one gets public IPs. @default 'private' */
    subnetRole: Type.Optional(StringEnum(['public', 'private'] as const, { default: 'private' })),
  },
  { additionalProperties: false },
);

export const GitOpsSchema = Type.Object(
  {
    repoURL: Type.String({
      pattern: '^(https://[^\\s]+|git@[^\\s:]+:[^\\s]+|ssh://[^\\s]+)$',
      ...allowed('a Git URL (https://..., ssh://... or git@host:path)'),
    }),
    targetRevision: Type.String({ minLength: 1, pattern: '^[^\\s]+$', ...allowed('a branch, tag or commit without spaces') }),
  },
  { additionalProperties: false },
);

/** The fields of a cluster description; `platform` and `apps` take their item schemas from the registry (see clusterSpecSchema). */
export function clusterSpecFields(platformItem: TSchema, appItem: TSchema) {
  return {
    name: DnsLabel,
    environment: StringEnum(ENVIRONMENTS),
    provider: ProviderSchema,
    distribution: StringEnum(DISTRIBUTIONS),
    kubernetesVersion: Type.String({
      pattern: '^1\\.(2[6-9]|3[0-4])(\\.[0-9]+)?$',
      ...allowed('a Kubernetes version from 1.26 to 1.34, as 1.33 or 1.31.11'),
    }),
    network: NetworkSchema,
    nodePools: Type.Array(NodePoolSchema, { minItems: 1, maxItems: 30 }),
    gitops: GitOpsSchema,
    platform: Type.Array(platformItem),
    apps: Type.Array(appItem),
    cloud: CloudResourcesSchema,
    /** Findings accepted on this cluster, each with its reason and an optional expiry (docs/rules.md says which rules may be waived). @default none */
    waivers: Type.Optional(Type.Array(WaiverSchema)),
  };
}

const CoreSpecSchema = Type.Object(clusterSpecFields(Type.Unknown(), Type.Unknown()), { additionalProperties: false });

/**
 * A validated cluster description, defaults filled in. Platform and app entries are open here:
 * their options belong to the registered components and apps, which type them for themselves.
 */
export type ClusterSpec = Omit<Static<typeof CoreSpecSchema>, 'platform' | 'apps'> & {
  readonly platform: readonly PlatformEntry[];
  readonly apps: readonly AppEntry[];
};
export type NetworkSpec = Static<typeof NetworkSchema>;
export type SubnetSpec = Static<typeof SubnetSchema>;
export type NodePoolSpec = Static<typeof NodePoolSchema>;
export type ProviderSpec = Static<typeof ProviderSchema>;
