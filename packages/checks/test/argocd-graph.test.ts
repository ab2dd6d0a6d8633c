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

/** Each problem as `rule file: message`. */
const found = (input: ReturnType<typeof graph>) => checkArgoGraph(input).map((p) => `${p.rule} ${p.file ?? '-'}: ${p.message}`);

describe('checkArgoGraph', () => {
  it('accepts a graph whose CRD users sync after their providers', () => {
    expect(checkArgoGraph(graph())).toEqual([]);
  });

  it('fails a chart pinned to a range instead of an exact version', () => {
    const apps = [application('karpenter', 1, { source: chart('1.5.x') })];
    expect(found(graph({ apps }))).toContain('argocd-chart-unpinned dist/demo/argocd/application-karpenter.yaml: Application karpenter: chart karpenter is pinned to "1.5.x"; allowed: an exact version such as 1.2.3');
  });

  it('fails an Application whose path was not rendered', () => {
    const apps = [application('karpenter-extra', 2, { source: path('karpenter-extra') })];
    expect(found(graph({ apps }))).toContain('argocd-path-missing dist/demo/argocd/application-karpenter-extra.yaml: Application karpenter-extra: path dist/demo/apps/karpenter-extra does not exist in the rendered files');
  });

  it('fails an Application whose path holds no objects', () => {
    const apps = [application('karpenter-empty', 2, { source: path('karpenter-empty') })];
    const files: [string, KubeObject[]][] = [['dist/demo/apps/karpenter-empty/empty.yaml', []]];
    expect(found(graph({ apps, files }))).toContain('argocd-path-missing dist/demo/argocd/application-karpenter-empty.yaml: Application karpenter-empty: path dist/demo/apps/karpenter-empty holds no objects');
  });

  it('fails an object owned by two Applications', () => {
    const apps = [
      application('karpenter', 1, { sources: [chart('1.5.1'), path('karpenter-nodepools')] }, { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' }),
      application('karpenter-nodepools', 2, { source: path('karpenter-nodepools') }),
    ];
    expect(found(graph({ apps }))).toContain(
      'argocd-owned-twice dist/demo/apps/karpenter-nodepools/nodepool-default.yaml: NodePool default: karpenter.sh/v1 NodePool /default (dist/demo/apps/karpenter-nodepools/nodepool-default.yaml) is owned by both Application karpenter (dist/demo/apps/karpenter-nodepools/nodepool-default.yaml) and Application karpenter-nodepools',
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
    expect(found(graph({ apps }))).toEqual([
      `argocd-crd-order dist/demo/apps/karpenter-nodepools/nodepool-default.yaml: NodePool default: Application karpenter-nodepools uses karpenter.sh/NodePool in wave ${wave}, not after Application karpenter that installs it (wave 1)`,
    ]);
  });

  it('fails a CRD installed by two Applications', () => {
    const installs = { 'wavesmith.io/installs-crds': 'karpenter.sh/NodePool' };
    const apps = [
      application('karpenter', 1, { source: chart('1.5.1') }, installs),
      application('karpenter-copy', 1, { source: chart('1.5.1'), destination: { server: 'https://kubernetes.default.svc', namespace: 'karpenter' } }, installs),
      application('karpenter-nodepools', 2, { source: path('karpenter-nodepools') }),
    ];
    expect(found(graph({ apps }))).toEqual([
      'argocd-crd-installed-twice dist/demo/argocd/application-karpenter-copy.yaml: Application karpenter-copy: installs karpenter.sh/NodePool, which Application karpenter installs too; one Application must own each CRD',
    ]);
  });

  it('fails an Application outside the AppProject, its destinations or its repositories', () => {
    const apps = [
      application('karpenter', 1, { project: 'default', source: { ...chart('1.5.1'), repoURL: 'https://elsewhere.example.com' } }),
      application('keda', 1, { source: { ...chart('2.16.1'), chart: 'keda' } }),
    ];
    expect(found(graph({ apps }))).toEqual([
      'argocd-project dist/demo/argocd/application-karpenter.yaml: Application karpenter: belongs to project "default"; allowed: "demo"',
      'argocd-project dist/demo/argocd/application-karpenter.yaml: Application karpenter: source https://elsewhere.example.com is not among the sourceRepos of AppProject demo',
      'argocd-project dist/demo/argocd/application-keda.yaml: Application keda: destination https://kubernetes.default.svc namespace keda is not among the destinations of AppProject demo',
    ]);
  });
});
