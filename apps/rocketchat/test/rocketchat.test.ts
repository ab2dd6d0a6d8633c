import { checkSchemas, restrictedProblems } from '@wavesmith/checks';
import type { AppComponent } from '@wavesmith/k8s';
import { describe, expect, it } from 'vitest';
import { rocketchatComponents, type RocketchatProps } from '../src/rocketchat.js';

const aws: RocketchatProps = {
  name: 'rocketchat',
  namespace: 'rocketchat',
  host: 'chat.example.com',
  ingressController: 'alb',
  loadBalancerCidrs: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
  uploads: { kind: 's3', bucket: 'rocketchat-eks-rocketchat-uploads', region: 'us-east-1', roleArn: 'arn:aws:iam::111122223333:role/rocketchat-eks-rocketchat' },
};
const azure: RocketchatProps = {
  ...aws,
  ingressController: 'azure-application-gateway',
  loadBalancerCidrs: ['10.0.2.0/24'],
  uploads: { kind: 'blob', container: 'rocketchat-aks-rocketchat-uploads', storageAccount: 'rocketchataksfiles', resourceGroup: 'rg-rocketchat-aks' },
  rocketchat: { image: 'registry.rocket.chat/rocketchat/rocket.chat:6.13.0', replicas: { min: 3, max: 5 } },
  mongodb: { storage: '50Gi' },
};

const find = (components: readonly AppComponent[], kind: string, name?: string) =>
  components.flatMap((c) => c.manifests as readonly Record<string, any>[]).find((o) => o.kind === kind && (name === undefined || o.metadata.name === name))!;
const env = (components: readonly AppComponent[]) =>
  Object.fromEntries(find(components, 'Deployment').spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

describe('rocketchatComponents', () => {
  it('renders the defaults (AWS)', () => {
    expect(rocketchatComponents(aws)).toMatchSnapshot();
  });

  it('renders custom props (Azure)', () => {
    expect(rocketchatComponents(azure)).toMatchSnapshot();
  });

  it('syncs the MongoDB replica set before RocketChat', () => {
    expect(rocketchatComponents(aws).map((c) => [c.name, c.needs])).toEqual([
      ['rocketchat-mongodb', []],
      ['rocketchat', ['rocketchat-mongodb']],
    ]);
  });

  it.each([aws, azure])('renders only schema-valid, restricted objects and no Secret with data (%#)', async (props) => {
    const objects = rocketchatComponents(props).flatMap((c) => c.manifests.map((object) => ({ file: `${c.name}/${object.kind}-${object.metadata.name}.yaml`, object })));
    expect(await checkSchemas(objects)).toEqual([]);
    expect(restrictedProblems(objects.map((o) => o.object))).toEqual([]);
    expect(objects.filter((o) => o.object.kind === 'Secret')).toEqual([]);
  });

  it('runs 2 to 5 RocketChat replicas on a 3-member MongoDB replica set', () => {
    const components = rocketchatComponents(aws);
    const hpa = find(components, 'HorizontalPodAutoscaler');
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([2, 5]);
    expect(find(components, 'StatefulSet').spec.replicas).toBe(3);
    expect(env(components).MONGO_URL).toBe(
      'mongodb://mongodb-0.mongodb.rocketchat.svc.cluster.local:27017,mongodb-1.mongodb.rocketchat.svc.cluster.local:27017,mongodb-2.mongodb.rocketchat.svc.cluster.local:27017/rocketchat?replicaSet=rs0',
    );
  });

  it('connects to the replica set name the MongoDB members are started with', () => {
    const components = rocketchatComponents(aws);
    const args: string[] = find(components, 'StatefulSet').spec.template.spec.containers[0].args;
    expect(env(components).MONGO_URL.split('?replicaSet=')[1]).toBe(args[args.indexOf('--replSet') + 1]);
  });

  it('puts an ALB health-checking /api/v1/info in front on AWS and stores uploads in S3 with its IAM role', () => {
    const components = rocketchatComponents(aws);
    const ingress = find(components, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/api/v1/info');
    expect(env(components)).toMatchObject({ OVERWRITE_SETTING_FileUpload_Storage_Type: 'AmazonS3', OVERWRITE_SETTING_FileUpload_S3_Bucket: 'rocketchat-eks-rocketchat-uploads' });
    expect(find(components, 'ServiceAccount', 'rocketchat').metadata.annotations['eks.amazonaws.com/role-arn']).toBe(aws.uploads.kind === 's3' ? aws.uploads.roleArn : '');
    expect(find(components, 'NetworkPolicy', 'rocketchat').spec.ingress[0].from).toEqual(aws.loadBalancerCidrs.map((cidr) => ({ ipBlock: { cidr } })));
  });

  it('uses an Application Gateway probe on Azure and keeps uploads in a Blob container of the Terraform storage account, mountable by a non-root user', () => {
    const components = rocketchatComponents(azure);
    const ingress = find(components, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('azure-application-gateway');
    expect(ingress.metadata.annotations['appgw.ingress.kubernetes.io/health-probe-path']).toBe('/api/v1/info');
    const storageClass = find(components, 'StorageClass');
    expect(storageClass.parameters).toEqual({
      storageAccount: 'rocketchataksfiles',
      resourceGroup: 'rg-rocketchat-aks',
      containerName: 'rocketchat-aks-rocketchat-uploads',
      protocol: 'fuse2',
    });
    expect(storageClass.mountOptions).toEqual(['-o allow_other']);
    expect(find(components, 'PersistentVolumeClaim', 'rocketchat-uploads').spec.accessModes).toEqual(['ReadWriteMany']);
    expect(env(components).OVERWRITE_SETTING_FileUpload_Storage_Type).toBe('FileSystem');
  });

  it('admits only RocketChat to MongoDB', () => {
    const policy = find(rocketchatComponents(aws), 'NetworkPolicy', 'mongodb');
    expect(policy.spec.ingress[0]).toEqual({ from: [{ podSelector: { matchLabels: { app: 'rocketchat' } } }], ports: [{ port: 27017, protocol: 'TCP' }] });
  });

  it('rejects running MongoDB as root without an opt-in', () => {
    expect(() => rocketchatComponents({ ...aws, mongodb: { security: { runAsUser: 0 } } })).toThrow('workload "mongodb": security/runAsUser = 0 is not allowed');
  });
});
