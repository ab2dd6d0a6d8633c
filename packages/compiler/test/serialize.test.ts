import { describe, expect, it } from 'vitest';
import { canonical, toJson, toYaml } from '../src/serialize.js';

describe('toYaml', () => {
  it('puts apiVersion, kind and metadata first and sorts every other key', () => {
    const yaml = toYaml([{ spec: { b: 1, a: 2 }, metadata: { name: 'x', labels: { z: '1', a: '2' } }, kind: 'ConfigMap', apiVersion: 'v1' }]);
    expect(yaml).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: "2"\n    z: "1"\n  name: x\nspec:\n  a: 2\n  b: 1\n');
  });

  it('writes one document per object, separated by ---', () => {
    const yaml = toYaml([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } },
    ]);
    expect(yaml.split('---\n')).toHaveLength(2);
  });

  it('gives the same bytes whatever order keys were produced in', () => {
    const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { one: '1', two: '2' } };
    const b = { data: { two: '2', one: '1' }, metadata: { name: 'x' }, kind: 'ConfigMap', apiVersion: 'v1' };
    expect(toYaml([b])).toBe(toYaml([a]));
  });

  it('never folds long strings or aliases repeated objects', () => {
    const shared = { cpu: '100m' };
    const long = 'x'.repeat(200);
    const yaml = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { long }, spec: { a: shared, b: shared } }]);
    expect(yaml).toContain(`long: ${long}\n`);
    expect(yaml).not.toMatch(/[&*]a\d/);
  });

  it('drops undefined fields', () => {
    expect(canonical({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });
});

describe('toJson', () => {
  it('indents by two spaces and ends with a newline', () => {
    expect(toJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });
});
