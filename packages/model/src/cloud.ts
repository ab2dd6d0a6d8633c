import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { DnsLabel, StringEnum, allowed } from './schema-helpers.js';

/**
 * The cloud resources around a cluster that are not the network or the nodes: control plane
 * options, data services, DNS and load balancers. Every list is optional and empty by default;
 * every option has the default written here, and the Terraform modules use these same constants.
 */

export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
export const EKS_ADDONS = ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent', 'aws-ebs-csi-driver', 'aws-efs-csi-driver', 'snapshot-controller'] as const;
/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;
export const EFS_PERFORMANCE_MODES = ['generalPurpose', 'maxIO'] as const;
export const EFS_THROUGHPUT_MODES = ['bursting', 'elastic'] as const;
export const PORT_SOURCES = ['admin', 'network', 'anywhere'] as const;
export const PORT_PROTOCOLS = ['tcp', 'udp'] as const;
export const AZURE_REPLICATION = ['LRS', 'ZRS', 'GRS', 'GZRS'] as const;
export const AKS_SKU_TIERS = ['Free', 'Standard'] as const;
/** CNIs RKE2 bundles as the primary network plugin (rancher/rke2 v1.27.16+rke2r2 pkg/rke2/rke2.go CNIItems, less flannel without policy). */
export const RKE2_CNIS = ['canal', 'calico', 'cilium'] as const;

/** Ports that administer a node or the cluster; never reachable from the whole internet. */
export const ADMIN_PORTS: readonly { readonly from: number; readonly to: number; readonly what: string }[] = [
  { from: 22, to: 22, what: 'SSH' },
  { from: 6443, to: 6443, what: 'the Kubernetes API' },
  { from: 2379, to: 2380, what: 'etcd' },
  { from: 9345, to: 9345, what: 'the RKE2 supervisor' },
  { from: 10250, to: 10250, what: 'the kubelet' },
];

/** The first admin port a TCP port range opens, if any. */
export function adminPortIn(from: number, to: number): (typeof ADMIN_PORTS)[number] | undefined {
  return ADMIN_PORTS.find((p) => from <= p.to && p.from <= to);
}

export type EksLogType = (typeof EKS_LOG_TYPES)[number];
export type EksAddonName = (typeof EKS_ADDONS)[number];
export type LogRetentionDays = (typeof LOG_RETENTION_DAYS)[number];

