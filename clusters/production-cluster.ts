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
    // Seed 003: "IAM Integration: Pod Identity with dedicated IAM role".
    { name: 'aws-load-balancer-controller', identity: 'pod-identity' },
    // Seed 003: StorageClass `efs` with access points on the shared file system.
    { name: 'efs-csi-driver', fileSystem: 'eks-shared-storage' },
    { name: 'cluster-autoscaler' },
    { name: 'kube-prometheus-stack' },
    // Seed 003: metrics, logs and traces are kept in S3.
    { name: 'mimir' },
    { name: 'loki', storage: 's3' },
    { name: 'promtail' },
    { name: 'tempo', storage: 's3' },
  ],
  cloud: {
    // Seed 003: private endpoint only, all control plane logs kept 7 days, EBS CSI as a managed add-on.
    eks: {
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
      logTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      logRetentionDays: 7,
      addons: [
        { name: 'vpc-cni' },
        { name: 'coredns' },
        { name: 'kube-proxy' },
        { name: 'aws-ebs-csi-driver', version: 'v1.42.0-eksbuild.1' },
      ],
    },
    buckets: [
      { purpose: 'mimir-metrics', access: ['mimir'] },
      { purpose: 'mimir-alertmanager', access: ['mimir'] },
      { purpose: 'mimir-ruler', access: ['mimir'] },
      { purpose: 'loki-chunks', access: ['loki'] },
      { purpose: 'loki-ruler', access: ['loki'] },
      { purpose: 'tempo-traces', access: ['tempo'] },
    ],
    fileSystems: [{ name: 'eks-shared-storage', performanceMode: 'generalPurpose', throughputMode: 'bursting' }],
    caches: [{ name: 'valkey' }],
    // Pritunl VPN and Jenkins agent: VPN and web open, SSH from admins, JNLP and registry inside the VPC.
    vpn: {
      subnet: 'public-subnet-1a',
      instanceType: 't3.large',
      image: 'ubuntu-24.04',
      rootVolumeGiB: 20,
      dataVolumeGiB: 20,
      ports: [
        { port: 22, from: 'admin', description: 'SSH' },
        { port: 1194, protocol: 'udp', from: 'anywhere', description: 'OpenVPN' },
        { port: 80, from: 'anywhere', description: 'HTTP' },
        { port: 443, from: 'anywhere', description: 'HTTPS' },
        { port: 50000, from: 'network', description: 'Jenkins agent JNLP' },
        { port: 5000, from: 'network', description: 'Docker registry' },
      ],
    },
  },
  // Seed 003's Valkey serves the Officeless application workloads ("workload = application" nodes),
  // which its Jenkins agent deploys; this fleet renders the platform under them, not them.
  waivers: [
    {
      rule: 'cloud-resource-unused',
      reason: 'Valkey is used by the Officeless application workloads that Jenkins deploys, not by anything this fleet renders',
    },
  ],
});
