import { clusterContext } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { defineComponent, pinnedChart } from '../src/component.js';
import facts from '../src/facts/promtail@6.16.6.json' with { type: 'json' };
import other from '../src/facts/tempo@1.24.4.json' with { type: 'json' };
import { EKS_BASE, REGISTRY, cluster } from './fixtures.js';

const OWN = pinnedChart('https://grafana.github.io/helm-charts', facts);
const OTHER = pinnedChart('https://grafana.github.io/helm-charts', other);

/** A component whose plan also installs `planned`, having declared `otherCharts`. */
const component = (otherCharts: readonly (typeof OTHER)[] | undefined, planned = OTHER) =>
  defineComponent({
    name: 'two-charts',
    description: 'A component that installs a second chart beside its own.',
    tier: 'platform',
    namespace: 'monitoring',
    chart: OWN,
    ...(otherCharts ? { otherCharts } : {}),
    options: {},
    plan: (ctx) => [ctx.chartPlan({ values: {} }), ctx.chartPlan({ name: 'second', chart: planned, values: {} })],
  });

const context = () => clusterContext(cluster(EKS_BASE), REGISTRY);

describe('defineComponent', () => {
  it('plans a second chart the component lists in otherCharts, pinned at its facts version', () => {
    const plans = component([OTHER]).planFor({ name: 'two-charts' } as never, context(), []);
    expect(plans.map((p) => [p.name, p.chart?.chart, p.chart?.version])).toEqual([
      ['two-charts', 'promtail', '6.16.6'],
      ['second', 'tempo', '1.24.4'],
    ]);
  });

  it('fails to plan a chart the component does not list, so the catalogue reference cannot miss its facts', () => {
    expect(() => component(undefined).planFor({ name: 'two-charts' } as never, context(), [])).toThrow('component "two-charts" plans chart "tempo" without listing it in otherCharts');
  });
});
