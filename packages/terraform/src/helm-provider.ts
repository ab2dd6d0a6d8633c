import { fn, type Body } from './expression.js';
import type { Resource, Stack } from './stack.js';

/**
 * How a provider reaches an EKS API as the identity running Terraform, which the cluster makes an
 * admin (access_config.bootstrap_cluster_creator_admin_permissions). The token comes from
 * `aws eks get-token` at each run, so no credential is stored in the state.
 */
export function eksApiAccess(cluster: Resource<'aws_eks_cluster'>, region: string): Body {
  return {
    host: cluster.attr('endpoint'),
    cluster_ca_certificate: fn.base64decode(cluster.attr('certificate_authority[0].data')),
    exec: { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--region', region, '--cluster-name', cluster.attr('name')] },
  };
}

/** The helm provider reaching an EKS API (eksApiAccess). */
export function helmOnEks(stack: Stack, cluster: Resource<'aws_eks_cluster'>, region: string): void {
  stack.provider('helm', { kubernetes: eksApiAccess(cluster, region) });
}

/** The helm provider reaching an AKS API with the cluster's own client certificate, read from the cluster resource. */
export function helmOnAks(stack: Stack, cluster: Resource<'azurerm_kubernetes_cluster'>): void {
  const kube = (field: string) => fn.base64decode(cluster.attr(`kube_config[0].${field}`));
  stack.provider('helm', {
    kubernetes: {
      host: cluster.attr('kube_config[0].host'),
      client_certificate: kube('client_certificate'),
      client_key: kube('client_key'),
      cluster_ca_certificate: kube('cluster_ca_certificate'),
    },
  });
}
