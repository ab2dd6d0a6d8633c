import { describe, expect, it } from 'vitest';
import { objectFileNames } from '../src/file-names.js';

const object = (kind: string, name: string, namespace?: string) => ({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('objectFileNames', () => {
  it('names files after the kind and name of their object', () => {
    expect(objectFileNames([object('ServiceAccount', 'Frontend'), object('Service', 'frontend')])).toEqual(['serviceaccount-frontend.yaml', 'service-frontend.yaml']);
  });

  it('adds the namespace when kind and name repeat', () => {
    expect(objectFileNames([object('Role', 'reader', 'b'), object('Role', 'reader', 'a')])).toEqual(['role-b-reader.yaml', 'role-a-reader.yaml']);
  });

  it('fails when the same object is rendered twice', () => {
    expect(() => objectFileNames([object('Role', 'reader', 'a'), object('Role', 'reader', 'a')])).toThrow('two objects would be written to role-a-reader.yaml');
  });
});
