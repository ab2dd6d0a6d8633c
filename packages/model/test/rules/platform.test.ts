import { describe, expect, it } from 'vitest';
import { validateCluster, type Finding } from '../../src/index.js';
import { TEST_REGISTRY, clusterWith } from '../fixtures.js';

/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (file: string) => (f: Finding) => `${file} [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;

const issues = (edit: (spec: any) => void) => validateCluster(clusterWith(edit), 'clusters/demo.ts', TEST_REGISTRY).findings.map(asLine('clusters/demo.ts'));
const HELM = { repoURL: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' };

describe('platform rules', () => {
  it('accepts registered components and fills their option defaults', () => {
    const result = validateCluster(clusterWith((s) => s.platform.push({ name: 'loki' })), 'clusters/demo.ts', TEST_REGISTRY);
    expect(result.findings).toEqual([]);
    expect(result.spec?.platform[1]).toEqual({ name: 'loki', storage: 'filesystem', retentionDays: 30 });
  });

  it('rejects a component the registry does not know, naming the known ones', () => {
    expect(issues((s) => s.platform.push({ name: 'lokii' }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/name: got "lokii"; allowed: one of the catalogue\'s components ("argocd", "keda", "loki", "karpenter", "promtail", "other-loki"), or a custom component with "helm" or "manifests"',
    ]);
  });

  it('rejects a misspelt option and suggests the right one, from that component\'s options only', () => {
    expect(issues((s) => s.platform.push({ name: 'loki', retentionDay: 7 }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/retentionDay: got 7; allowed: did you mean "retentionDays"? known fields here: name, storage, retentionDays',
    ]);
  });

  it('rejects a component that cannot run on the distribution', () => {
    expect(issues((s) => {
      s.distribution = 'rke2';
      s.nodePools = [{ ...s.nodePools[0], role: 'control-plane', image: 'ubuntu-22.04' }];
      s.platform.push({ name: 'karpenter' });
    }).filter((i) => i.includes('/platform'))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/name: got "karpenter"; allowed: a component that runs on rke2; karpenter runs on eks only',
    ]);
  });

  it('rejects a component without the components it requires, with the reason', () => {
    expect(issues((s) => s.platform.push({ name: 'promtail' }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/name: got "promtail"; allowed: promtail together with { name: "loki" } in platform: it ships logs there',
    ]);
  });

  it('rejects a cluster without a mandatory component', () => {
    expect(issues((s) => (s.platform = [{ name: 'keda' }]))).toEqual([
      'clusters/demo.ts [cluster demo] /platform: got ["keda"]; allowed: a list that includes { name: "argocd" }: it syncs everything else',
    ]);
  });

  it('reports entry rules at paths inside the entry, or at absolute paths written with #', () => {
    expect(issues((s) => {
      s.distribution = 'rke2';
      s.nodePools = [{ ...s.nodePools[0], role: 'control-plane', image: 'ubuntu-22.04' }];
      s.platform.push({ name: 'loki', storage: 's3', retentionDays: 400 });
    })).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/storage: got "s3"; allowed: "filesystem" off EKS',
      'clusters/demo.ts [cluster demo] /environment: got "dev"; allowed: a longer-lived environment',
    ]);
  });

  it('rejects two components serving one service', () => {
    expect(issues((s) => s.platform.push({ name: 'loki' }, { name: 'other-loki' }))).toEqual([
      'clusters/demo.ts [cluster demo] (spec): got "service logsPush"; allowed: service logsPush provided once (by loki, not also by other-loki)',
    ]);
  });

  it('accepts a custom component with a pinned chart, a tier and a namespace', () => {
    const result = validateCluster(
      clusterWith((s) => s.platform.push({ name: 'metrics-server', tier: 'core', namespace: 'kube-system', helm: HELM, values: { replicas: 2 } })),
      'clusters/demo.ts',
      TEST_REGISTRY,
    );
    expect(result.findings).toEqual([]);
  });

  it('accepts a custom component made of objects only', () => {
    const manifests = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team', namespace: 'team' }, data: { owner: 'platform' } }];
    expect(issues((s) => s.platform.push({ name: 'team-config', tier: 'business', namespace: 'team', manifests }))).toEqual([]);
  });

  it('rejects a custom component pinned to a range, or without a tier', () => {
    expect(issues((s) => s.platform.push({ name: 'metrics-server', namespace: 'kube-system', helm: { ...HELM, version: '^3.12.0' } }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/tier: got nothing; allowed: a value: this field is required',
      'clusters/demo.ts [cluster demo] /platform/1/helm/version: got "^3.12.0"; allowed: an exact chart version such as 1.2.3, never a range',
    ]);
  });

  it('accepts a custom chart with the facts of its version, and rejects facts of another version or without a source', () => {
    const facts = { chart: 'metrics-server', version: '3.12.2', source: { repository: 'github.com/kubernetes-sigs/metrics-server', tag: 'metrics-server-helm-chart-3.12.2', commit: '65945d221ff1e269f11bf66f01846fe6133640b4', path: 'charts/metrics-server' }, crds: [], rewrittenFields: [], values: { keys: { replicas: 'value' } } };
    const entry = { name: 'metrics-server', tier: 'core', namespace: 'kube-system', helm: HELM, values: { replicas: 2 } };
    expect(issues((s) => s.platform.push({ ...entry, facts }))).toEqual([]);
    expect(issues((s) => s.platform.push({ ...entry, facts: { ...facts, version: '3.12.1' } }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/facts: got "metrics-server 3.12.1"; allowed: facts of the chart the component pins (metrics-server 3.12.2): facts of another chart or version judge the wrong one',
    ]);
    const { source: _, ...unsourced } = facts;
    expect(issues((s) => s.platform.push({ ...entry, facts: unsourced }))).toEqual(["clusters/demo.ts [cluster demo] /platform/1/facts/source: got nothing; allowed: a value: this field is required"]);
  });

  it('rejects values on a custom component without a chart', () => {
    const manifests = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }];
    expect(issues((s) => s.platform.push({ name: 'x', tier: 'platform', namespace: 'x', manifests, values: { a: 1 } }))).toEqual([
      'clusters/demo.ts [cluster demo] /platform/1/values: got {"a":1}; allowed: no values without helm: values configure the chart of a custom component',
    ]);
  });
});
