import type { ComponentPlan, KubeObject, Tier } from '@wavesmith/model';

/** A hand-made plan: only what a test sets matters. */
export function plan(name: string, tier: Tier, parts: Partial<Omit<ComponentPlan, 'name' | 'tier'>> = {}): ComponentPlan {
  return { name, tier, namespace: name, manifests: [], installsCrds: [], usesCrds: [], needs: [], ...parts };
}

export function object(apiVersion: string, kind: string, name: string, namespace?: string): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }) } };
}

export const CHART = { repoURL: 'https://charts.example.com', chart: 'thing', version: '1.2.3', releaseName: 'thing', values: {} };

/** Argo CD, a controller with a CRD, objects using it, a platform service and a business app. */
export const PLANS: readonly ComponentPlan[] = [
  plan('argocd', 'core', { chart: CHART, installsCrds: ['argoproj.io/Application'] }),
  plan('karpenter', 'core', { chart: CHART, installsCrds: ['karpenter.sh/NodePool'] }),
  plan('karpenter-nodepools', 'core', { manifests: [object('karpenter.sh/v1', 'NodePool', 'default')] }),
  plan('keda', 'core', { chart: CHART, installsCrds: ['keda.sh/ScaledObject'] }),
  plan('loki', 'platform', { chart: CHART }),
  plan('promtail', 'platform', { chart: CHART, needs: ['loki'] }),
  plan('frontend', 'business', { manifests: [object('keda.sh/v1alpha1', 'ScaledObject', 'frontend', 'frontend')] }),
];
