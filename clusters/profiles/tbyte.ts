import { composeCluster, type ClusterLayer } from '@wavesmith/model';
import { eks, threeZoneVpc } from './eks.js';

/** The TByte microservices platform (seed 002), shared by its dev and prod clusters. */
export const tbyte: ClusterLayer = composeCluster(eks, threeZoneVpc, {
  network: {
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
    // Seed 002: Loki keeps its chunks in S3.
    { name: 'loki', storage: 's3' },
    { name: 'promtail' },
    { name: 'vault' },
  ],
  // React frontend and Node.js API (2 to 5 replicas each, scaled by KEDA) and PostgreSQL.
  apps: [
    {
      name: 'tbyte',
      chart: 'tbyte',
      frontend: { image: 'ghcr.io/chiju/tbyte-frontend:1.0.0' },
      backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0' },
    },
  ],
  cloud: {
    // Seed 002 draws both an in-cluster PostgreSQL StatefulSet and a Multi-AZ encrypted RDS, with
    // the backend on RDS: each cluster says where its database runs (`instance`). The backend
    // reads the credentials secret either way.
    databases: [{ name: 'tbyte', multiAz: true, readers: ['backend'] }],
    buckets: [
      { purpose: 'loki-chunks', access: ['loki'] },
      { purpose: 'loki-ruler', access: ['loki'] },
    ],
  },
});
