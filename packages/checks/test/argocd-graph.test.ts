import type { KubeObject } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkArgoGraph, type ArgoGraphInput } from '../src/argocd-graph.js';

const REPO = 'https://github.com/example/fleet.git';
const CHARTS = 'https://charts.example.com';

function application(name: string, wave: number, spec: Record<string, unknown>, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave), ...annotations } },
    spec: { project: 'demo', destination: { server: 'https://kubernetes.default.svc', namespace: name }, ...spec },
  };
}

const chart = (version: string) => ({ repoURL: CHARTS, chart: 'karpenter', targetRevision: version });
const path = (name: string) => ({ repoURL: REPO, targetRevision: 'main', path: `dist/demo/apps/${name}` });
const nodePool: KubeObject = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'default' } };

/** A valid graph: Karpenter installs NodePool in wave 1, its pools sync in wave 2. */
function graph(overrides: { apps?: KubeObject[]; files?: [string, KubeObject[]][] } = {}): ArgoGraphInput {
  const project: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'demo', namespace: 'argocd' },
    spec: { sourceRepos: [CHARTS, REPO], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'karpenter*' }] },
  };
  const apps = overrides.apps ?? [
    application('karpenter', 1, { source: chart('1.5.1') }, { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' }),
    application('karpenter-nodepools', 2, { source: path('karpenter-nodepools') }),
  ];
  const root = application('demo-root', 0, { project: 'default', source: { repoURL: REPO, targetRevision: 'main', path: 'dist/demo/argocd' } });
  const files = new Map<string, KubeObject[]>([
    ['argocd-apps/demo.yaml', [root]],
    ['dist/demo/argocd/appproject-demo.yaml', [project]],
    ...apps.map((a): [string, KubeObject[]] => [`dist/demo/argocd/application-${a.metadata.name}.yaml`, [a]]),
    ['dist/demo/apps/karpenter-nodepools/nodepool-default.yaml', [nodePool]],
    ...(overrides.files ?? []),
  ]);
  return { cluster: 'demo', rootApplication: root, argocdObjects: [project, ...apps], files };
}

describe('checkArgoGraph', () => {
  it('accepts a graph whose CRD users sync after their providers', () => {
    expect(checkArgoGraph(graph())).toEqual([]);
  });

  it('fails a chart pinned to a range instead of an exact version', () => {
    const apps = [application('karpenter', 1, { source: chart('1.5.x') })];
    expect(checkArgoGraph(graph({ apps }))).toContain('cluster demo: Application karpenter: chart karpenter is pinned to "1.5.x"; allowed: an exact version such as 1.2.3');
  });

  it('fails an Application whose path was not rendered', () => {
    const apps = [application('karpenter-extra', 2, { source: path('karpenter-extra') })];
    expect(checkArgoGraph(graph({ apps }))).toContain('cluster demo: Application karpenter-extra: path dist/demo/apps/karpenter-extra does not exist in the rendered files');
  });

  it('fails an Application whose path holds no objects', () => {
    const apps = [application('karpenter-empty', 2, { source: path('karpenter-empty') })];
    const files: [string, KubeObject[]][] = [['dist/demo/apps/karpenter-empty/empty.yaml', []]];
    expect(checkArgoGraph(graph({ apps, files }))).toContain('cluster demo: Application karpenter-empty: path dist/demo/apps/karpenter-empty holds no objects');
  });

  it('fails an object owned by two Applications', () => {
    const apps = [
      application('karpenter', 1, { sources: [chart('1.5.1'), path('karpenter-nodepools')] }, { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' }),
      application('karpenter-nodepools', 2, { source: path('karpenter-nodepools') }),
    ];
    expect(checkArgoGraph(graph({ apps }))).toContain(
      'cluster demo: karpenter.sh/v1 NodePool /default (dist/demo/apps/karpenter-nodepools/nodepool-default.yaml): owned by both Application karpenter (dist/demo/apps/karpenter-nodepools/nodepool-default.yaml) and Application karpenter-nodepools',
    );
  });

  it.each([
    ['an earlier', 0],
    ['the same', 1],
  ])('fails a CRD user in %s wave as its provider', (_, wave) => {
    const apps = [
      application('karpenter', 1, { source: chart('1.5.1') }, { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' }),
      application('karpenter-nodepools', wave, { source: path('karpenter-nodepools') }),
    ];
    expect(checkArgoGraph(graph({ apps }))).toEqual([
      `cluster demo: Application karpenter-nodepools: uses karpenter.sh/NodePool in wave ${wave}, not after Application karpenter that installs it (wave 1)`,
    ]);
  });

  it('fails a CRD installed by two Applications', () => {
    const installs = { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' };
    const apps = [
      application('karpenter', 1, { source: chart('1.5.1') }, installs),
      application('karpenter-copy', 1, { source: chart('1.5.1'), destination: { server: 'https://kubernetes.default.svc', namespace: 'karpenter' } }, installs),
      application('karpenter-nodepools', 2, { source: path('karpenter-nodepools') }),
    ];
    expect(checkArgoGraph(graph({ apps }))).toEqual([
      'cluster demo: Application karpenter-copy: installs karpenter.sh/NodePool, which Application karpenter installs too; one Application must own each CRD',
    ]);
  });

  it('fails an Application outside the AppProject, its destinations or its repositories', () => {
    const apps = [
      application('karpenter', 1, { project: 'default', source: { ...chart('1.5.1'), repoURL: 'https://elsewhere.example.com' } }),
      application('keda', 1, { source: { ...chart('2.16.1'), chart: 'keda' } }),
    ];
    expect(checkArgoGraph(graph({ apps }))).toEqual([
      'cluster demo: Application karpenter: belongs to project "default"; allowed: "demo"',
      'cluster demo: Application karpenter: source https://elsewhere.example.com is not among the sourceRepos of AppProject demo',
      'cluster demo: Application keda: destination https://kubernetes.default.svc namespace keda is not among the destinations of AppProject demo',
    ]);
  });
});
