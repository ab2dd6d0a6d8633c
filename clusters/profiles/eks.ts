import { composeCluster, type ClusterLayer } from '@wavesmith/model';
import { fleet } from './fleet.js';

/** Any EKS cluster. */
export const eks: ClusterLayer = composeCluster(fleet, {
  distribution: 'eks',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  kubernetesVersion: '1.33',
  network: { adminCidrs: ['203.0.113.0/24'] },
  // Volumes on EKS need the EBS CSI driver: the managed add-on plus the default `ebs-gp3` class.
  platform: [{ name: 'ebs-csi-driver' }],
});
