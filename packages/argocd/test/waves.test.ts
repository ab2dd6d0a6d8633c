import { describe, expect, it } from 'vitest';
import { planWaves, WaveCycleError } from '../src/index.js';
import { CHART, PLANS, object, plan } from './plans.js';

const wavesOf = (plans: Parameters<typeof planWaves>[0]) => Object.fromEntries(planWaves(plans));

describe('planWaves', () => {
  it('puts Argo CD alone in the first wave and every CRD user after the CRD provider', () => {
    expect(wavesOf(PLANS)).toEqual({
      argocd: 0,
      karpenter: 1,
      'karpenter-nodepools': 2,
      keda: 1,
      loki: 3,
      promtail: 4,
      frontend: 5,
    });
  });

  it('starts each tier after the last wave of the tiers before it', () => {
    const waves = planWaves(PLANS);
    const last = (tier: string) => Math.max(...PLANS.filter((p) => p.tier === tier).map((p) => waves.get(p.name)!));
    const first = (tier: string) => Math.min(...PLANS.filter((p) => p.tier === tier).map((p) => waves.get(p.name)!));
    expect(first('platform')).toBeGreaterThan(last('core'));
    expect(first('business')).toBeGreaterThan(last('platform'));
  });

  it('moves a component to a later wave when it gains a dependency', () => {
    const before = wavesOf(PLANS).keda;
    const after = wavesOf(PLANS.map((p) => (p.name === 'keda' ? { ...p, needs: ['karpenter-nodepools'] } : p))).keda;
    expect(before).toBe(1);
    expect(after).toBe(3);
  });

  it('derives CRD use from declared usesCrds as well as from manifests', () => {
    const plans = [...PLANS, plan('scaler', 'core', { chart: CHART, usesCrds: ['karpenter.sh/NodePool'] })];
    expect(wavesOf(plans).scaler).toBe(2);
  });

  it('fails on a cycle and prints it', () => {
    const plans = [
      plan('a', 'core', { needs: ['b'], chart: CHART }),
      plan('b', 'core', { chart: CHART, manifests: [object('c.example.com/v1', 'Thing', 'x')] }),
      plan('c', 'core', { chart: CHART, installsCrds: ['c.example.com/Thing'], needs: ['a'] }),
    ];
    expect(() => planWaves(plans)).toThrow(WaveCycleError);
    expect(() => planWaves(plans)).toThrow('a -> b -> c -> a');
    expect(() => planWaves(plans)).toThrow('b uses c.example.com/Thing from c');
  });

  it('rejects a core component that depends on the platform tier', () => {
    const plans = [...PLANS, plan('early', 'core', { chart: CHART, needs: ['loki'] })];
    expect(() => planWaves(plans)).toThrow('component "early" (tier core) depends on "loki" (tier platform');
  });

  it('rejects a CRD that no component installs', () => {
    const plans = [...PLANS, plan('monitors', 'platform', { manifests: [object('monitoring.coreos.com/v1', 'ServiceMonitor', 'm', 'x')] })];
    expect(() => planWaves(plans)).toThrow('component "monitors" uses monitoring.coreos.com/ServiceMonitor, but no component on this cluster installs that CRD');
  });

  it('rejects needs of a component that is not on the cluster', () => {
    expect(() => planWaves([...PLANS, plan('grafana', 'platform', { chart: CHART, needs: ['prometheus'] })])).toThrow(
      'component "grafana" needs "prometheus", which is not on this cluster',
    );
  });

  it('rejects a CRD installed by two components', () => {
    const plans = [...PLANS, plan('karpenter-copy', 'core', { chart: CHART, installsCrds: ['karpenter.sh/NodePool'] })];
    expect(() => planWaves(plans)).toThrow('CRD karpenter.sh/NodePool is installed by both "karpenter" and "karpenter-copy"');
  });

  it('treats built-in API groups as always present', () => {
    const plans = [plan('config', 'core', { manifests: [object('v1', 'ConfigMap', 'c', 'x'), object('storage.k8s.io/v1', 'StorageClass', 'gp3')] })];
    expect(wavesOf(plans)).toEqual({ config: 0 });
  });
});
