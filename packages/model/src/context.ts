import { appNamespace } from './workload-schemas.js';
import {
  awsRoleArn,
  azureResourceGroupName,
  bucketName,
  databaseSecretName,
  s3Endpoint,
  storageAccountName,
} from './cloud-names.js';
import { registeredApp, type AppEntry, type PlatformEntry, type SpecRegistry } from './registry.js';
import type { ClusterSpec, SubnetSpec } from './spec.js';

/** Ingress controllers an app can be exposed through; each serves the IngressClass of the same name. */
export type IngressController = 'nginx' | 'alb' | 'azure-application-gateway';

/** An IngressClass the cluster serves, and what provides it (a component or the distribution). */
export interface IngressClassInfo {
  readonly name: string;
  readonly controller: IngressController;
  /** The controller listens on ports 80/443 of every node it runs on, where a load balancer in front of the nodes sends traffic. @default false */
  readonly hostPorts?: boolean;
  readonly providedBy: string;
}

/** A StorageClass that exists on the cluster, and what provides it. */
export interface StorageClassInfo {
  readonly name: string;
  readonly provisioner: string;
  /** Carries `storageclass.kubernetes.io/is-default-class`: claims without a class get it. */
  readonly default: boolean;
  readonly providedBy: string;
  /**
   * Created by the cloud side rather than synced by Argo CD, because it names a resource only
   * Terraform knows the id of (an EFS file system): Terraform renders the StorageClass with these
   * parameters plus that id. @default synced by Argo CD
   */
  readonly createdByTerraform?: { readonly fileSystem: string; readonly parameters: Readonly<Record<string, string>> };
}

/**
 * A workload that calls AWS APIs with an IAM role of its own, assumed through its service
 * accounts: IRSA by default, or EKS Pod Identity. On EC2 distributions (RKE2, kubeadm), which
 * have no such federation, what a workload is granted goes to the node role instead.
 */
export interface AwsWorkloadInfo {
  readonly name: string;
  /** `namespace:serviceaccount`; `namespace:*` for every service account of the namespace (IRSA only). */
  readonly serviceAccounts: readonly string[];
  /** How the pods get the role on EKS. @default 'irsa' */
  readonly identity?: 'irsa' | 'pod-identity';
  readonly providedBy: string;
}

/** Cloud resources of `cloud:` a component or app reads or writes: what is declared there and used by nothing is a defect. */
export interface CloudUses {
  /** Purposes of `cloud.buckets` (S3) or of Blob containers of `cloud.storageAccounts` (Azure). */
  readonly buckets?: readonly string[];
  /** Names of `cloud.databases`. */
  readonly databases?: readonly string[];
  /** Names of `cloud.fileSystems`. */
  readonly fileSystems?: readonly string[];
  /** Names of `cloud.caches`. */
  readonly caches?: readonly string[];
}

/** In-cluster addresses one component serves and others use; each is set by at most one component. */
export interface ServiceEndpoints {
  /** Log push API (Loki's `/loki/api/v1/push`), where log shippers send. */
  readonly logsPush?: string;
  /** Log query API, a Grafana `loki` datasource. */
  readonly logsQuery?: string;
  /** Trace query API, a Grafana `tempo` datasource. */
  readonly tracesQuery?: string;
  /** OTLP gRPC receiver, where applications send traces. */
  readonly tracesOtlp?: string;
  /** Prometheus query API of the cluster's own Prometheus. */
  readonly metricsQuery?: string;
  /** Prometheus-compatible query API of the long-term metrics store, a Grafana `prometheus` datasource. */
  readonly longTermMetricsQuery?: string;
  /** Prometheus remote-write API of the long-term metrics store. */
  readonly metricsRemoteWrite?: string;
  /** Vault's API, for Kubernetes-auth logins and the CSI provider. */
  readonly vault?: string;
}

/** What a component or an app contributes to the cluster's context. */
export interface Provisions {
  readonly ingressClasses?: readonly Omit<IngressClassInfo, 'providedBy'>[];
  readonly storageClasses?: readonly Omit<StorageClassInfo, 'providedBy'>[];
  readonly awsWorkloads?: readonly Omit<AwsWorkloadInfo, 'providedBy'>[];
  readonly services?: ServiceEndpoints;
  /** cert-manager ClusterIssuers Ingresses may name. */
  readonly clusterIssuers?: readonly string[];
  /** Cloud resources it uses. */
  readonly uses?: CloudUses;
  /** CSI drivers it runs, by provisioner name (`ebs.csi.aws.com`), beyond those of its StorageClasses. */
  readonly provisioners?: readonly string[];
}

/** The StorageClasses and CSI drivers every AKS cluster has (sources below). */
const AKS_STORAGE: Provisions = {
  storageClasses: [
    { name: 'default', provisioner: 'disk.csi.azure.com', default: true },
    { name: 'managed-csi-premium', provisioner: 'disk.csi.azure.com', default: false },
    { name: 'azurefile-csi', provisioner: 'file.csi.azure.com', default: false },
    { name: 'azurefile-csi-premium', provisioner: 'file.csi.azure.com', default: false },
  ],
  provisioners: ['blob.csi.azure.com'],
};

