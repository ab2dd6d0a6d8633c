import { describe, expect, it } from 'vitest';
import { kubeVersionFits } from '@wavesmith/model';
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
    expect(issues(RKE2_BASE, { platform: [{ name: 'secrets-store-csi-driver', providers: ['aws'] }, { name: 'loki', storage: 's3' }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/providers/0: got "aws"; allowed: "vault": the AWS provider reads Secrets Manager with an IRSA role, which needs eks (not rke2)',
      'clusters/test.ts [cluster test-rke2] /platform/2/storage: got "s3"; allowed: "filesystem": S3 storage is reached with an IRSA role, which needs eks (not rke2)',
    ]);
  });

  it("rejects the Vault CSI provider on a cluster without Vault to read from", () => {
    expect(issues(RKE2_BASE, { platform: [{ name: 'secrets-store-csi-driver', providers: ['vault'] }] })).toEqual([
      'clusters/test.ts [cluster test-rke2] /platform/1/providers/0: got "vault"; allowed: a provider whose secret store is on the cluster: "vault" needs platform "vault" to read from',
    ]);
    expect(issues(RKE2_BASE, { platform: [{ name: 'secrets-store-csi-driver', providers: ['vault'] }, { name: 'vault' }] })).toEqual([]);
  });

  it('rejects the Cluster Autoscaler on a Kubernetes minor other than the one its pinned release is meant for', () => {
    expect(issues(EKS_BASE, { platform: [{ name: 'cluster-autoscaler' }] })).toEqual([]);
    expect(issues(EKS_BASE, { kubernetesVersion: '1.32', platform: [{ name: 'cluster-autoscaler' }] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/name: got "cluster-autoscaler"; allowed: a Kubernetes 1.33 cluster: chart 9.47.0 runs Cluster Autoscaler 1.33.0, meant for 1.33 only, and this cluster runs 1.32',
    ]);
  });

  it('pins every chart to the version its facts were read at, with where they were read', () => {
    for (const c of CATALOGUE.filter((d) => d.chart)) {
      expect([c.chart!.chart, c.chart!.version], c.name).toEqual([c.chart!.facts.chart, c.chart!.facts.version]);
      expect(c.chart!.facts.source.commit, c.name).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('knows from its facts that Rancher 2.7.9 renders on Kubernetes 1.26 but not 1.27', () => {
    const facts = CATALOGUE.find((c) => c.name === 'rancher')!.chart!.facts;
    expect(facts.kubeVersion).toEqual({ range: '< 1.27.0-0', file: 'Chart.yaml' });
    expect([kubeVersionFits(facts, '1.26'), kubeVersionFits(facts, '1.26.15'), kubeVersionFits(facts, '1.27'), kubeVersionFits(facts, '1.27.0')]).toEqual([true, true, false, false]);
  });

  it('rejects two Karpenter node pools of one name', () => {
    expect(issues(EKS_BASE, { platform: [{ name: 'karpenter', nodePools: [{ name: 'spot' }, { name: 'spot' }] }] })).toEqual([
      'clusters/test.ts [cluster test-eks] /platform/1/nodePools/1/name: got "spot"; allowed: a Karpenter node pool name not already used (/platform/1/nodePools/0 is also named "spot")'.replace('(/platform/1/nodePools/0', '(/nodePools/0'),
    ]);
  });
});
