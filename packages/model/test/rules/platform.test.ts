import { describe, expect, it } from 'vitest';
import { composeCluster, formatIssue, validateCluster, type ClusterLayer } from '../../src/index.js';

const BASE: ClusterLayer = {
  name: 'lab',
  environment: 'dev',
  provider: { cloud: 'aws', region: 'us-east-1', accountId: '111122223333' },
  distribution: 'rke2',
  kubernetesVersion: '1.27',
  network: {
    cidr: '10.0.0.0/16',
    subnets: [
      { name: 'public-a', cidr: '10.0.1.0/24', role: 'public', zone: 'a' },
      { name: 'private-a', cidr: '10.0.10.0/24', role: 'private', zone: 'a' },
    ],
    natGateways: 'single',
    adminCidrs: ['203.0.113.0/24'],
  },
  nodePools: [
    { name: 'server', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 50 },
    { name: 'agent', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 2, maxSize: 2, diskGiB: 50 },
  ],
  gitops: { repoURL: 'https://github.com/example/fleet.git', targetRevision: 'main' },
  platform: [{ name: 'argocd' }],
  apps: [],
  cloud: {},
};

const issues = (...layers: ClusterLayer[]) => validateCluster(composeCluster(BASE, ...layers), 'clusters/lab.ts').issues.map(formatIssue);
const RANCHER: ClusterLayer = { platform: [{ name: 'cert-manager' }, { name: 'ingress-nginx' }, { name: 'rancher', hostname: 'rancher.example.com' }] };

describe('platform rules', () => {
  it('accept Rancher with its dependencies on Kubernetes 1.27 and fill option defaults', () => {
    const result = validateCluster(composeCluster(BASE, RANCHER), 'clusters/lab.ts');
    expect(result.issues).toEqual([]);
    expect(result.spec?.platform.find((c) => c.name === 'rancher')).toEqual({
      name: 'rancher',
      hostname: 'rancher.example.com',
      replicas: { dev: 1, staging: 3, prod: 3 },
      values: {},
    });
  });

  it('rejects a misspelt option and suggests the right one', () => {
    expect(issues({ platform: [{ name: 'argocd' }, { name: 'loki', retentionDay: 7 } as never] })).toContain(
      'clusters/lab.ts [cluster lab] /platform/1/retentionDay: got 7; allowed: did you mean "retentionDays"? known fields here: name, retentionDays, storage, storageGiB, replicas, values',
    );
  });

  it('rejects a component that cannot run on the distribution', () => {
    expect(issues({ platform: [{ name: 'karpenter' }] })).toEqual([
      'clusters/lab.ts [cluster lab] /platform/1/name: got "karpenter"; allowed: a component that runs on rke2; karpenter runs on eks only',
    ]);
  });

  it('rejects Rancher 2.7.9 on Kubernetes 1.28 or later', () => {
    expect(issues(RANCHER, { kubernetesVersion: '1.28' })).toEqual([
      'clusters/lab.ts [cluster lab] /kubernetesVersion: got "1.28"; allowed: at most 1.27 while platform includes rancher (Rancher 2.7.9 supports Kubernetes up to 1.27)',
    ]);
  });

  it('rejects a component without the components it requires', () => {
    expect(issues({ platform: [{ name: 'promtail' }] })).toEqual([
      'clusters/lab.ts [cluster lab] /platform/1/name: got "promtail"; allowed: promtail together with { name: "loki" } in platform',
    ]);
  });

  it('rejects a platform without Argo CD', () => {
    // Named lists merge by name in composeCluster, so the base's argocd entry is replaced here.
    expect(validateCluster({ ...composeCluster(BASE), platform: [{ name: 'keda' }] }, 'clusters/lab.ts').issues.map(formatIssue)).toEqual([
      'clusters/lab.ts [cluster lab] /platform: got ["keda"]; allowed: a list that includes { name: "argocd" }: Argo CD manages itself as the first sync wave',
    ]);
  });

  it('rejects AWS-only options off EKS', () => {
    expect(issues({ platform: [{ name: 'secrets-store-csi-driver' }, { name: 'loki', storage: 's3' }] })).toEqual([
      'clusters/lab.ts [cluster lab] /platform/1/providers/0: got "aws"; allowed: "vault": the AWS provider reads Secrets Manager with an IRSA role, which needs eks (not rke2)',
      'clusters/lab.ts [cluster lab] /platform/2/storage: got "s3"; allowed: "filesystem": S3 storage is reached with an IRSA role, which needs eks (not rke2)',
    ]);
  });
});
