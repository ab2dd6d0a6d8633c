import { describe, expect, it } from 'vitest';
import { planWaves, wavesMermaid } from '../src/index.js';
import { PLANS } from './plans.js';

describe('wavesMermaid', () => {
  it('draws one subgraph per wave and an edge per dependency, Argo CD edges left out', () => {
    expect(wavesMermaid(PLANS, planWaves(PLANS))).toMatchInlineSnapshot(`
      "flowchart LR
        subgraph wave_0["wave 0"]
          c_argocd["argocd<br/>core"]
        end
        subgraph wave_1["wave 1"]
          c_karpenter["karpenter<br/>core"]
          c_keda["keda<br/>core"]
        end
        subgraph wave_2["wave 2"]
          c_karpenter_nodepools["karpenter-nodepools<br/>core"]
        end
        subgraph wave_3["wave 3"]
          c_loki["loki<br/>platform"]
        end
        subgraph wave_4["wave 4"]
          c_promtail["promtail<br/>platform"]
        end
        subgraph wave_5["wave 5"]
          c_frontend["frontend<br/>business"]
        end
        c_karpenter -->|karpenter.sh/NodePool| c_karpenter_nodepools
        c_keda -->|keda.sh/ScaledObject| c_frontend
        c_loki -->|needs| c_promtail
      "
    `);
  });

  it('is the same whatever order the components come in', () => {
    const reversed = [...PLANS].reverse();
    expect(wavesMermaid(reversed, planWaves(reversed))).toBe(wavesMermaid(PLANS, planWaves(PLANS)));
  });
});
