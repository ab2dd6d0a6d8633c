import { chartFacts, type ChartFacts, type CustomComponentSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import metricsServer from '../../../clusters/facts/metrics-server@3.12.2.json' with { type: 'json' };
import { customComponentPlan } from '../src/custom-component.js';

const FACTS = chartFacts(metricsServer);
const ENTRY: CustomComponentSpec = {
  name: 'metrics-server',
  tier: 'core',
  namespace: 'kube-system',
  helm: { repoURL: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.12.2' },
  values: { replicas: 2 },
};

describe('customComponentPlan', () => {
  it('plans a custom chart as written, with nothing the chart is not known to need', () => {
    const plan = customComponentPlan(ENTRY, 'eks');
    expect(plan).toEqual({
      name: 'metrics-server',
      tier: 'core',
      namespace: 'kube-system',
      chart: { ...ENTRY.helm, releaseName: 'metrics-server', values: { replicas: 2 } },
      manifests: [],
      installsCrds: [],
      usesCrds: [],
      needs: [],
    });
  });

  it('carries the facts of a custom chart, so the checks judge it as they judge the catalogue', () => {
    expect(customComponentPlan({ ...ENTRY, facts: FACTS }, 'eks').chart?.facts).toBe(FACTS);
  });

  it('ignores a field its facts say is rewritten, only under the values that make it so', () => {
    expect(customComponentPlan({ ...ENTRY, facts: FACTS }, 'eks').ignoreDifferences).toBeUndefined();
    const resized = customComponentPlan({ ...ENTRY, facts: FACTS, values: { addonResizer: { enabled: true } } }, 'eks');
    expect(resized.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'metrics-server', jsonPointers: ['/spec/template/spec/containers/0/resources'] }]);
  });

  it('applies server-side when its facts name a CRD too large for client-side apply', () => {
    const crd = { groupKind: 'example.com/Big', name: 'bigs.example.com', jsonBytes: 300_000, file: 'crds/big.yaml', installedWhen: 'always' };
    const big: ChartFacts = { ...FACTS, crds: [crd] };
    expect(customComponentPlan({ ...ENTRY, facts: big }, 'eks').serverSideApply).toBe(true);
    expect(customComponentPlan({ ...ENTRY, facts: FACTS }, 'eks').serverSideApply).toBeUndefined();
  });
});
