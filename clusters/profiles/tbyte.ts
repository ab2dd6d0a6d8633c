import { composeCluster, type ClusterLayer } from '@wavesmith/model';
import { eks } from './eks.js';

/** The TByte microservices platform (seed 002), shared by its dev and prod clusters. */
export const tbyte: ClusterLayer = composeCluster(eks, {
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.0.0/20', role: 'public', zone: 'a' },
      { name: 'public-b', cidr: '10.0.16.0/20', role: 'public', zone: 'b' },
      { name: 'public-c', cidr: '10.0.32.0/20', role: 'public', zone: 'c' },
      { name: 'private-a', cidr: '10.0.64.0/19', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.96.0/19', role: 'private', zone: 'b' },
      { name: 'private-c', cidr: '10.0.128.0/19', role: 'private', zone: 'c' },
    ],
    serviceCidr: '172.20.0.0/16',
  },
  nodePools: [
    // Karpenter provisions the application nodes; this group only hosts the controllers.
    { name: 'system', instanceTypes: ['t3.medium'], image: 'bottlerocket', minSize: 2, maxSize: 3, desiredSize: 2, diskGiB: 50 },
  ],
  gitops: { repoURL: 'https://github.com/chiju/tbyte.git', targetRevision: 'main' },
  platform: [
    { name: 'karpenter' },
    { name: 'keda' },
    { name: 'secrets-store-csi-driver' },
    { name: 'kube-prometheus-stack' },
    { name: 'loki' },
    { name: 'promtail' },
    { name: 'vault' },
  ],
  apps: [
    { name: 'frontend', chart: 'web-service', replicas: 2 },
    { name: 'backend', chart: 'web-service', replicas: 2 },
    { name: 'postgres', chart: 'postgres', replicas: 1 },
  ],
});
