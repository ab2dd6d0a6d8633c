import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { ClusterSpec, ComponentPlan, KubeObject } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { renderArgoCd } from '../src/index.js';
import { CHART, PLANS, object, plan } from './plans.js';

// renderArgoCd reads only the cluster's name and GitOps repository.
const SPEC = { name: 'demo', gitops: { repoURL: 'https://github.com/example/fleet.git', targetRevision: 'main' } } as ClusterSpec;

const ssa: ComponentPlan = { ...plan('kube-prometheus-stack', 'platform', { chart: CHART, installsCrds: ['monitoring.coreos.com/ServiceMonitor'] }), serverSideApply: true };
const withBoth = plan('grafana-datasources', 'platform', { chart: CHART, manifests: [object('v1', 'ConfigMap', 'loki', 'monitoring')], needs: ['loki'] });
const output = renderArgoCd(SPEC, [...PLANS, ssa, withBoth]);
const app = (name: string) => output.objects.find((o) => o.kind === 'Application' && o.metadata.name === name)!;
const spec = (o: KubeObject) => o.spec as Record<string, any>;

describe('renderArgoCd', () => {
  it('renders objects that validate against the Argo CD schemas', () => {
    for (const o of output.objects) {
      if (o.kind === 'AppProject') expect(() => new AppProject(o as never).validate()).not.toThrow();
      else expect(() => new Application(o as never).validate()).not.toThrow();
    }
    expect(() => new Application(output.rootApplication as never).validate()).not.toThrow();
  });

  it('puts the AppProject before the first wave and the Applications in wave order', () => {
    const waves = output.objects.map((o) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']));
    expect(output.objects[0]!.kind).toBe('AppProject');
    expect(waves[0]).toBe(-1);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(app('argocd').metadata.annotations?.['argocd.argoproj.io/sync-wave']).toBe('0');
  });

  it('gives every child the finalizer, automated prune and self-heal, retries and CreateNamespace', () => {
    for (const o of output.objects.filter((x) => x.kind === 'Application')) {
      expect(o.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect(spec(o).project).toBe('demo');
      expect(spec(o).syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(spec(o).syncPolicy.retry.backoff).toEqual({ duration: '10s', factor: 2, maxDuration: '3m' });
      expect(spec(o).syncPolicy.syncOptions).toContain('CreateNamespace=true');
    }
  });

  it('applies server-side only for components that ask for it', () => {
    expect(spec(app('kube-prometheus-stack')).syncPolicy.syncOptions).toEqual(['CreateNamespace=true', 'ServerSideApply=true']);
    expect(spec(app('loki')).syncPolicy.syncOptions).toEqual(['CreateNamespace=true']);
  });

  it('syncs a chart at its exact version and rendered manifests from the GitOps repository', () => {
    expect(spec(app('loki')).source).toEqual({ repoURL: CHART.repoURL, chart: 'thing', targetRevision: '1.2.3', helm: { releaseName: 'thing', valuesObject: {} } });
    expect(spec(app('karpenter-nodepools')).source).toEqual({ repoURL: SPEC.gitops.repoURL, targetRevision: 'main', path: 'dist/demo/apps/karpenter-nodepools' });
    expect(spec(app('grafana-datasources')).sources.map((s: { chart?: string; path?: string }) => s.chart ?? s.path)).toEqual(['thing', 'dist/demo/apps/grafana-datasources']);
  });

  it('records the CRDs a chart installs on its Application', () => {
    expect(app('karpenter').metadata.annotations?.['wavesmith.io/installs-crds']).toBe('karpenter.sh/NodePool');
  });

  it('limits the AppProject to the repositories and namespaces the components use', () => {
    const project = spec(output.objects[0]!);
    expect(project.sourceRepos).toEqual([CHART.repoURL, SPEC.gitops.repoURL]);
    expect(project.destinations.map((d: { namespace: string }) => d.namespace)).toEqual([
      'argocd',
      'frontend',
      'grafana-datasources',
      'karpenter',
      'karpenter-nodepools',
      'keda',
      'kube-prometheus-stack',
      'kube-system',
      'loki',
      'monitoring',
      'promtail',
    ]);
  });

  it('always allows kube-system, where charts of other namespaces write objects', () => {
    const minimal = renderArgoCd(SPEC, [plan('loki', 'platform', { chart: CHART })]);
    expect(spec(minimal.objects[0]!).destinations).toContainEqual({ server: 'https://kubernetes.default.svc', namespace: 'kube-system' });
  });

  it('points the root Application at the cluster folder of the GitOps repository', () => {
    expect(output.rootApplication.metadata.name).toBe('demo-root');
    expect(spec(output.rootApplication).source).toEqual({ repoURL: SPEC.gitops.repoURL, targetRevision: 'main', path: 'dist/demo/argocd' });
  });

  it('fails for a component that would sync nothing', () => {
    expect(() => renderArgoCd(SPEC, [...PLANS, plan('empty', 'platform')])).toThrow('component "empty" has neither a chart nor manifests');
  });
});
