import { composeCluster } from '@wavesmith/model';
import { fleet } from './profiles/fleet.js';

/**
 * kubeadm on EC2 with Flannel (seed 004): one t3.medium control plane in the public subnet,
 * three t3.small workers in private subnets. The seed's Flannel range 10.0.0.0/16 is the VPC
 * itself, which would route pod traffic into the VPC; Flannel's own default 10.244.0.0/16 is used.
 */
export default composeCluster(fleet, {
  name: 'kubeadm-lab',
  environment: 'dev',
  distribution: 'kubeadm',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  kubernetesVersion: '1.31',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
      { name: 'private-1', cidr: '10.0.1.0/24', role: 'private', zone: 'a' },
      { name: 'private-2', cidr: '10.0.2.0/24', role: 'private', zone: 'b' },
      { name: 'private-3', cidr: '10.0.3.0/24', role: 'private', zone: 'c' },
    ],
    natGateways: 'single',
    podCidr: '10.244.0.0/16',
    adminCidrs: ['203.0.113.10/32'],
  },
  nodePools: [
    { name: 'control-plane', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 30, subnetRole: 'public' },
    { name: 'workers', instanceTypes: ['t3.small'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 30 },
  ],
  // Prometheus and Loki keep their data on volumes: kubeadm brings no storage driver, so the EBS
  // CSI driver provides the default `ebs-gp3` class (seed 004's "EBS volumes with dynamic provisioning").
  platform: [{ name: 'ebs-csi-driver' }, { name: 'kube-prometheus-stack' }, { name: 'loki' }, { name: 'promtail' }],
});
