import { describe, expect, it } from 'vitest';
import { compareTrees } from '../src/compare-trees.js';
import { textReport } from '../src/text-report.js';
import { configMap, fleetTree, statefulSet } from './trees.js';

describe('textReport', () => {
  it('prints the sides, a row per changed cluster, every risk, then the changes by component', () => {
    const base = fleetTree({ a: { components: [{ name: 'db', wave: 6, tier: 'business' }], objects: [{ component: 'db', body: statefulSet('pg', '10Gi') }, { component: 'db', body: configMap('c', { k: 'v' }) }] }, b: {} });
    const head = fleetTree({ a: { components: [{ name: 'db', wave: 6, tier: 'business' }], objects: [{ component: 'db', body: statefulSet('pg', '20Gi') }] }, b: {} });
    const text = textReport({ base: { label: 'main', origin: 'committed', commit: 'abcdef1234567890' }, head: { label: 'working tree', origin: 'worktree' }, ...compareTrees(base, head) });
    expect(text).toBe(
      [
        'base: main (committed output at abcdef123456)',
        'head: working tree, rendered from its sources',
        '',
        'CLUSTER  COMPONENTS  OBJECTS +/~/-  TERRAFORM +/~/-  RISKS',
        'a        1           0/1/1          0/0/0            immutable-field x1',
        'all      1           0/1/1          0/0/0            immutable-field x1',
        'unchanged: b',
        '',
        'RISKS',
        '  immutable-field: StatefulSet apps/pg spec.volumeClaimTemplates.spec.resources.requests.storage [a]',
        '  (immutable-field: the API server refuses to change this field: the sync fails until the object is deleted and recreated)',
        '',
        '== wave 6 · db (business) ==',
        '  − ConfigMap apps/c  [a]',
        '    apiVersion: v1',
        '    data.k: v',
        '    kind: ConfigMap',
        '    metadata.name: c',
        '    metadata.namespace: apps',
        '  ~ StatefulSet apps/pg  [a]',
        '    ! immutable-field StatefulSet apps/pg spec.volumeClaimTemplates.spec.resources.requests.storage: the API server refuses to change this field: the sync fails until the object is deleted and recreated',
        '    spec.volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage: 10Gi -> 20Gi',
      ].join('\n'),
    );
  });
});
