import { describe, expect, it } from 'vitest';
import { validateCluster, type SpecIssue } from '../../src/index.js';
import { clusterWith } from '../fixtures.js';

const tbyte = {
  name: 'tbyte',
  chart: 'tbyte',
  frontend: { image: 'ghcr.io/chiju/tbyte-frontend:1.0.0' },
  backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0' },
};
const tbytePlatform = [{ name: 'secrets-store-csi-driver' }, { name: 'vault' }, { name: 'keda' }];
const vetApp = { name: 'vet-app', chart: 'vet-app', image: 'vet:1.0.0', host: 'vet-app.example.com' };
const vetPlatform = [{ name: 'ingress-nginx' }, { name: 'cert-manager' }];
/** The cloud resources the test apps name: TByte's database and the uploads bucket of RocketChat app "chat". */
function cloudOf(apps: unknown[]): unknown {
  const charts = apps.map((app) => (app as { chart: string }).chart);
  return {
    databases: charts.includes('tbyte') ? [{ name: 'tbyte', readers: ['backend'] }] : [],
    buckets: charts.includes('rocketchat') ? [{ purpose: 'chat-uploads', access: ['rocketchat'] }] : [],
  };
}

/** Issues of the demo cluster running `apps` on Argo CD and `platform`, without file and cluster. */
function issues(apps: unknown[], platform: unknown[] = tbytePlatform, cloud: unknown = cloudOf(apps)): Omit<SpecIssue, 'file' | 'cluster'>[] {
  const result = validateCluster(
    clusterWith((s) => {
      s.apps = apps;
      s.platform = [{ name: 'argocd' }, ...platform];
      s.cloud = cloud;
    }),
    'clusters/demo.ts',
  );
  return result.issues.map(({ path, value, allowed }) => ({ path, value, allowed }));
}

describe('apps schema and rules', () => {
  it('accepts the business apps of the seeds with the platform they need', () => {
    expect(issues([tbyte])).toEqual([]);
    expect(issues([{ name: 'chat', chart: 'rocketchat', host: 'chat.example.com' }], [{ name: 'aws-load-balancer-controller' }])).toEqual([]);
    expect(issues([vetApp], vetPlatform)).toEqual([]);
  });

  it('rejects a negative replica count', () => {
    expect(issues([{ ...vetApp, replicas: -1 }])).toContainEqual({ path: '/apps/0/replicas', value: -1, allowed: 'a number >= 1' });
  });

  it('rejects a replica range whose minimum exceeds its maximum', () => {
    expect(issues([{ ...tbyte, backend: { ...tbyte.backend, replicas: { min: 6, max: 5 } } }])).toEqual([
      { path: '/apps/0/backend/replicas/min', value: 6, allowed: 'at most replicas.max (5)' },
    ]);
  });

  it('rejects a field the chosen chart does not have, naming its known fields', () => {
    expect(issues([{ ...tbyte, replicas: 2 }])).toContainEqual({
      path: '/apps/0/replicas',
      value: 2,
      allowed: 'known fields here: name, chart, namespace, frontend, backend, postgres, autoscaler, host, vaultRole',
    });
  });

  it.each(['ghcr.io/chiju/tbyte-backend:latest', 'ghcr.io/chiju/tbyte-backend'])('rejects the unpinned image %s', (image) => {
    expect(issues([{ ...tbyte, backend: { image } }])).toContainEqual({
      path: '/apps/0/backend/image',
      value: image,
      allowed: 'an image with an explicit tag or digest, such as registry/app:1.2.3 or registry/app@sha256:<64 hex digits>; never "latest" or untagged',
    });
  });

  it('rejects root without an explicit opt-in, and accepts it with one', () => {
    const root = { ...tbyte, backend: { ...tbyte.backend, security: { runAsUser: 0 } } };
    expect(issues([root])).toEqual([
      { path: '/apps/0/backend/security/runAsUser', value: 0, allowed: 'a non-zero user id, or allowUnsafe: { reason, runAsRoot: true }' },
    ]);
    expect(issues([{ ...root, backend: { ...root.backend, allowUnsafe: { reason: 'the vendor image only runs as root', runAsRoot: true } } }])).toEqual([]);
  });

  it('rejects an app whose platform components are missing', () => {
    expect(issues([vetApp], [])).toEqual([
      { path: '/apps/0/chart', value: 'vet-app', allowed: 'a cluster whose platform has "ingress-nginx": the app is exposed through an nginx Ingress' },
      { path: '/apps/0/chart', value: 'vet-app', allowed: 'a cluster whose platform has "cert-manager": its TLS certificate is issued by cert-manager' },
    ]);
  });

  it('rejects two apps in one namespace', () => {
    expect(issues([{ ...vetApp, name: 'vet-a', namespace: 'vets' }, { ...vetApp, name: 'vet-b', namespace: 'vets' }], vetPlatform)).toEqual([
      { path: '/apps/1/namespace', value: 'vets', allowed: 'a namespace of its own (/apps/0 already runs in "vets")' },
    ]);
  });

  it('rejects a RocketChat app on AWS whose uploads bucket is not declared, or not granted to rocketchat', () => {
    const chat = { name: 'chat', chart: 'rocketchat', host: 'chat.example.com' };
    const lb = [{ name: 'aws-load-balancer-controller' }];
    const allowed = (declared: string) =>
      `an app whose uploads bucket is declared: cloud.buckets needs { purpose: "chat-uploads", access: ["rocketchat"] } (declared: ${declared})`;
    expect(issues([chat], lb, { buckets: [{ purpose: 'rocketchat-uploads', access: ['rocketchat'] }] })).toEqual([
      { path: '/apps/0/name', value: 'chat', allowed: allowed('rocketchat-uploads (access: rocketchat)') },
    ]);
    expect(issues([chat], lb, { buckets: [{ purpose: 'chat-uploads' }] })).toEqual([{ path: '/apps/0/name', value: 'chat', allowed: allowed('chat-uploads (access: none)') }]);
  });

  it('rejects a TByte app on AWS whose database is not declared, or not read by the backend', () => {
    const allowed = (declared: string) => `an app whose database is declared: cloud.databases needs { name: "tbyte", readers: ["backend"] } (declared: ${declared})`;
    expect(issues([tbyte], tbytePlatform, {})).toEqual([{ path: '/apps/0/name', value: 'tbyte', allowed: allowed('none') }]);
    expect(issues([tbyte], tbytePlatform, { databases: [{ name: 'tbyte' }] })).toEqual([
      { path: '/apps/0/name', value: 'tbyte', allowed: allowed('tbyte (readers: none)') },
    ]);
  });

  it('rejects an app host that none of the cluster DNS records serves', () => {
    const dns = { zone: 'example.com', records: ['dev.vet-app'] };
    expect(issues([vetApp], vetPlatform, { dns })).toContainEqual({
      path: '/apps/0/host',
      value: 'vet-app.example.com',
      allowed: "a host among the cluster's DNS records (dev.vet-app.example.com), which the load balancer and its certificate serve",
    });
    expect(issues([{ ...vetApp, host: 'dev.vet-app.example.com' }], vetPlatform, { dns }).filter((i) => i.path.startsWith('/apps'))).toEqual([]);
  });
});
