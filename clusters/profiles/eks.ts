import { chartFacts, composeCluster, type ClusterLayer } from '@wavesmith/model';
import metricsServerFacts from '../facts/metrics-server@3.12.2.json' with { type: 'json' };
import { fleet } from './fleet.js';

/** Any EKS cluster. */
export const eks: ClusterLayer = composeCluster(fleet, {
  distribution: 'eks',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  kubernetesVersion: '1.33',
  network: { adminCidrs: ['203.0.113.0/24'] },
  platform: [
    // Volumes on EKS need the EBS CSI driver: the managed add-on plus the default `ebs-gp3` class.
    { name: 'ebs-csi-driver' },
    // Seed 003 lists Metrics Server: HPAs and KEDA's CPU and memory triggers read the metrics API,
    // which EKS does not serve by itself. Not in the catalogue: added here as a custom component
    // (chart kubernetes-sigs/metrics-server 3.12.2, app v0.7.2), with the facts read at its tag,
    // so its values are checked as the catalogue's are (no kubeVersion range, no CRDs).
    {
      name: 'metrics-server',
      tier: 'core',
      namespace: 'kube-system',
      helm: { repoURL: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
      facts: chartFacts(metricsServerFacts),
      // Two replicas and a disruption budget: autoscaling stops while the metrics API is down.
      values: { replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
    },
  ],
});

/** 10.0.0.0/16 over three zones: a /20 public subnet (load balancers, NAT) and a /19 private subnet (nodes, pods) in each. */
export const threeZoneVpc: ClusterLayer = {
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
  },
};
