import { describe, expect, it } from 'vitest';
import { inSyncOrder, planWaves, waveOf } from '../src/index.js';
import { PLANS } from './plans.js';

describe('inSyncOrder', () => {
  it('orders components by wave, then by name, whatever order they come in', () => {
    const waves = planWaves(PLANS);
    const names = inSyncOrder([...PLANS].reverse(), waves).map((c) => `${waveOf(waves, c)} ${c.name}`);
    expect(names).toEqual(['0 argocd', '1 karpenter', '1 keda', '2 karpenter-nodepools', '3 loki', '4 promtail', '5 frontend']);
  });

  it('fails for a component that has no planned wave', () => {
    expect(() => inSyncOrder(PLANS, new Map([['argocd', 0]]))).toThrow('no sync wave was planned for component "karpenter"');
  });
});
