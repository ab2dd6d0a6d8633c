import type { ClusterLayer } from '@wavesmith/model';

/** Any EKS cluster: three private and three public subnets, the core controllers, GitOps from this repo. */
export const eks: ClusterLayer = {
  distribution: 'eks',
  provider: { cloud: 'aws' },
  kubernetesVersion: '1.33',
  platform: [{ name: 'argocd' }, { name: 'karpenter' }, { name: 'keda' }, { name: 'secrets-store-csi-driver' }],
};
