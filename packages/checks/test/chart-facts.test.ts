import type { ChartFacts, ClusterSpec, ComponentPlan } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { checkChartFacts as found } from '../src/chart-facts.js';

/** Each problem as `rule: file: message`. */
const checkChartFacts = (...args: Parameters<typeof found>) => found(...args).map((p) => `${p.rule}: ${p.file ? `${p.file}: ` : ''}${p.message}`);

const FACTS: ChartFacts = {
  chart: 'demo',
  version: '1.2.3',
  source: { repository: 'github.com/example/charts', tag: 'demo-1.2.3', commit: '0'.repeat(40), path: 'charts/demo' },
  kubeVersion: { range: '>= 1.28.0-0 < 1.32.0-0', file: 'Chart.yaml' },
  crds: [],
  rewrittenFields: [],
  values: { keys: { replicaCount: 'value', server: { ha: { enabled: 'value' }, extraArgs: 'map' } } },
};

const spec = (kubernetesVersion: string) => ({ name: 'lab', kubernetesVersion }) as ClusterSpec;
const plan = (values: Record<string, unknown>, facts: ChartFacts | null = FACTS): ComponentPlan => ({
  name: 'demo',
  tier: 'platform',
  namespace: 'demo',
  chart: { repoURL: 'https://charts.example.com', chart: 'demo', version: '1.2.3', releaseName: 'demo', values, ...(facts ? { facts } : {}) },
  manifests: [],
  installsCrds: [],
  usesCrds: [],
  needs: [],
});

describe('checkChartFacts', () => {
  it('passes a chart on a Kubernetes version in its range with keys it reads, maps taking any key', () => {
    expect(checkChartFacts(spec('1.31'), [plan({ replicaCount: 2, server: { ha: { enabled: true }, extraArgs: { anything: 'x' } } })])).toEqual([]);
  });

  it('fails a cluster version outside the chart kubeVersion range, naming chart, range, where it was read and the version', () => {
    expect(checkChartFacts(spec('1.33'), [plan({})])).toEqual([
      'chart-kube-version: Application demo: chart demo 1.2.3 requires Kubernetes >= 1.28.0-0 < 1.32.0-0 (Chart.yaml at github.com/example/charts demo-1.2.3), but cluster lab runs 1.33; allowed: a chart version whose range includes it, or another Kubernetes version',
    ]);
  });

  it('fails a minor version when some of its patches fall outside the range', () => {
    const upTo = { ...FACTS, kubeVersion: { range: '< 1.27.0-0', file: 'Chart.yaml' } };
    expect(checkChartFacts(spec('1.26'), [plan({}, upTo)])).toEqual([]);
    expect(checkChartFacts(spec('1.27'), [plan({}, upTo)])).toHaveLength(1);
  });

  it('fails a misspelt values key that Helm would ignore, suggesting the right one and listing the keys there', () => {
    expect(checkChartFacts(spec('1.30'), [plan({ server: { ha: { enabeld: true } } })])).toEqual([
      'chart-values-unknown: Application demo: values key server.ha.enabeld is not read by chart demo 1.2.3 (github.com/example/charts demo-1.2.3), so Helm would ignore it; allowed: did you mean "enabled"? the keys under server.ha: enabled',
    ]);
  });

  it('does not judge charts without facts', () => {
    expect(checkChartFacts(spec('1.20'), [plan({ whatever: 1 }, null)])).toEqual([]);
  });
});
