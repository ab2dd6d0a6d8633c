import { bundledComponents, bundledOverlaps, type ClusterSpec, type ComponentPlan } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkBundled as found } from '../src/bundled.js';

/** Each problem as `rule: file: message`. */
const checkBundled = (...args: Parameters<typeof found>) => found(...args).map((p) => `${p.rule}: ${p.file ? `${p.file}: ` : ''}${p.message}`);

const spec = (distribution: ClusterSpec['distribution'], addons: readonly string[] = []) =>
  ({ distribution, cloud: { eks: { addons: addons.map((name) => ({ name })) } } }) as unknown as ClusterSpec;
const chartPlan = (name: string, chart: string): ComponentPlan => ({
  name,
  tier: 'platform',
  namespace: 'kube-system',
  chart: { repoURL: 'https://charts.example.com', chart, version: '1.0.0', releaseName: chart, values: {} },
  manifests: [],
  installsCrds: [],
  usesCrds: [],
  needs: [],
});
const problems = (s: ClusterSpec, plans: readonly ComponentPlan[]) => checkBundled(bundledOverlaps(s, plans), s.distribution);

describe('checkBundled', () => {
  it('passes a component that takes the place of an RKE2 packaged chart, which the cluster turns off', () => {
    expect(problems(spec('rke2'), [chartPlan('ingress-nginx', 'ingress-nginx'), chartPlan('metrics-server', 'metrics-server')])).toEqual([]);
  });

  it('rejects a second metrics-server on AKS, which runs its own and re-creates it', () => {
    const source = bundledComponents(spec('aks')).find((b) => b.name === 'aks-metrics-server')!.source;
    expect(problems(spec('aks'), [chartPlan('metrics-server', 'metrics-server')])).toEqual([
      `bundled-duplicate: component metrics-server installs chart metrics-server, but aks already runs aks-metrics-server on every cluster and it cannot be turned off (${source}); allowed: drop the component and use aks-metrics-server`,
    ]);
  });

  it('rejects the EFS CSI chart beside the EKS managed add-on of the same driver, and passes either alone', () => {
    expect(problems(spec('eks', ['vpc-cni', 'aws-efs-csi-driver']), [chartPlan('efs-csi-driver', 'aws-efs-csi-driver')])).toEqual([
      'bundled-duplicate: component efs-csi-driver installs chart aws-efs-csi-driver, the same controller as the EKS managed add-on aws-efs-csi-driver in cloud.eks.addons; allowed: one of the two (drop aws-efs-csi-driver from cloud.eks.addons, or the component)',
    ]);
    expect(problems(spec('eks', ['vpc-cni']), [chartPlan('efs-csi-driver', 'aws-efs-csi-driver')])).toEqual([]);
    expect(problems(spec('eks', ['aws-efs-csi-driver']), [])).toEqual([]);
  });
});
