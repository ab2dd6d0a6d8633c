import { describe, expect, it } from 'vitest';
import { podTemplate } from '../src/pod-template.js';

describe('podTemplate', () => {
  it('orders environment variables by code point, the same on every machine whatever its locale', () => {
    const template = podTemplate({
      name: 'api',
      labels: { app: 'api' },
      image: 'registry.example.com/api:1.4.2',
      serviceAccountName: 'api',
      env: { b: '1', B: '2', a: '3', _x: '4', A: '5', Z9: '6' },
    });
    // A locale-aware sort would interleave cases (a, A, b, B, ...); code-point order puts upper case first.
    expect(template.spec!.containers[0]!.env!.map((e) => e.name)).toEqual(['A', 'B', 'Z9', '_x', 'a', 'b']);
  });
});