/**
 * What a distribution brings by itself, before any component: AKS creates its built-in
 * StorageClasses and runs the Azure Disk, Files and (enabled by our Terraform) Blob CSI drivers
 * (learn.microsoft.com/azure/aks/create-volume-azure-disk, "Built-in storage classes": `default`
 * and `managed-csi-premium` on Azure Disks; .../azure-files-csi: `azurefile-csi` and
 * `azurefile-csi-premium`), and with an Application Gateway our Terraform enables its ingress
 * controller add-on, which serves the `azure-application-gateway` IngressClass. EKS, RKE2 and
 * kubeadm bring none that our clusters use: EKS's legacy `gp2` class is not the default since
 * 1.30 and needs the EBS CSI driver anyway; RKE2's bundled ingress-nginx is disabled by our
 * cloud-init whenever the platform installs its own.
 */
export function distributionProvisions(spec: ClusterSpec): Provisions {
  if (spec.distribution !== 'aks') return {};
  return {
    ...AKS_STORAGE,
    ingressClasses: spec.cloud.applicationGateway ? [{ name: 'azure-application-gateway', controller: 'azure-application-gateway' }] : [],
  };
}


/** Names of cloud resources that both sides derive from the spec, bound to one cluster. */
export interface CloudNames {
  /** ARN of a workload's IAM role (IRSA), as Terraform names it. */
  roleArn(workload: string): string;
  /** S3 bucket or Blob container of a purpose such as `loki-chunks`. */
  bucket(purpose: string): string;
  /** Secrets Manager secret with a database's credentials. */
  databaseSecret(database: string): string;
  /** Azure storage account of a purpose such as `files`. */
  storageAccount(purpose: string): string;
  /** Azure resource group of the cluster. */
  readonly resourceGroup: string;
  /** Regional S3 endpoint object-storage clients use. */
  readonly s3Endpoint: string;
}

/**
 * What components and apps need from each other and from the cloud side, in one typed object:
 * the classes and services the cluster offers, the IAM workloads it runs and the names of cloud
 * resources. Built once per cluster from the spec and what each registered entry provides.
 */
export interface ClusterContext {
  readonly spec: ClusterSpec;
  /** True when the cluster's `platform:` has an entry of that name. */
  has(component: string): boolean;
  readonly ingressClasses: readonly IngressClassInfo[];
  /** The class a controller serves on this cluster, if any. */
  ingressClass(controller: IngressController): IngressClassInfo | undefined;
  /**
   * The cloud's own layer-7 load balancer and the subnets it reaches pods from: the AWS Load
   * Balancer Controller's ALB on AWS, the Application Gateway on Azure.
   */
  readonly cloudLoadBalancer: { readonly controller: IngressController; readonly subnetCidrs: readonly string[] };
  readonly storageClasses: readonly StorageClassInfo[];
  readonly defaultStorageClass: StorageClassInfo | undefined;
  /** CSI provisioners running on the cluster: the distribution's and the components'. */
  readonly provisioners: readonly string[];
  readonly awsWorkloads: readonly AwsWorkloadInfo[];
  awsWorkload(name: string): AwsWorkloadInfo | undefined;
  readonly services: ServiceEndpoints;
  /** The component (or app) that serves each service. */
  readonly serviceProviders: { readonly [K in keyof ServiceEndpoints]?: string };
  readonly clusterIssuers: readonly string[];
  /** Every cloud resource some component or app uses, with who uses it. */
  readonly uses: { readonly [K in keyof CloudUses]-?: ReadonlyMap<string, readonly string[]> };
  readonly names: CloudNames;
  /** Replica count for the cluster's environment. */
  replicas(perEnvironment: Readonly<Record<ClusterSpec['environment'], number>>): number;
}

const CLOUD_LOAD_BALANCER: Record<ClusterSpec['provider']['cloud'], { controller: IngressController; subnetRole: SubnetSpec['role'] }> = {
  aws: { controller: 'alb', subnetRole: 'public' },
  azure: { controller: 'azure-application-gateway', subnetRole: 'app-gateway' },
};

/** Something provided twice where only one may be: two components serving one service, say. */
export interface ProvisionConflict {
  readonly what: string;
  readonly first: string;
  readonly second: string;
}

/**
 * The context of a cluster whose entries passed their schemas: every registered entry's
 * provisions, in registry order (platform components, then apps in the order listed), so that
 * what is derived from it does not depend on the order of the cluster's lists.
 */
export function clusterContext(spec: ClusterSpec, registry: SpecRegistry): ClusterContext {
  return buildContext(spec, registry).context;
}

