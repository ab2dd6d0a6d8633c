import { describe, expect, it } from 'vitest';
import { isBuiltinGroup, planWaves, WavePlanError } from '../src/index.js';
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
    expect(() => planWaves(plans)).toThrow(WavePlanError);
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

  it('fails with every problem at once, not only the first', () => {
    const plans = [
      ...PLANS,
      plan('loki', 'platform', { chart: CHART }),
      plan('grafana', 'platform', { chart: CHART, needs: ['prometheus'] }),
      plan('early', 'core', { chart: CHART, needs: ['promtail'] }),
      plan('a', 'core', { chart: CHART, needs: ['b'] }),
      plan('b', 'core', { chart: CHART, needs: ['a'] }),
    ];
    const error = catchPlanError(() => planWaves(plans));
    expect(error.problems.map((p) => [p.rule, p.component])).toEqual([
      ['wave-plan', 'loki'],
      ['wave-plan', 'grafana'],
      ['wave-plan', 'a'],
      ['wave-plan', 'early'],
    ]);
    expect(error.problems.map((p) => p.message)).toEqual([
      'two components are named "loki"; each becomes one Application, so names must be unique',
      'component "grafana" needs "prometheus", which is not on this cluster (components: a, argocd, b, early, frontend, grafana, karpenter, karpenter-nodepools, keda, loki, promtail)',
      'sync-wave dependency cycle: a -> b -> a (each must sync after the next: a needs b; b needs a)',
      'component "early" (tier core) depends on "promtail" (tier platform, through needs); a tier may only depend on itself or earlier tiers',
    ]);
    expect(error.message).toContain('4 problems');
  });

  it('treats built-in API groups as always present', () => {
    const plans = [plan('config', 'core', { manifests: [object('v1', 'ConfigMap', 'c', 'x'), object('storage.k8s.io/v1', 'StorageClass', 'gp3')] })];
    expect(wavesOf(plans)).toEqual({ config: 0 });
  });
});

describe('isBuiltinGroup', () => {
  it('knows the API groups Kubernetes serves itself', () => {
    expect(['/ConfigMap', 'apps/Deployment', 'networking.k8s.io/Ingress', 'storage.k8s.io/StorageClass', 'policy/PodDisruptionBudget'].map(isBuiltinGroup)).toEqual([
      true, true, true, true, true,
    ]);
  });

  it('treats k8s.io groups served by CRDs as needing an installer', () => {
    expect(isBuiltinGroup('gateway.networking.k8s.io/HTTPRoute')).toBe(false);
    expect(isBuiltinGroup('snapshot.storage.k8s.io/VolumeSnapshot')).toBe(false);
    const plans = [...PLANS, plan('routes', 'platform', { manifests: [object('gateway.networking.k8s.io/v1', 'HTTPRoute', 'web', 'x')] })];
    expect(() => planWaves(plans)).toThrow('component "routes" uses gateway.networking.k8s.io/HTTPRoute, but no component on this cluster installs that CRD');
  });
});

function catchPlanError(run: () => unknown): WavePlanError {
  try {
    run();
  } catch (error) {
    if (error instanceof WavePlanError) return error;
    throw error;
  }
  throw new Error('expected a WavePlanError');
}
