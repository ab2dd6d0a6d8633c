import type { ClusterSpec } from './spec.js';

/**
 * Names of cloud resources that both sides need: Terraform creates them, chart values and
 * service account annotations point at them. Derived here, in one place, from the spec; never
 * typed twice. Extend by adding functions, never by building these strings elsewhere.
 */

/** Workloads that get their own IAM role (EKS Pod Identity or IRSA). */
export type AwsWorkload =
  | 'karpenter'
  | 'aws-load-balancer-controller'
  | 'ebs-csi-driver'
  | 'efs-csi-driver'
  | 'cluster-autoscaler'
  | 'secrets-store-csi-aws'
  | 'loki'
  | 'tempo'
  | 'mimir'
  | 'backend'
  | 'rocketchat';

export function awsRoleName(spec: Pick<ClusterSpec, 'name'>, workload: AwsWorkload): string {
  return `${spec.name}-${workload}`;
}

export function awsRoleArn(spec: Pick<ClusterSpec, 'name' | 'provider'>, workload: AwsWorkload): string {
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
