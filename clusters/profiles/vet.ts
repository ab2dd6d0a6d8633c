import { composeCluster, type ClusterLayer } from '@wavesmith/model';
import { fleet } from './fleet.js';

/**
 * RKE2 with Rancher on EC2 hosting the veterinary app (seed 001). The seed pins Rancher 2.7.9
 * from rancher-latest, whose chart admits Kubernetes below 1.27 only (kubeVersion "< 1.27.0-0"
 * in its Chart.yaml at tag v2.7.9); the seed names no Kubernetes version. Keeping the seed's
 * Rancher, the cluster runs the newest release that chart accepts: RKE2 v1.26.15+rke2r1.
 * (Rancher 2.8.0, the nearest chart admitting 1.27, would change the one version the seed pins.)
 */
export const vet: ClusterLayer = composeCluster(fleet, {
  distribution: 'rke2',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  kubernetesVersion: '1.26',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.1.0/24', role: 'public', zone: 'a' },
      { name: 'public-b', cidr: '10.0.2.0/24', role: 'public', zone: 'b' },
      { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.11.0/24', role: 'private', zone: 'b' },
    ],
    adminCidrs: ['203.0.113.0/24'],
  },
  // RKE2 servers run the control plane only (RKE2's CriticalAddonsOnly taint): the agents' pods
  // reach their node role for the EBS CSI driver, and none of them may reach the server's, which
  // reads the cluster's join token.
  nodePools: [{ name: 'server', taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoExecute' }] }],
  platform: [
    { name: 'cert-manager', letsEncrypt: { email: 'platform@vet-app.example.com' } },
    { name: 'ingress-nginx' },
    { name: 'rancher' },
    // Seed 001: the app's volume is of StorageClass `standard` on AWS EBS; RKE2 brings no storage driver.
    { name: 'ebs-csi-driver', storageClasses: [{ name: 'standard', default: true }] },
  ],
  apps: [{ name: 'vet-app', chart: 'vet-app', image: 'ghcr.io/wavesmith-examples/vet-app:1.0.0', replicas: 2 }],
  // Seed 001: internet-facing ALB to the nodes on 443 (health-checked where ingress-nginx answers
  // whatever the host, not Rancher's host-routed /ping); Calico as the CNI; records per cluster.
  cloud: { loadBalancer: { targetPort: 443 }, rke2: { cni: 'calico' } },
});
