import { checkSchemas } from '@wavesmith/checks';
import { describe, expect, it } from 'vitest';
import { SecretProviderClass, type SecretSource } from '../src/secret-provider-class.js';
import { asFiles, find, render } from './render.js';

const renderSpc = (source: SecretSource) => render((chart) => new SecretProviderClass(chart, 'spc', { name: 'creds', namespace: 'shop', labels: {}, source }));

describe('SecretProviderClass', () => {
  it('reads Secrets Manager secrets, one file per JSON key', async () => {
    const objects = renderSpc({ provider: 'aws', secrets: [{ secretName: 'c1/db/credentials', keys: ['username', 'password'] }] });
    const spc = find(objects, 'SecretProviderClass');
    expect(spc.spec.provider).toBe('aws');
    expect(JSON.parse(spc.spec.parameters.objects)).toEqual([
      {
        objectName: 'c1/db/credentials',
        objectType: 'secretsmanager',
        jmesPath: [
          { path: 'username', objectAlias: 'username' },
          { path: 'password', objectAlias: 'password' },
        ],
      },
    ]);
    expect(await checkSchemas(asFiles(objects))).toEqual([]);
  });

  it('reads Vault secrets with the pod role and never syncs a Kubernetes Secret', async () => {
    const objects = renderSpc({ provider: 'vault', address: 'http://vault.vault.svc:8200', role: 'shop', secrets: [{ fileName: 'api-keys', path: 'secret/data/shop/api', key: 'api-keys' }] });
    const spc = find(objects, 'SecretProviderClass');
    expect(spc.spec.parameters).toEqual({
      vaultAddress: 'http://vault.vault.svc:8200',
      roleName: 'shop',
      objects: '[{"objectName":"api-keys","secretPath":"secret/data/shop/api","secretKey":"api-keys"}]',
    });
    expect(spc.spec.secretObjects).toBeUndefined();
    expect(await checkSchemas(asFiles(objects))).toEqual([]);
  });

  it('rejects a class with nothing to mount', () => {
    expect(() => renderSpc({ provider: 'aws', secrets: [] })).toThrow('SecretProviderClass shop/creds: secrets = [] is not allowed');
  });
});