/** Defaults shared by the schema and the Terraform modules, so that they are written once. */
export const CLOUD_DEFAULTS = {
  eks: {
    endpointPrivateAccess: true,
    endpointPublicAccess: true,
    logTypes: ['api', 'audit', 'authenticator'] as readonly EksLogType[],
    logRetentionDays: 30 as LogRetentionDays,
    // Workload roles use IRSA (the charts annotate their service accounts); the Pod Identity agent comes with a workload that uses Pod Identity.
    addons: [{ name: 'vpc-cni' }, { name: 'coredns' }, { name: 'kube-proxy' }] as readonly { readonly name: EksAddonName; readonly version?: string }[],
  },
  database: { engineVersion: '16.4', instanceClass: 'db.t4g.medium', allocatedStorageGiB: 20, multiAz: true, backupRetentionDays: 7 },
  fileSystem: { performanceMode: 'generalPurpose', throughputMode: 'bursting' },
  cache: { engineVersion: '8.0', nodeType: 'cache.t4g.small', nodes: 2 },
  logRetentionDays: 30 as LogRetentionDays,
  vpn: { instanceType: 't3.large', image: 'ubuntu-24.04', rootVolumeGiB: 20, dataVolumeGiB: 20 },
  // ingress-nginx answers /healthz with 200 on its catch-all server, on 80 and 443 alike
  // (kubernetes/ingress-nginx controller-v1.9.5 rootfs/etc/nginx/template/nginx.tmpl); an ALB
  // probe carries the target's IP as Host, so host-routed paths (Rancher's /ping) never match.
  loadBalancer: { targetPort: 443, healthCheckPath: '/healthz', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
  applicationGateway: { minCapacity: 1, maxCapacity: 2, backendPort: 80, healthProbePath: '/', backendAddresses: [] as readonly string[] },
  storageAccount: { replication: 'LRS', deleteRetentionDays: 7 },
  aks: { skuTier: 'Standard', logRetentionDays: 30 },
  // Canal is RKE2's own default (pkg/cli/cmds/server.go validateCNI); it enforces NetworkPolicies.
  rke2: { cni: 'canal' },
} as const;

const Retention = (fallback: LogRetentionDays): TUnsafe<LogRetentionDays> =>
  Type.Unsafe<LogRetentionDays>({ type: 'integer', enum: [...LOG_RETENTION_DAYS], default: fallback });

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

export const EksOptionsSchema = Type.Object(
  {
    /** Nodes and in-VPC clients (VPN) reach the API through the VPC. @default true */
    endpointPrivateAccess: Type.Optional(Type.Boolean({ default: CLOUD_DEFAULTS.eks.endpointPrivateAccess })),
    /** Public endpoint, reachable only from network.adminCidrs. @default true */
    endpointPublicAccess: Type.Optional(Type.Boolean({ default: CLOUD_DEFAULTS.eks.endpointPublicAccess })),
    /** Control plane logs sent to CloudWatch. @default api, audit, authenticator */
    logTypes: Type.Optional(Type.Array(StringEnum(EKS_LOG_TYPES), { uniqueItems: true, default: [...CLOUD_DEFAULTS.eks.logTypes] })),
    /** @default 30 */
    logRetentionDays: Type.Optional(Retention(CLOUD_DEFAULTS.eks.logRetentionDays)),
    /** Managed add-ons; without a version EKS installs its default for the cluster version. @default vpc-cni, coredns, kube-proxy */
    addons: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: StringEnum(EKS_ADDONS),
            version: Type.Optional(Type.String({ pattern: '^v[0-9]+\\.[0-9]+\\.[0-9]+-eksbuild\\.[0-9]+$', ...allowed('an add-on version such as v1.42.0-eksbuild.1') })),
          },
          { additionalProperties: false },
        ),
        { default: CLOUD_DEFAULTS.eks.addons.map((a) => ({ ...a })) },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Where a database runs: an RDS instance, or a StatefulSet of the app that uses it. */
export const DATABASE_INSTANCES = ['rds', 'in-cluster'] as const;

export const DatabaseSchema = Type.Object(
  {
    name: DnsLabel,
    /**
     * Where PostgreSQL runs: an RDS instance Terraform creates, or the app's own StatefulSet in the
     * cluster. Terraform generates the credentials in Secrets Manager either way. No default: each
     * cluster says which it runs.
     */
    instance: StringEnum(DATABASE_INSTANCES, { description: 'Where PostgreSQL runs: an RDS instance, or the app\'s own StatefulSet; its credentials are in Secrets Manager either way.' }),
    /** @default 16.4 */
    engineVersion: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?$', default: CLOUD_DEFAULTS.database.engineVersion, ...allowed('a PostgreSQL version such as 16.4') })),
    /** @default db.t4g.medium */
    instanceClass: Type.Optional(Type.String({ pattern: '^db\\.[a-z0-9]+\\.[a-z0-9]+$', default: CLOUD_DEFAULTS.database.instanceClass, ...allowed('an RDS instance class such as db.t4g.medium') })),
    /** @default 20 */
    allocatedStorageGiB: Type.Optional(Type.Integer({ minimum: 20, maximum: 65536, default: CLOUD_DEFAULTS.database.allocatedStorageGiB })),
    /** A standby in a second zone. @default true */
    multiAz: Type.Optional(Type.Boolean({ default: CLOUD_DEFAULTS.database.multiAz })),
    /** @default 7 */
    backupRetentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 35, default: CLOUD_DEFAULTS.database.backupRetentionDays })),
    /** IAM workloads (of the cluster's components and apps) that read the credentials secret, through the Secrets Store CSI driver's AWS provider. @default none */
    readers: Type.Optional(Type.Array(DnsLabel, { uniqueItems: true, default: [] })),
  },
  { additionalProperties: false },
);

export const BucketSchema = Type.Object(
  {
    /** What the bucket holds (`loki-chunks`); the bucket is named by bucketName(). */
    purpose: DnsLabel,
    /** IAM workloads (of the cluster's components and apps) given read/write access through their role. @default none */
    access: Type.Optional(Type.Array(DnsLabel, { uniqueItems: true, default: [] })),
  },
  { additionalProperties: false },
);

export const FileSystemSchema = Type.Object(
  {
    name: DnsLabel,
    /** @default generalPurpose */
    performanceMode: Type.Optional(StringEnum(EFS_PERFORMANCE_MODES, { default: CLOUD_DEFAULTS.fileSystem.performanceMode })),
    /** @default bursting */
    throughputMode: Type.Optional(StringEnum(EFS_THROUGHPUT_MODES, { default: CLOUD_DEFAULTS.fileSystem.throughputMode })),
  },
  { additionalProperties: false },
);

