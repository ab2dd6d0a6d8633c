import { composeCluster } from '@wavesmith/model';
import { eks } from './profiles/eks.js';

/** The Officeless platform (seed 003): private-endpoint EKS 1.33 on Bottlerocket, one NAT gateway. */
export default composeCluster(eks, {
  name: 'production-cluster',
  environment: 'prod',
  network: {
    cidr: '10.1.0.0/16',
    subnets: [
      { name: 'public-subnet-1a', cidr: '10.1.0.0/20', role: 'public', zone: 'a' },
      { name: 'public-subnet-1b', cidr: '10.1.16.0/20', role: 'public', zone: 'b' },
      { name: 'public-subnet-1c', cidr: '10.1.80.0/20', role: 'public', zone: 'c' },
      { name: 'private-subnet-1a', cidr: '10.1.32.0/20', role: 'private', zone: 'a' },
      { name: 'private-subnet-1b', cidr: '10.1.48.0/20', role: 'private', zone: 'b' },
      { name: 'private-subnet-1c', cidr: '10.1.64.0/20', role: 'private', zone: 'c' },
    ],
    natGateways: 'single',
  },
  nodePools: [
    {
      name: 'worker-nodes',
      instanceTypes: ['t3.xlarge', 'm6i.large'],
      image: 'bottlerocket',
      capacityType: 'on-demand',
      minSize: 3,
      desiredSize: 3,
      maxSize: 6,
      diskGiB: 200,
      maxUnavailable: 1,
      labels: { environment: 'production', workload: 'application' },
    },
  ],
  platform: [
    { name: 'aws-load-balancer-controller' },
    { name: 'ebs-csi-driver' },
    { name: 'efs-csi-driver' },
    { name: 'cluster-autoscaler' },
    { name: 'kube-prometheus-stack' },
    { name: 'mimir' },
    { name: 'loki' },
    { name: 'promtail' },
    { name: 'tempo' },
  ],
});
