import { describe, expect, it } from 'vitest';
import { diffValues, leaves, naturalKey, pathShape, pathText, sameValue } from '../src/field-diff.js';
import { deployment } from './trees.js';

describe('diffValues', () => {
  it('finds no change when keys come in another order', () => {
    expect(diffValues({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('finds no change when keyed list items are reordered (containers, env, ports)', () => {
    const before = deployment('web');
    const after = structuredClone(before);
    const pod = after.spec.template.spec;
    pod.containers.reverse();
    pod.containers[1]!.env!.reverse();
    pod.containers[1]!.ports!.reverse();
    expect(diffValues(before, after)).toEqual([]);
  });

  it('reports a change in a keyed list item at the item found by its key', () => {
    const before = deployment('web');
    const after = structuredClone(before);
    after.spec.template.spec.containers.reverse();
    after.spec.template.spec.containers[1]!.image = 'nginx:1.28';
    const changes = diffValues(before, after);
    expect(changes.map((c) => [pathText(c.path), c.before, c.after])).toEqual([['spec.template.spec.containers[name=web].image', 'nginx:1.27', 'nginx:1.28']]);
  });

  it('treats a reordered list of plain values as a change, because order can carry meaning', () => {
    expect(diffValues({ args: ['--one', '--two'] }, { args: ['--two', '--one'] })).toEqual([{ path: [{ key: 'args' }], before: ['--one', '--two'], after: ['--two', '--one'] }]);
  });

  it('reports added and removed fields and list items with an absent side', () => {
    const changes = diffValues({ env: [{ name: 'A', value: '1' }], x: 1 }, { env: [{ name: 'B', value: '2' }], y: 2 });
    expect(changes.map((c) => [pathText(c.path), c.before, c.after])).toEqual([
      ['env[name=A]', { name: 'A', value: '1' }, undefined],
      ['env[name=B]', undefined, { name: 'B', value: '2' }],
      ['x', 1, undefined],
      ['y', undefined, 2],
    ]);
  });

  it('compares lists of objects without a shared unique key position by position', () => {
    const changes = diffValues({ rules: [{ a: 1 }, { a: 2 }] }, { rules: [{ a: 1 }, { a: 3 }] });
    expect(changes.map((c) => pathText(c.path))).toEqual(['rules[1].a']);
  });

  it('tells a string from a number of the same digits', () => {
    expect(sameValue({ port: '80' }, { port: 80 })).toBe(false);
  });
});

describe('naturalKey', () => {
  it('uses metadata.name for volume claim templates', () => {
    expect(naturalKey([{ metadata: { name: 'data' }, spec: {} }], [{ metadata: { name: 'data' }, spec: {} }])).toBe('metadata.name');
  });

  it('refuses a key whose value repeats on one side', () => {
    expect(naturalKey([{ name: 'a', port: 1 }, { name: 'a', port: 2 }], [])).toBe('port');
  });
});

describe('paths', () => {
  it('quotes keys that are not plain words and drops positions from the shape', () => {
    const path = [{ key: 'data' }, { key: 'loki.yaml' }] as const;
    expect(pathText(path)).toBe('data["loki.yaml"]');
    expect(pathShape([{ key: 'spec' }, { key: 'ports' }, { match: 'port', value: 80 }, { key: 'targetPort' }])).toBe('spec.ports.targetPort');
  });

  it('lists every leaf of an object for added objects', () => {
    expect(leaves({ a: { b: 1, c: [] }, d: [{ name: 'x', v: 2 }] }).map((l) => [pathText(l.path), l.after])).toEqual([
      ['a.b', 1],
      ['a.c', []],
      ['d[name=x].name', 'x'],
      ['d[name=x].v', 2],
    ]);
  });
});