export const CacheSchema = Type.Object(
  {
    name: DnsLabel,
    /** Valkey version. @default 8.0 */
    engineVersion: Type.Optional(Type.String({ pattern: '^[0-9]+\\.[0-9]+$', default: CLOUD_DEFAULTS.cache.engineVersion, ...allowed('a Valkey major.minor version such as 8.0') })),
    /** @default cache.t4g.small */
    nodeType: Type.Optional(Type.String({ pattern: '^cache\\.[a-z0-9]+\\.[a-z0-9]+$', default: CLOUD_DEFAULTS.cache.nodeType, ...allowed('an ElastiCache node type such as cache.t4g.small') })),
    /** Primary plus replicas; 2 or more enables automatic failover across zones. @default 2 */
    nodes: Type.Optional(Type.Integer({ minimum: 1, maximum: 6, default: CLOUD_DEFAULTS.cache.nodes })),
  },
  { additionalProperties: false },
);

export const LogGroupSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z0-9_/.#-]{1,512}$', ...allowed('a CloudWatch log group name such as /tbyte/backend') }),
    /** @default 30 */
    retentionDays: Type.Optional(Retention(CLOUD_DEFAULTS.logRetentionDays)),
  },
  { additionalProperties: false },
);

export const PortRuleSchema = Type.Object(
  {
    port: Port,
    /** Last port of a range. @default port */
    toPort: Type.Optional(Port),
    /** @default tcp */
    protocol: Type.Optional(StringEnum(PORT_PROTOCOLS, { default: 'tcp' })),
    /** admin: network.adminCidrs; network: the VPC; anywhere: the internet (never for admin ports). */
    from: StringEnum(PORT_SOURCES),
    description: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

export const VpnSchema = Type.Object(
  {
    /** The public subnet the instance runs in (it gets an Elastic IP). */
    subnet: DnsLabel,
    /** @default t3.large */
    instanceType: Type.Optional(Type.String({ pattern: '^[a-z0-9]+\\.[a-z0-9]+$', default: CLOUD_DEFAULTS.vpn.instanceType })),
    /** @default ubuntu-24.04 */
    image: Type.Optional(StringEnum(['ubuntu-22.04', 'ubuntu-24.04'] as const, { default: CLOUD_DEFAULTS.vpn.image })),
    /** @default 20 */
    rootVolumeGiB: Type.Optional(Type.Integer({ minimum: 8, maximum: 16384, default: CLOUD_DEFAULTS.vpn.rootVolumeGiB })),
    /** Extra encrypted gp3 volume for the VPN's own data; 0 for none. @default 20 */
    dataVolumeGiB: Type.Optional(Type.Integer({ minimum: 0, maximum: 16384, default: CLOUD_DEFAULTS.vpn.dataVolumeGiB })),
    ports: Type.Array(PortRuleSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const DnsSchema = Type.Object(
  {
    /** An existing Route 53 public hosted zone. */
    zone: Type.String({ pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$', ...allowed('a DNS domain such as example.com') }),
    /** Names relative to the zone (`vet-app`, `rancher.vet-app`) pointed at the load balancer and covered by its certificate. */
    records: Type.Array(
      Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', ...allowed('a host name relative to the zone, such as rancher.vet-app') }),
      { minItems: 1, uniqueItems: true },
    ),
  },
  { additionalProperties: false },
);

export const LoadBalancerSchema = Type.Object(
  {
    /** HTTPS port the server nodes' ingress listens on. @default 443 */
    targetPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: CLOUD_DEFAULTS.loadBalancer.targetPort })),
    /** Path that answers 200 on every target whatever the Host header. @default /healthz */
    healthCheckPath: Type.Optional(Type.String({ pattern: '^/', default: CLOUD_DEFAULTS.loadBalancer.healthCheckPath, ...allowed('a path starting with /') })),
    /** @default ELBSecurityPolicy-TLS13-1-2-2021-06 */
    sslPolicy: Type.Optional(Type.String({ pattern: '^ELBSecurityPolicy-', default: CLOUD_DEFAULTS.loadBalancer.sslPolicy, ...allowed('an ELB security policy name') })),
  },
  { additionalProperties: false },
);

export const ApplicationGatewaySchema = Type.Object(
  {
    /** Autoscaling bounds of the Standard_v2 gateway. @default 1 */
    minCapacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 125, default: CLOUD_DEFAULTS.applicationGateway.minCapacity })),
    /** @default 2 */
    maxCapacity: Type.Optional(Type.Integer({ minimum: 2, maximum: 125, default: CLOUD_DEFAULTS.applicationGateway.maxCapacity })),
    /** @default 80 */
    backendPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, default: CLOUD_DEFAULTS.applicationGateway.backendPort })),
    /** @default / */
    healthProbePath: Type.Optional(Type.String({ pattern: '^/', default: CLOUD_DEFAULTS.applicationGateway.healthProbePath, ...allowed('a path starting with /') })),
    /** Private IPs of the backend (an internal load balancer Service). @default none */
    backendAddresses: Type.Optional(Type.Array(Type.String({ pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}$', ...allowed('an IPv4 address such as 10.0.1.250') }), { default: [] })),
  },
  { additionalProperties: false },
);

export const StorageAccountSchema = Type.Object(
  {
    /** What the account holds (`files`, `backups`); the account is named by storageAccountName(). */
    purpose: Type.String({ pattern: '^[a-z0-9]{1,12}$', ...allowed('1 to 12 lowercase letters or digits') }),
    /** @default LRS */
    replication: Type.Optional(StringEnum(AZURE_REPLICATION, { default: CLOUD_DEFAULTS.storageAccount.replication })),
    /** Blob containers by purpose; each is named by bucketName(), as the charts expect. */
    containers: Type.Array(DnsLabel, { minItems: 1, uniqueItems: true }),
    /** Soft-delete retention for blobs and containers. @default 7 */
    deleteRetentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: CLOUD_DEFAULTS.storageAccount.deleteRetentionDays })),
  },
  { additionalProperties: false },
);

