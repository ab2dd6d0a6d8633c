import { describe, expect, it } from 'vitest';
import { plainData } from '../src/plain-data.js';

describe('plainData', () => {
  it('copies plain data as it is', () => {
    const value = { name: 'a', list: [1, 'b', true, null], nested: { x: 1.5 } };
    expect(plainData(value)).toEqual({ data: value, problems: [] });
  });

  it('reports each value JSON cannot print, with its path, and leaves it out', () => {
    class Point {
      x = 1;
    }
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const { data, problems } = plainData({ a: Number.NaN, b: 10n, c: [Infinity], d: () => 1, e: new Date(0), f: new Point(), g: cyclic, 'h/i': Symbol('s') });
    expect(problems.map((p) => [p.path, p.what])).toEqual([
      ['/a', 'NaN, which JSON writes as null'],
      ['/b', 'a BigInt, which JSON cannot write'],
      ['/c/0', 'Infinity, which JSON writes as null'],
      ['/d', 'a function, which JSON cannot write'],
      ['/e', 'an instance of Date, not plain data'],
      ['/f', 'an instance of Point, not plain data'],
      ['/g/self', 'a reference to its own container at /g (circular), which JSON cannot write'],
      ['/h~1i', 'a symbol, which JSON cannot write'],
    ]);
    expect(data).toEqual({ c: [null], g: { name: 'c' } });
  });

  it('copies an object met twice, when it is not its own ancestor', () => {
    const shared = { cidr: '10.0.0.0/16' };
    expect(plainData({ a: shared, b: shared }).problems).toEqual([]);
  });
});
