import { FILES_STORAGE_PURPOSE, composeCluster, uploadsBucketPurpose, type ClusterLayer } from '@wavesmith/model';
import { eks, threeZoneVpc } from './eks.js';
import { fleet } from './fleet.js';

/** RocketChat with its MongoDB replica set and the full observability stack (seed 000), on either cloud. */
const rocketchat: ClusterLayer = composeCluster(fleet, {
  environment: 'prod',
  platform: [{ name: 'kube-prometheus-stack' }, { name: 'loki' }, { name: 'promtail' }, { name: 'tempo' }],
  // 2 to 5 RocketChat replicas and a 3-member MongoDB replica set; uploads go to S3 or Blob storage by cloud.
  apps: [{ name: 'rocketchat', chart: 'rocketchat', host: 'chat.example.com' }],
});

/** AWS: VPC 10.0.0.0/16 over three zones, a NAT gateway per zone, t3.medium nodes 2 to 4. */
export const rocketchatOnAws: ClusterLayer = composeCluster(eks, threeZoneVpc, rocketchat, {
  network: {
    natGateways: 'one-per-az',
  },
  nodePools: [{ name: 'general', instanceTypes: ['t3.medium'], image: 'al2023', minSize: 2, maxSize: 4, desiredSize: 2, diskGiB: 50 }],
  // Seed 000: 2 to 4 nodes with auto-scaling; EKS managed node groups carry the auto-discovery tags.
  platform: [
    { name: 'aws-load-balancer-controller' },
    { name: 'cluster-autoscaler' },
    // Seed 000's two classes: general gp3, and one for MongoDB whose volumes outlive their claims.
    {
      name: 'ebs-csi-driver',
      storageClasses: [
        { name: 'ebs-gp3', default: true },
        { name: 'mongodb-storage', reclaimPolicy: 'Retain' },
      ],
    },
  ],
  apps: [{ name: 'rocketchat', mongodb: { storageClass: 'mongodb-storage' } }],
  cloud: {
    eks: {
      addons: [{ name: 'vpc-cni' }, { name: 'coredns' }, { name: 'kube-proxy' }, { name: 'aws-ebs-csi-driver' }],
    },
    // File uploads, versioned (seed 000), named as the app's manifests expect.
    buckets: [{ purpose: uploadsBucketPurpose('rocketchat'), access: ['rocketchat'] }],
  },
});

/** Azure: VNet 10.0.0.0/16, AKS nodes in 10.0.1.0/24, Application Gateway in 10.0.2.0/24, Services in 10.1.0.0/16. */
export const rocketchatOnAzure: ClusterLayer = composeCluster(rocketchat, {
  distribution: 'aks',
  provider: { cloud: 'azure', region: 'eastus', subscriptionId: '00000000-0000-4000-8000-000000000000' },
  kubernetesVersion: '1.31.11',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'aks-nodes', cidr: '10.0.1.0/24', role: 'private' },
      { name: 'app-gateway', cidr: '10.0.2.0/24', role: 'app-gateway' },
    ],
    natGateways: 'none',
    serviceCidr: '10.1.0.0/16',
    adminCidrs: ['203.0.113.0/24'],
  },
  nodePools: [{ name: 'general', instanceTypes: ['Standard_B2s'], image: 'ubuntu-22.04', minSize: 2, maxSize: 4, desiredSize: 2, diskGiB: 64 }],
  // Seed 000: MongoDB backed up to cloud storage, nightly, into the backups account.
  apps: [{ name: 'rocketchat', backups: { schedule: '0 2 * * *' } }],
  cloud: {
    // Rocket.Chat listens on 3000 and answers its health probe on /api/v1/info.
    applicationGateway: { backendPort: 3000, healthProbePath: '/api/v1/info' },
    // Seed 000: separate versioned accounts for file uploads and backups.
    storageAccounts: [
      { purpose: FILES_STORAGE_PURPOSE, containers: [uploadsBucketPurpose('rocketchat')] },
      { purpose: 'backups', containers: ['rocketchat-backups'] },
    ],
  },
});