export const AksOptionsSchema = Type.Object(
  {
    /** @default Standard */
    skuTier: Type.Optional(StringEnum(AKS_SKU_TIERS, { default: CLOUD_DEFAULTS.aks.skuTier })),
    /** Log Analytics retention. @default 30 */
    logRetentionDays: Type.Optional(Type.Integer({ minimum: 30, maximum: 730, default: CLOUD_DEFAULTS.aks.logRetentionDays })),
  },
  { additionalProperties: false },
);

export const Rke2OptionsSchema = Type.Object(
  {
    /** RKE2 release the nodes install; its Kubernetes version must be the cluster's. @default the newest release of kubernetesVersion's minor (KUBERNETES_RELEASES) */
    version: Type.Optional(Type.String({ pattern: '^v1\\.[0-9]+\\.[0-9]+\\+rke2r[0-9]+$', ...allowed('an RKE2 release tag such as v1.27.16+rke2r2') })),
    /** Primary CNI; all three enforce NetworkPolicies. @default canal */
    cni: Type.Optional(StringEnum(RKE2_CNIS, { default: CLOUD_DEFAULTS.rke2.cni })),
  },
  { additionalProperties: false },
);

const list = <T extends TSchema>(item: T) => Type.Optional(Type.Array(item, { default: [] }));

export const CloudResourcesSchema = Type.Object(
  {
    eks: Type.Optional(EksOptionsSchema),
    aks: Type.Optional(AksOptionsSchema),
    rke2: Type.Optional(Rke2OptionsSchema),
    databases: list(DatabaseSchema),
    buckets: list(BucketSchema),
    fileSystems: list(FileSystemSchema),
    caches: list(CacheSchema),
    logGroups: list(LogGroupSchema),
    vpn: Type.Optional(VpnSchema),
    dns: Type.Optional(DnsSchema),
    loadBalancer: Type.Optional(LoadBalancerSchema),
    applicationGateway: Type.Optional(ApplicationGatewaySchema),
    storageAccounts: list(StorageAccountSchema),
  },
  { additionalProperties: false },
);

export type CloudResourcesSpec = Static<typeof CloudResourcesSchema>;
export type EksOptions = Static<typeof EksOptionsSchema>;
export type DatabaseSpec = Static<typeof DatabaseSchema>;
export type BucketSpec = Static<typeof BucketSchema>;
export type FileSystemSpec = Static<typeof FileSystemSchema>;
export type CacheSpec = Static<typeof CacheSchema>;
export type LogGroupSpec = Static<typeof LogGroupSchema>;
export type PortRuleSpec = Static<typeof PortRuleSchema>;
export type VpnSpec = Static<typeof VpnSchema>;
export type DnsSpec = Static<typeof DnsSchema>;
export type LoadBalancerSpec = Static<typeof LoadBalancerSchema>;
export type ApplicationGatewaySpec = Static<typeof ApplicationGatewaySchema>;
export type StorageAccountSpec = Static<typeof StorageAccountSchema>;
export type AksOptions = Static<typeof AksOptionsSchema>;
export type Rke2Options = Static<typeof Rke2OptionsSchema>;
