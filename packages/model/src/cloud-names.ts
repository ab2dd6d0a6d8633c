import type { ClusterSpec } from './spec.js';

/**
 * Names of cloud resources that both sides need: Terraform creates them, chart values and
 * service account annotations point at them. Derived here, in one place, from the spec; never
 * typed twice. Extend by adding functions, never by building these strings elsewhere.
 */

/** IAM role of a workload that calls AWS APIs (a controller, or an app's pods), assumed through IRSA. */
export function awsRoleName(spec: Pick<ClusterSpec, 'name'>, workload: string): string {
  return `${spec.name}-${workload}`;
}

export function awsRoleArn(spec: Pick<ClusterSpec, 'name' | 'provider'>, workload: string): string {
  if (spec.provider.accountId === undefined) throw new Error(`cluster ${spec.name}: provider.accountId is needed to name IAM role ARNs`);
  return `arn:aws:iam::${spec.provider.accountId}:role/${awsRoleName(spec, workload)}`;
}

/** S3 bucket or Azure blob container for a purpose such as `loki-chunks`; bucket names are global, so the cluster prefixes them. */
export function bucketName(spec: Pick<ClusterSpec, 'name'>, purpose: string): string {
  return `${spec.name}-${purpose}`;
}

/** IAM role the nodes Karpenter launches run as (referenced by EC2NodeClass). */
export function karpenterNodeRoleName(spec: Pick<ClusterSpec, 'name'>): string {
  return `${spec.name}-karpenter-node`;
}

/** SQS queue Karpenter watches for spot interruptions and rebalance events. */
export function karpenterInterruptionQueueName(spec: Pick<ClusterSpec, 'name'>): string {
  return `${spec.name}-karpenter`;
}

/** Tag value Karpenter uses to discover the cluster's subnets and security groups. */
export function discoveryTag(spec: Pick<ClusterSpec, 'name'>): { readonly key: string; readonly value: string } {
  return { key: 'karpenter.sh/discovery', value: spec.name };
}

/** Secrets Manager secret (AWS) holding a database's connection credentials; read by apps through the CSI driver. */
export function databaseSecretName(spec: Pick<ClusterSpec, 'name'>, database: string): string {
  return `${spec.name}/${database}/credentials`;
}

/** Where a cluster's Terraform state lives: one S3 bucket per account, or one Azure storage account per subscription. */
export type TerraformStateLocation =
  | { readonly backend: 's3'; readonly bucket: string; readonly key: string; readonly region: string }
  | { readonly backend: 'azurerm'; readonly resourceGroupName: string; readonly storageAccountName: string; readonly containerName: string; readonly key: string };

export function terraformStateLocation(spec: Pick<ClusterSpec, 'name' | 'provider'>): TerraformStateLocation {
  const { provider } = spec;
  if (provider.cloud === 'aws') {
    if (provider.accountId === undefined) throw new Error(`cluster ${spec.name}: provider.accountId is needed to name the Terraform state bucket`);
    return { backend: 's3', bucket: `wavesmith-tfstate-${provider.accountId}`, key: `${spec.name}/terraform.tfstate`, region: provider.region };
  }
  if (provider.subscriptionId === undefined) throw new Error(`cluster ${spec.name}: provider.subscriptionId is needed to name the Terraform state account`);
  return {
    backend: 'azurerm',
    resourceGroupName: 'rg-wavesmith-tfstate',
    // Storage account names are global, 3-24 lowercase letters and digits.
    storageAccountName: `wstfstate${provider.subscriptionId.replace(/-/g, '').slice(0, 12)}`,
    containerName: 'tfstate',
    key: `${spec.name}.tfstate`,
  };
}

/** CloudWatch log group EKS writes control plane logs to; EKS picks it by this exact name. */
export function eksClusterLogGroupName(spec: Pick<ClusterSpec, 'name'>): string {
  return `/aws/eks/${spec.name}/cluster`;
}

/** Azure resource group holding everything of one cluster. */
export function azureResourceGroupName(spec: Pick<ClusterSpec, 'name'>): string {
  return `rg-${spec.name}`;
}

/** Azure storage account for a purpose (`files`); global, so prefixed by the cluster; at most 24 letters and digits. */
export function storageAccountName(spec: Pick<ClusterSpec, 'name'>, purpose: string): string {
  return `${spec.name.replace(/-/g, '')}${purpose}`;
}

/** Purpose of the bucket (S3) or Blob container (Azure) an app's file uploads go to; the cluster declares it under that purpose. */
export function uploadsBucketPurpose(appName: string): string {
  return `${appName}-uploads`;
}

/** Storage account purpose that holds the Blob containers of file uploads on Azure. */
export const FILES_STORAGE_PURPOSE = 'files';

/** Fully qualified host of a `cloud.dns` record (`dev.vet-app` in `example.com`), as the Route 53 records and ACM certificate name it. */
export function dnsRecordHost(zone: string, record: string): string {
  return `${record}.${zone}`;
}

/** Regional S3 endpoint the object-storage clients (Tempo, Mimir) are pointed at. */
export function s3Endpoint(spec: Pick<ClusterSpec, 'provider'>): string {
  return `s3.${spec.provider.region}.amazonaws.com`;
}
