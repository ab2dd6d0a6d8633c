import { composeCluster, validateCluster, type ClusterSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { businessComponents } from '../src/business-apps.js';
import rocketchatAks from '../../../clusters/rocketchat-aks.js';
import rocketchatEks from '../../../clusters/rocketchat-eks.js';
import tbyteDev from '../../../clusters/tbyte-dev.js';
import vetDev from '../../../clusters/vet-rke2-dev.js';
import vetProd from '../../../clusters/vet-rke2-prod.js';

function spec(layer: unknown): ClusterSpec {
  const result = validateCluster(layer, 'clusters/test.ts');
  expect(result.issues).toEqual([]);
  return result.spec!;
}

const kindsOf = (s: ClusterSpec, component: string) =>
  businessComponents(s)
    .find((p) => p.name === component)!
    .manifests.map((o) => o.kind);

describe('businessComponents', () => {
  it('plans each app in dependency order as business-tier components', () => {
    expect(businessComponents(spec(tbyteDev)).map((p) => [p.name, p.tier, p.namespace, p.needs])).toEqual([
      ['tbyte-postgres', 'business', 'tbyte', []],
      ['tbyte-backend', 'business', 'tbyte', ['tbyte-postgres']],
      ['tbyte-frontend', 'business', 'tbyte', ['tbyte-backend']],
    ]);
    expect(businessComponents(spec(vetDev)).map((p) => [p.name, p.namespace])).toEqual([['vet-app', 'vet-app']]);
  });

  it('names the database secret with databaseSecretName', () => {
    const spc = businessComponents(spec(tbyteDev))[0]!.manifests.find((o) => o.kind === 'SecretProviderClass')!;
    expect((spc as any).spec.parameters.objects).toContain('"objectName":"tbyte-dev/tbyte/credentials"');
  });

  it('picks the load balancer and upload storage from the cloud, not the cluster name', () => {
    const aws = spec(rocketchatEks);
    const azure = spec(rocketchatAks);
    const ingressClass = (s: ClusterSpec) => (businessComponents(s)[1]!.manifests.find((o) => o.kind === 'Ingress') as any).spec.ingressClassName;
    expect([ingressClass(aws), ingressClass(azure)]).toEqual(['alb', 'azure-application-gateway']);
    expect(kindsOf(azure, 'rocketchat')).toContain('StorageClass');
    expect(kindsOf(aws, 'rocketchat')).not.toContain('StorageClass');
    const renamed = spec(composeCluster(rocketchatEks, { name: 'chat-azure-like' }));
    expect(ingressClass(renamed)).toBe('alb');
  });

  it('mounts the uploads container of the storage account and resource group Terraform creates on Azure', () => {
    const azure = spec(rocketchatAks);
    const storageClass = businessComponents(azure)[1]!.manifests.find((o) => o.kind === 'StorageClass') as any;
    expect(storageClass.parameters).toMatchObject({ storageAccount: 'rocketchataksfiles', resourceGroup: 'rg-rocketchat-aks', containerName: 'rocketchat-aks-rocketchat-uploads' });
    expect(azure.cloud.storageAccounts).toContainEqual(expect.objectContaining({ purpose: 'files', containers: ['rocketchat-uploads'] }));
  });

  it('writes uploads to the S3 bucket the cluster declares for RocketChat', () => {
    const aws = spec(rocketchatEks);
    const env = (businessComponents(aws)[1]!.manifests.find((o) => o.kind === 'Deployment') as any).spec.template.spec.containers[0].env;
    const bucket = env.find((e: { name: string }) => e.name === 'OVERWRITE_SETTING_FileUpload_S3_Bucket').value;
    expect(aws.cloud.buckets!.map((b) => `${aws.name}-${b.purpose}`)).toContain(bucket);
  });

  it('serves each vet cluster on the host of its own DNS records', () => {
    const host = (layer: unknown) => (businessComponents(spec(layer))[0]!.manifests.find((o) => o.kind === 'Ingress') as any).spec.rules[0].host;
    expect([host(vetDev), host(vetProd)]).toEqual(['dev.vet-app.example.com', 'vet-app.example.com']);
  });

  it('renders the same plans twice', () => {
    expect(JSON.stringify(businessComponents(spec(rocketchatAks)))).toBe(JSON.stringify(businessComponents(spec(rocketchatAks))));
  });
});
