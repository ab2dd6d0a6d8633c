import { describe, expect, it } from 'vitest';
import { HIDDEN, isSensitive, redact, type ValueOwner } from '../src/sensitive.js';

const secret: ValueOwner = { kind: 'object', ref: { group: '', kind: 'Secret', namespace: 'a', name: 's' } };
const configMap: ValueOwner = { kind: 'object', ref: { group: '', kind: 'ConfigMap', namespace: 'a', name: 'c' } };

describe('isSensitive', () => {
  it('hides the data and stringData of Secrets, and nothing of ConfigMaps', () => {
    expect(isSensitive(secret, [{ key: 'data' }, { key: 'password' }])).toBe(true);
    expect(isSensitive(secret, [{ key: 'stringData' }])).toBe(true);
    expect(isSensitive(secret, [{ key: 'metadata' }, { key: 'name' }])).toBe(false);
    expect(isSensitive(configMap, [{ key: 'data' }, { key: 'password' }])).toBe(false);
  });

  it('hides Terraform outputs and variables declared sensitive', () => {
    expect(isSensitive({ kind: 'terraform', section: 'output', type: '', body: { value: 'x', sensitive: true } }, [{ key: 'value' }])).toBe(true);
    expect(isSensitive({ kind: 'terraform', section: 'output', type: '', body: { value: 'x' } }, [{ key: 'value' }])).toBe(false);
    expect(isSensitive({ kind: 'terraform', section: 'variable', type: '', body: { default: 'x', sensitive: true } }, [{ key: 'default' }])).toBe(true);
  });
});

describe('redact', () => {
  it('replaces only the sensitive parts of a whole value and counts them', () => {
    const owner: ValueOwner = { kind: 'terraform', section: 'resource', type: 'aws_db_instance', body: {} };
    expect(redact(owner, [], { engine: 'postgres', password: 'p', password_wo: 'q' })).toEqual({ value: { engine: 'postgres', password: HIDDEN, password_wo: HIDDEN }, hidden: 2 });
    expect(redact(secret, [], { kind: 'Secret', data: { a: 'x', b: 'y' } })).toEqual({ value: { kind: 'Secret', data: HIDDEN }, hidden: 1 });
  });
});
