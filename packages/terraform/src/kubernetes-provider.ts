import { eksApiAccess } from './helm-provider.js';
import type { Resource, Stack } from './stack.js';

/**
 * The kubernetes provider reaching an EKS API as the identity running Terraform (eksApiAccess;
 * hashicorp/kubernetes v3 docs/index.md "Exec plugins"), for the objects only Terraform can
 * write because they name what Terraform creates.
 */
export function kubernetesOnEks(stack: Stack, cluster: Resource<'aws_eks_cluster'>, region: string): void {
  stack.provider('kubernetes', eksApiAccess(cluster, region));
}
