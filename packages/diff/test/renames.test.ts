import { describe, expect, it } from 'vitest';
import { pairRenames } from '../src/renames.js';
import { configMap } from './trees.js';

describe('pairRenames', () => {
  it('pairs a removed and an added item of the same group whose fields are mostly equal', () => {
    const removed = [{ key: 'old', group: 'ConfigMap', body: configMap('old', { a: '1', b: '2', c: '3', d: '4' }) }];
    const added = [
      { key: 'new', group: 'ConfigMap', body: configMap('new', { a: '1', b: '2', c: '3', d: '5' }) },
      { key: 'other', group: 'ConfigMap', body: configMap('other', { x: '9' }) },
    ];
    expect(pairRenames(removed, added)).toEqual([['old', 'new']]);
  });

  it('does not pair items of different groups or with too little in common', () => {
    const removed = [{ key: 'old', group: 'ConfigMap', body: configMap('old', { a: '1' }) }];
    expect(pairRenames(removed, [{ key: 'new', group: 'Secret', body: configMap('new', { a: '1' }) }])).toEqual([]);
    expect(pairRenames(removed, [{ key: 'new', group: 'ConfigMap', body: configMap('new', { b: '2', c: '3', d: '4' }) }])).toEqual([]);
  });

  it('pairs only identical bodies when a group is too large to compare every pair', () => {
    const removed = Array.from({ length: 200 }, (_, i) => ({ key: `r${i}`, group: 'ConfigMap', body: configMap(`r${i}`, { i: String(i) }) }));
    const added = Array.from({ length: 200 }, (_, i) => ({ key: `a${i}`, group: 'ConfigMap', body: configMap(`a${i}`, { i: String(i === 7 ? 7 : 1000 + i) }) }));
    expect(pairRenames(removed, added)).toEqual([['r7', 'a7']]);
  });
});