/** The context and the conflicts found while building it (reported by the spec rules). */
export function buildContext(spec: ClusterSpec, registry: SpecRegistry): { context: ClusterContext; conflicts: ProvisionConflict[] } {
  const conflicts: ProvisionConflict[] = [];
  const ingressClasses: IngressClassInfo[] = [];
  const storageClasses: StorageClassInfo[] = [];
  const awsWorkloads: AwsWorkloadInfo[] = [];
  const clusterIssuers: string[] = [];
  const provisioners = new Set<string>();
  const uses = { buckets: new Map<string, string[]>(), databases: new Map<string, string[]>(), fileSystems: new Map<string, string[]>(), caches: new Map<string, string[]>() };
  const services: Record<string, string> = {};
  const serviceOwners = new Map<string, string>();

  const add = (by: string, provisions: Provisions): void => {
    const unique = <T extends { name: string }>(into: (T & { providedBy: string })[], items: readonly T[] | undefined, what: string): void => {
      for (const item of items ?? []) {
        const other = into.find((i) => i.name === item.name);
        if (other) conflicts.push({ what: `${what} "${item.name}"`, first: other.providedBy, second: by });
        else into.push({ ...item, providedBy: by });
      }
    };
    unique(ingressClasses, provisions.ingressClasses, 'IngressClass');
    unique(storageClasses, provisions.storageClasses, 'StorageClass');
    unique(awsWorkloads, provisions.awsWorkloads, 'AWS workload');
    clusterIssuers.push(...(provisions.clusterIssuers ?? []));
    for (const p of [...(provisions.provisioners ?? []), ...(provisions.storageClasses ?? []).map((c) => c.provisioner)]) provisioners.add(p);
    for (const kind of Object.keys(uses) as (keyof typeof uses)[]) {
      for (const name of provisions.uses?.[kind] ?? []) uses[kind].set(name, [...(uses[kind].get(name) ?? []), by]);
    }
    for (const [key, url] of Object.entries(provisions.services ?? {})) {
      if (url === undefined) continue;
      const owner = serviceOwners.get(key);
      if (owner !== undefined) conflicts.push({ what: `service ${key}`, first: owner, second: by });
      else {
        serviceOwners.set(key, by);
        services[key] = url;
      }
    }
  };

  add(spec.distribution, distributionProvisions(spec));
  for (const definition of registry.platform) {
    const entry = spec.platform.find((p) => p.name === definition.name);
    const provides = (definition as { provides?: (e: PlatformEntry, s: ClusterSpec) => Provisions }).provides;
    if (entry && provides) add(entry.name, provides(entry, spec));
  }
  for (const app of spec.apps) {
    const provides = registeredApp(registry, app.chart)?.provides;
    if (provides) add(app.name, provides(app as AppEntry, spec));
  }

  const present = new Set(spec.platform.map((p) => p.name));
  const lb = CLOUD_LOAD_BALANCER[spec.provider.cloud];
  const defaults = storageClasses.filter((s) => s.default);
  if (defaults.length > 1) conflicts.push({ what: 'the default StorageClass', first: `${defaults[0]!.name} (${defaults[0]!.providedBy})`, second: `${defaults[1]!.name} (${defaults[1]!.providedBy})` });
  const context: ClusterContext = {
    spec,
    has: (component) => present.has(component),
    ingressClasses,
    ingressClass: (controller) => ingressClasses.find((c) => c.controller === controller),
    cloudLoadBalancer: { controller: lb.controller, subnetCidrs: spec.network.subnets.filter((s) => s.role === lb.subnetRole).map((s) => s.cidr) },
    storageClasses,
    defaultStorageClass: defaults[0],
    provisioners: [...provisioners].sort(),
    awsWorkloads,
    awsWorkload: (name) => awsWorkloads.find((w) => w.name === name),
    services,
    serviceProviders: Object.fromEntries(serviceOwners),
    clusterIssuers,
    uses,
    names: {
      roleArn: (workload) => awsRoleArn(spec, workload),
      bucket: (purpose) => bucketName(spec, purpose),
      databaseSecret: (database) => databaseSecretName(spec, database),
      storageAccount: (purpose) => storageAccountName(spec, purpose),
      resourceGroup: azureResourceGroupName(spec),
      s3Endpoint: s3Endpoint(spec),
    },
    replicas: (perEnvironment) => perEnvironment[spec.environment],
  };
  return { context, conflicts };
}

/** Service accounts allowed to assume a workload's role, as IRSA subjects (`system:serviceaccount:ns:name`). */
export function awsWorkloadSubjects(context: ClusterContext, workload: string): string[] {
  return (context.awsWorkload(workload)?.serviceAccounts ?? []).map((account) => `system:serviceaccount:${account}`);
}

/** Namespace:* for an app's service accounts: its pods may use any account of its namespace. */
export function appServiceAccounts(app: Pick<AppEntry, 'name' | 'namespace'>): string {
  return `${appNamespace(app)}:*`;
}
