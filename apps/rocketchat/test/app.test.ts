import { CATALOGUE } from '@wavesmith/addons';
import { clusterContext, composeCluster, validateCluster, type ClusterLayer, type ClusterSpec, type Finding } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import rocketchatAks from '../../../clusters/rocketchat-aks.js';
import rocketchatEks from '../../../clusters/rocketchat-eks.js';
import { rocketchatApp } from '../src/app.js';

const REGISTRY = { platform: CATALOGUE, apps: [rocketchatApp] };
/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (f: Finding) => `clusters/${f.cluster}.ts [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;
const validate = (layer: ClusterLayer) => validateCluster(composeCluster(layer), `clusters/${layer.name}.ts`, REGISTRY);
const spec = (layer: ClusterLayer): ClusterSpec => {
  const result = validate(layer);
  expect(result.findings).toEqual([]);
  return result.spec!;
};
const objects = (s: ClusterSpec) => rocketchatApp.render(s.apps[0] as never, clusterContext(s, REGISTRY)).flatMap((c) => c.manifests) as Record<string, any>[];
const find = (s: ClusterSpec, kind: string) => objects(s).find((o) => o.kind === kind)!;

describe('the RocketChat app', () => {
  it('renders MongoDB, then RocketChat needing it', () => {
    expect(rocketchatApp.render(spec(rocketchatEks).apps[0] as never, clusterContext(spec(rocketchatEks), REGISTRY)).map((c) => [c.name, c.needs])).toEqual([
      ['rocketchat-mongodb', []],
      ['rocketchat', ['rocketchat-mongodb']],
    ]);
  });

  it('picks the load balancer and upload storage from the cloud, not the cluster name', () => {
    expect([find(spec(rocketchatEks), 'Ingress').spec.ingressClassName, find(spec(rocketchatAks), 'Ingress').spec.ingressClassName]).toEqual(['alb', 'azure-application-gateway']);
    expect(objects(spec(rocketchatAks)).map((o) => o.kind)).toContain('StorageClass');
    expect(objects(spec(rocketchatEks)).map((o) => o.kind)).not.toContain('StorageClass');
    expect(find(spec(composeCluster(rocketchatEks, { name: 'chat-azure-like' })), 'Ingress').spec.ingressClassName).toBe('alb');
  });

  it('mounts the uploads container of the storage account and resource group Terraform creates on Azure', () => {
    expect(objects(spec(rocketchatAks)).find((o) => o.kind === 'StorageClass' && o.metadata.name === 'rocketchat-rocketchat-uploads')!.parameters).toMatchObject({
      storageAccount: 'rocketchataksfiles',
      resourceGroup: 'rg-rocketchat-aks',
      containerName: 'rocketchat-aks-rocketchat-uploads',
    });
  });

  it('writes uploads to the S3 bucket the cluster declares for it, with the role of its IAM workload', () => {
    const aws = spec(rocketchatEks);
    const env = find(aws, 'Deployment').spec.template.spec.containers[0].env as { name: string; value: string }[];
    expect(env.find((e) => e.name === 'OVERWRITE_SETTING_FileUpload_S3_Bucket')!.value).toBe('rocketchat-eks-rocketchat-uploads');
    expect(objects(aws).find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'rocketchat')!.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/rocketchat-eks-rocketchat');
  });

  it('rejects an uploads bucket that is not declared, or not granted to its IAM workload', () => {
    const allowed = (declared: string) =>
      `an app whose uploads bucket is declared: cloud.buckets needs { purpose: "rocketchat-uploads", access: ["rocketchat"] } (declared: ${declared})`;
    const withBuckets = (buckets: unknown[]) => validate({ ...composeCluster(rocketchatEks), cloud: { ...composeCluster(rocketchatEks).cloud, buckets } } as ClusterLayer).findings.map(asLine);
    expect(withBuckets([])).toEqual([`clusters/rocketchat-eks.ts [cluster rocketchat-eks] /apps/0/name: got "rocketchat"; allowed: ${allowed('none')}`]);
    expect(withBuckets([{ purpose: 'rocketchat-uploads' }])).toEqual([
      `clusters/rocketchat-eks.ts [cluster rocketchat-eks] /apps/0/name: got "rocketchat"; allowed: ${allowed('rocketchat-uploads (access: none)')}`,
    ]);
  });

  it('rejects an uploads or backups container the Azure storage accounts do not declare', () => {
    const issues = validate({ ...composeCluster(rocketchatAks), cloud: { ...composeCluster(rocketchatAks).cloud, storageAccounts: [] } } as ClusterLayer).findings.map(asLine);
    expect(issues).toEqual([
      'clusters/rocketchat-aks.ts [cluster rocketchat-aks] /apps/0/name: got "rocketchat"; allowed: an app whose uploads container is declared: cloud.storageAccounts needs { purpose: "files", containers: ["rocketchat-uploads"] } (declared: none)',
      'clusters/rocketchat-aks.ts [cluster rocketchat-aks] /apps/0/backups: got {"schedule":"0 2 * * *"}; allowed: backups whose container is declared: cloud.storageAccounts needs { purpose: "backups", containers: ["rocketchat-backups"] } (declared: none)',
    ]);
  });

  it('dumps MongoDB nightly into the backups container on Azure, from pods the database admits, and refuses backups on AWS', () => {
    const aks = objects(spec(rocketchatAks));
    const job = aks.find((o) => o.kind === 'CronJob')!;
    expect([job.metadata.name, job.spec.schedule, job.spec.concurrencyPolicy]).toEqual(['mongodb-backup', '0 2 * * *', 'Forbid']);
    expect(job.spec.jobTemplate.spec.template.spec.containers[0].command.at(-1)).toContain('mongodump --uri="$DATABASE_URI" --gzip --archive=');
    expect(aks.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'rocketchat-mongodb-backups')!.parameters).toMatchObject({
      storageAccount: 'rocketchataksbackups',
      containerName: 'rocketchat-aks-rocketchat-backups',
    });
    const dbPolicy = aks.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'mongodb')!;
    expect(dbPolicy.spec.ingress[0].from).toContainEqual({ podSelector: { matchLabels: { app: 'mongodb-backup' } } });
    const onAws = validate(composeCluster(rocketchatEks, { apps: [{ name: 'rocketchat', backups: { schedule: '@daily' } }] })).findings.map(asLine);
    expect(onAws).toEqual([
      'clusters/rocketchat-eks.ts [cluster rocketchat-eks] /apps/0/backups: got {"schedule":"@daily"}; allowed: nothing on AWS: MongoDB dumps are written to Azure Blob storage only (no S3 target yet)',
    ]);
  });

  it('rejects RocketChat on AWS without the AWS Load Balancer Controller', () => {
    const layer = composeCluster(rocketchatEks);
    const issues = validate({ ...layer, platform: layer.platform!.filter((p) => p.name !== 'aws-load-balancer-controller') }).findings.map(asLine);
    expect(issues).toEqual([
      'clusters/rocketchat-eks.ts [cluster rocketchat-eks] /apps/0/chart: got "rocketchat"; allowed: a cluster whose platform has "aws-load-balancer-controller": RocketChat is exposed through an ALB on AWS',
    ]);
  });

  it('renders the same objects twice', () => {
    expect(JSON.stringify(objects(spec(rocketchatAks)))).toBe(JSON.stringify(objects(spec(rocketchatAks))));
  });
});
