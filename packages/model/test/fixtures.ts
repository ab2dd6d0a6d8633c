import type { ClusterLayer } from '../src/index.js';

/** A small valid EKS cluster that tests change one field of at a time. */
export const validCluster = {
  name: 'demo',
  environment: 'dev',
  provider: { cloud: 'aws', region: 'eu-west-1', accountId: '123456789012' },
  distribution: 'eks',
  kubernetesVersion: '1.33',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
      { name: 'public-b', cidr: '10.0.1.0/24', role: 'public', zone: 'b' },
      { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.11.0/24', role: 'private', zone: 'b' },
    ],
    adminCidrs: ['198.51.100.0/24'],
  },
  nodePools: [{ name: 'general', instanceTypes: ['t3.medium'], image: 'al2023', minSize: 2, maxSize: 4, diskGiB: 50 }],
  gitops: { repoURL: 'https://example.com/fleet.git', targetRevision: 'main' },
  platform: [{ name: 'argocd' }],
  apps: [],
  cloud: {},
} satisfies ClusterLayer;

/** A deep copy of the valid cluster with `edit` applied to it. */
export function clusterWith(edit: (spec: any) => void): unknown {
  const spec = structuredClone(validCluster);
  edit(spec);
  return spec;
}
