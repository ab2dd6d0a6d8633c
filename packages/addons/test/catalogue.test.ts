import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/index.js';
import { EKS_BASE, RKE2_BASE, issues } from './fixtures.js';

const RANCHER = { platform: [{ name: 'cert-manager' }, { name: 'ingress-nginx' }, { name: 'rancher', hostname: 'rancher.example.com' }] } as const;

describe('the catalogue', () => {
  it('has one entry per component name, each with a description, a tier and a namespace', () => {
    const names = CATALOGUE.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of CATALOGUE) expect([c.description.length > 20, c.tier, c.namespace.length > 0], c.name).toEqual([true, expect.any(String), true]);
  });

  it('accepts Rancher with its dependencies on RKE2', () => {
    expect(issues(RKE2_BASE, RANCHER)).toEqual([]);
  });

  it('rejects a misspelt option and suggests the right one', () => {
    expect(issues(EKS_BASE, { platform: [{ name: 'loki', retentionDay: 7 } as never] })).toContain(
      'clusters/test.ts [cluster test-rke2] /platform/1/retentionDay: got 7; allowed: did you mean "retentionDays"? known fields here: name, retentionDays, storage, storageGiB, replicas, values'.replace('test-rke2', 'test-eks'),
    );
  });

  it('rejects a component that cannot run on the distribution', () => {
    expect(issues(RKE2_BASE, { platform: [{ name: 'karpenter' }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/name: got "karpenter"; allowed: a component that runs on rke2; karpenter runs on eks only',
    ]);
  });

  it('rejects Rancher 2.7.9 on Kubernetes 1.28 or later', () => {
    expect(issues(RKE2_BASE, RANCHER, { kubernetesVersion: '1.28' })).toEqual([
      'clusters/test.ts [cluster test-rke2] /kubernetesVersion: got "1.28"; allowed: at most 1.27 while platform includes rancher (Rancher 2.7.9 supports Kubernetes up to 1.27)',
    ]);
  });

  it('rejects Rancher without cert-manager and ingress-nginx, saying why', () => {
    expect(issues(RKE2_BASE, { platform: [{ name: 'rancher', hostname: 'rancher.example.com' }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/name: got "rancher"; allowed: rancher together with { name: "cert-manager" } in platform: the chart issues its certificate through cert-manager',
      'clusters/test.ts [cluster test-rke2] /platform/1/name: got "rancher"; allowed: rancher together with { name: "ingress-nginx" } in platform: the chart exposes Rancher through an nginx Ingress',
    ]);
  });

  it('rejects promtail without a log store to push to', () => {
    expect(issues(RKE2_BASE, { platform: [{ name: 'promtail' }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/name: got "promtail"; allowed: promtail together with a log store that takes pushes (the catalogue\'s loki)',
    ]);
  });

  it('rejects AWS-only options off EKS', () => {
    expect(issues(RKE2_BASE, { platform: [{ name: 'secrets-store-csi-driver' }, { name: 'loki', storage: 's3' }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/providers/0: got "aws"; allowed: "vault": the AWS provider reads Secrets Manager with an IRSA role, which needs eks (not rke2)',
      'clusters/test.ts [cluster test-rke2] /platform/2/storage: got "s3"; allowed: "filesystem": S3 storage is reached with an IRSA role, which needs eks (not rke2)',
    ]);
  });

  it('rejects two Karpenter node pools of one name', () => {
    expect(issues(EKS_BASE, { platform: [{ name: 'karpenter', nodePools: [{ name: 'spot' }, { name: 'spot' }] }] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/nodePools/1/name: got "spot"; allowed: a Karpenter node pool name not already used (/platform/1/nodePools/0 is also named "spot")'.replace('(/platform/1/nodePools/0', '(/nodePools/0'),
    ]);
  });
});
