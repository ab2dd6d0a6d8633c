import { describe, expect, it } from 'vitest';
import { composeCluster, merge } from '../src/index.js';

describe('composeCluster', () => {
  it('merges objects field by field, later layers winning', () => {
    const merged = composeCluster({ network: { cidr: '10.0.0.0/16', natGateways: 'single' } }, { network: { natGateways: 'one-per-az' } });
    expect(merged.network).toEqual({ cidr: '10.0.0.0/16', natGateways: 'one-per-az' });
  });

  it('merges named lists item by item, keeping the profile order and appending new names', () => {
    const merged = composeCluster(
      { nodePools: [{ name: 'system', minSize: 2, maxSize: 3 }, { name: 'batch', minSize: 0, maxSize: 1 }] },
      { nodePools: [{ name: 'gpu', minSize: 0, maxSize: 2 }, { name: 'system', maxSize: 6 }] },
    );
    expect(merged.nodePools).toEqual([
      { name: 'system', minSize: 2, maxSize: 6 },
      { name: 'batch', minSize: 0, maxSize: 1 },
      { name: 'gpu', minSize: 0, maxSize: 2 },
    ]);
  });

  it('keeps a name repeated within one layer so that validation can reject it', () => {
    const merged = composeCluster({ platform: [{ name: 'vault' }] }, { platform: [{ name: 'vault' }, { name: 'vault' }] });
    expect(merged.platform).toEqual([{ name: 'vault' }, { name: 'vault' }]);
  });

  it('replaces lists of plain values instead of concatenating them', () => {
    const merged = composeCluster({ network: { adminCidrs: ['198.51.100.0/24'] } }, { network: { adminCidrs: ['203.0.113.7/32'] } });
    expect(merged.network?.adminCidrs).toEqual(['203.0.113.7/32']);
  });

  it('never modifies the layers it is given', () => {
    const profile = { nodePools: [{ name: 'system', minSize: 2 }] };
    const snapshot = structuredClone(profile);
    const merged = composeCluster(profile, { nodePools: [{ name: 'system', minSize: 3 }] });
    (merged.nodePools![0] as { minSize: number }).minSize = 9;
    expect(profile).toEqual(snapshot);
  });
});

describe('merge', () => {
  it('is the merge of chart values and defaults too: objects by field, named items by name, other lists replaced', () => {
    const defaults = { server: { replicas: 1, extraEnv: [{ name: 'A', value: '1' }], args: ['--a'] } };
    const over = { server: { extraEnv: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }], args: ['--b'] } };
    expect(merge(defaults, over)).toEqual({ server: { replicas: 1, extraEnv: [{ name: 'A', value: '2' }, { name: 'B', value: '3' }], args: ['--b'] } });
  });

  it('keeps a default where the later value is undefined, and never modifies its inputs', () => {
    const defaults = { minCapacity: 1, maxCapacity: 2 };
    expect(merge(defaults, { minCapacity: undefined, maxCapacity: 5 })).toEqual({ minCapacity: 1, maxCapacity: 5 });
    expect(defaults).toEqual({ minCapacity: 1, maxCapacity: 2 });
  });
});
