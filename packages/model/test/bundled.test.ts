import { describe, expect, it } from 'vitest';
import { bundledComponents, bundledOverlaps, rke2Replaced, type ClusterSpec, type ComponentPlan } from '../src/index.js';

/** Only the fields bundledComponents reads: the distribution and the EKS add-ons. */
const spec = (distribution: ClusterSpec['distribution'], addons?: readonly string[]) =>
  ({ distribution, cloud: addons ? { eks: { addons: addons.map((name) => ({ name })) } } : {} }) as unknown as ClusterSpec;
const plan = (name: string, chart?: string): ComponentPlan => ({
  name,
  tier: 'platform',
  namespace: 'kube-system',
  ...(chart ? { chart: { repoURL: 'https://charts.example.com', chart, version: '1.0.0', releaseName: chart, values: {} } } : {}),
  manifests: [],
  installsCrds: [],
  usesCrds: [],
  needs: [],
});

describe('bundledComponents', () => {
  it("lists RKE2's packaged charts that its config can turn off", () => {
    expect(bundledComponents(spec('rke2')).map((b) => [b.name, b.turnOff])).toEqual([
      ['rke2-coredns', 'rke2-disable'],
      ['rke2-ingress-nginx', 'rke2-disable'],
      ['rke2-metrics-server', 'rke2-disable'],
      ['rke2-snapshot-controller', 'rke2-disable'],
    ]);
  });

  it("lists AKS's and kubeadm's addons as impossible to turn off, and only the managed add-ons an EKS cluster declares", () => {
    expect(bundledComponents(spec('aks')).every((b) => b.turnOff === 'none')).toBe(true);
    expect(bundledComponents(spec('aks')).map((b) => b.name)).toContain('aks-metrics-server');
    expect(bundledComponents(spec('kubeadm')).map((b) => b.charts)).toEqual([['coredns']]);
    expect(bundledComponents(spec('eks', ['vpc-cni', 'aws-efs-csi-driver'])).map((b) => [b.name, b.charts, b.turnOff])).toEqual([
      ['vpc-cni', ['aws-vpc-cni'], 'eks-addon'],
      ['aws-efs-csi-driver', ['aws-efs-csi-driver'], 'eks-addon'],
    ]);
  });
});

describe('bundledOverlaps', () => {
  it('finds the plans whose chart does the job of a bundled component, ignoring plans without a chart', () => {
    const overlaps = bundledOverlaps(spec('rke2'), [plan('ingress-nginx', 'ingress-nginx'), plan('apps'), plan('loki', 'loki'), plan('metrics', 'metrics-server')]);
    expect(overlaps.map((o) => [o.component, o.chart, o.bundled.name])).toEqual([
      ['ingress-nginx', 'ingress-nginx', 'rke2-ingress-nginx'],
      ['metrics', 'metrics-server', 'rke2-metrics-server'],
    ]);
    expect(rke2Replaced(overlaps)).toEqual(['rke2-ingress-nginx', 'rke2-metrics-server']);
  });

  it('turns off nothing on RKE2 when no component takes a packaged chart’s place', () => {
    expect(rke2Replaced(bundledOverlaps(spec('rke2'), [plan('loki', 'loki')]))).toEqual([]);
  });
});
