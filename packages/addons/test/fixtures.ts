import { clusterContext, composeCluster, validateCluster, type ClusterLayer, type Finding, type ClusterSpec, type ComponentPlan, type SpecRegistry } from '@wavesmith/model';
import { CATALOGUE, platformComponents, type ComponentDefinition } from '../src/index.js';

/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (file: string) => (f: Finding) => `${file} [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;

/** The catalogue, without business apps. */
export const REGISTRY: SpecRegistry & { platform: readonly ComponentDefinition[] } = { platform: CATALOGUE as readonly ComponentDefinition[], apps: [] };

/** A small valid EKS cluster; layers on top change what a test is about. */
export const EKS_BASE: ClusterLayer = {
  name: 'test-eks',
  environment: 'dev',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  distribution: 'eks',
  kubernetesVersion: '1.33',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.0.0/20', role: 'public', zone: 'a' },
      { name: 'private-a', cidr: '10.0.64.0/19', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.96.0/19', role: 'private', zone: 'b' },
    ],
    natGateways: 'single',
    adminCidrs: ['203.0.113.0/24'],
  },
  nodePools: [{ name: 'system', instanceTypes: ['t3.medium'], image: 'bottlerocket', minSize: 2, maxSize: 3, diskGiB: 50 }],
  gitops: { repoURL: 'https://github.com/example/fleet.git', targetRevision: 'main' },
  platform: [{ name: 'argocd' }],
  apps: [],
  cloud: {},
};

/** A self-managed RKE2 cluster on EC2, as the vet clusters are. */
export const RKE2_BASE: ClusterLayer = composeCluster(EKS_BASE, {
  name: 'test-rke2',
  distribution: 'rke2',
  kubernetesVersion: '1.27',
  nodePools: [
    { name: 'system', role: 'control-plane', image: 'ubuntu-22.04' },
    { name: 'agent', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 2, maxSize: 2, diskGiB: 50 },
  ],
});

/** Validates like the compiler does (defaults filled in); fails the test with every issue otherwise. */
export function cluster(...layers: readonly ClusterLayer[]): ClusterSpec {
  const result = validateCluster(composeCluster(...layers), 'clusters/test.ts', REGISTRY);
  if (!result.spec) throw new Error(result.findings.map(asLine('clusters/test.ts')).join('\n'));
  return result.spec;
}

/** Every problem of a cluster made of `layers`, formatted. */
export function issues(...layers: readonly ClusterLayer[]): string[] {
  return validateCluster(composeCluster(...layers), 'clusters/test.ts', REGISTRY).findings.map(asLine('clusters/test.ts'));
}

/** The platform plans of a validated cluster, as the compiler makes them. */
export function plansOf(spec: ClusterSpec): ComponentPlan[] {
  return platformComponents(clusterContext(spec, REGISTRY), REGISTRY.platform);
}

