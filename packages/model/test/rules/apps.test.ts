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

/** Issues of the demo cluster running `apps` on Argo CD and `platform`, without file and cluster. */
function issues(apps: unknown[], platform: unknown[] = tbytePlatform): Omit<SpecIssue, 'file' | 'cluster'>[] {
  const result = validateCluster(
    clusterWith((s) => {
      s.apps = apps;
      s.platform = [{ name: 'argocd' }, ...platform];
    }),
    'clusters/demo.ts',
  );
  return result.issues.map(({ path, value, allowed }) => ({ path, value, allowed }));
}

describe('apps schema and rules', () => {
  it('accepts the business apps of the seeds with the platform they need', () => {
    expect(issues([tbyte])).toEqual([]);
    expect(issues([{ name: 'chat', chart: 'rocketchat', host: 'chat.example.com' }], [{ name: 'aws-load-balancer-controller' }])).toEqual([]);
    expect(issues([{ name: 'vet-app', chart: 'vet-app', image: 'vet:1.0.0' }], [{ name: 'ingress-nginx' }, { name: 'cert-manager' }])).toEqual([]);
  });

  it('rejects a negative replica count', () => {
    expect(issues([{ name: 'vet-app', chart: 'vet-app', image: 'vet:1.0.0', replicas: -1 }])).toContainEqual({ path: '/apps/0/replicas', value: -1, allowed: 'a number >= 1' });
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
    expect(issues([{ name: 'vet-app', chart: 'vet-app', image: 'vet:1.0.0' }], [])).toEqual([
      { path: '/apps/0/chart', value: 'vet-app', allowed: 'a cluster whose platform has "ingress-nginx": the app is exposed through an nginx Ingress' },
      { path: '/apps/0/chart', value: 'vet-app', allowed: 'a cluster whose platform has "cert-manager": its TLS certificate is issued by cert-manager' },
    ]);
  });

  it('rejects two apps in one namespace', () => {
    const vet = { chart: 'vet-app', image: 'vet:1.0.0' };
    const platform = [{ name: 'ingress-nginx' }, { name: 'cert-manager' }];
    expect(issues([{ name: 'vet-a', namespace: 'vets', ...vet }, { name: 'vet-b', namespace: 'vets', ...vet }], platform)).toEqual([
      { path: '/apps/1/namespace', value: 'vets', allowed: 'a namespace of its own (/apps/0 already runs in "vets")' },
    ]);
  });
});
