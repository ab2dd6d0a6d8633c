import { checkSchemas, restrictedProblems } from '@wavesmith/checks';
import { describe, expect, it } from 'vitest';
import { vetAppComponents, type VetAppProps } from '../src/vet-app.js';

const defaults: VetAppProps = { name: 'vet-app', image: 'ghcr.io/wavesmith-examples/vet-app:1.0.0', host: 'vet-app.example.com', clusterIssuer: 'letsencrypt-production' };
const custom: VetAppProps = {
  ...defaults,
  replicas: 3,
  host: 'vets.example.org',
  clusterIssuer: 'letsencrypt-staging',
  storage: '10Gi',
  config: { DJANGO_SETTINGS_MODULE: 'vet_app.settings.production', LOG_LEVEL: 'info' },
  resources: { limits: { memory: '384Mi' } },
};

const manifests = (props: VetAppProps) => vetAppComponents(props)[0]!.manifests as readonly Record<string, any>[];
const find = (props: VetAppProps, kind: string) => manifests(props).find((o) => o.kind === kind)!;

describe('vetAppComponents', () => {
  it('renders the defaults', () => {
    expect(vetAppComponents(defaults)).toMatchSnapshot();
  });

  it('renders custom props', () => {
    expect(vetAppComponents(custom)).toMatchSnapshot();
  });

  it.each([defaults, custom])('renders only schema-valid, restricted objects and no Secret with data (%#)', async (props) => {
    const objects = manifests(props).map((object) => ({ file: `${object.kind}-${object.metadata.name}.yaml`, object: object as any }));
    expect(await checkSchemas(objects)).toEqual([]);
    expect(restrictedProblems(objects.map((o) => o.object))).toEqual([]);
    expect(objects.filter((o) => o.object.kind === 'Secret')).toEqual([]);
  });

  it('runs 2 replicas in namespace vet-app with requests 100m/128Mi and limits 200m/256Mi', () => {
    const deployment = find(defaults, 'Deployment');
    expect([deployment.metadata.namespace, deployment.spec.replicas]).toEqual(['vet-app', 2]);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '1Gi' },
      limits: { cpu: '200m', memory: '256Mi', 'ephemeral-storage': '2Gi' },
    });
  });

  it('serves port 80 -> 8000 selecting app=vet-app', () => {
    const service = find(defaults, 'Service');
    expect(service.spec.selector).toEqual({ app: 'vet-app' });
    expect(service.spec.ports[0]).toMatchObject({ port: 80, targetPort: 'http' });
    expect(find(defaults, 'Deployment').spec.template.spec.containers[0].ports[0]).toEqual({ name: 'http', containerPort: 8000, protocol: 'TCP' });
  });

  it('stores data on a 5Gi standard volume and takes its environment from a ConfigMap', () => {
    expect(find(defaults, 'PersistentVolumeClaim').spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '5Gi' } } });
    expect(find(custom, 'ConfigMap').data).toEqual(custom.config);
    expect(find(custom, 'Deployment').spec.template.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'vet-app-config' } }]);
  });

  it('schedules both replicas on the node the ReadWriteOnce volume is attached to', () => {
    expect(find(defaults, 'PersistentVolumeClaim').spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(find(defaults, 'Deployment').spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: { app: 'vet-app' } }, topologyKey: 'kubernetes.io/hostname' },
    ]);
  });

  it('is exposed by nginx on its host with a certificate from the ClusterIssuer cert-manager renders', () => {
    const ingress = find(defaults, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-production' });
    expect(ingress.spec.tls).toEqual([{ hosts: ['vet-app.example.com'], secretName: 'vet-app-tls' }]);
    expect(find({ ...defaults, host: 'dev.vet-app.example.com' }, 'Ingress').spec.rules[0].host).toBe('dev.vet-app.example.com');
  });

  it('lets ingress-nginx reach cert-manager\'s HTTP-01 solver pods on 8089 through the default-deny policy', () => {
    const policy = manifests(defaults).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'vet-app-acme-http01-solver')!;
    expect(policy.metadata.namespace).toBe('vet-app');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
    });
  });

  it('admits traffic only from ingress-nginx', () => {
    const policy = manifests(defaults).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'vet-app')!;
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8000, protocol: 'TCP' }] },
    ]);
  });

  it('rejects a writable root filesystem without an opt-in', () => {
    expect(() => vetAppComponents({ ...defaults, security: { readOnlyRootFilesystem: false } })).toThrow(
      'workload "vet-app": security/readOnlyRootFilesystem = false is not allowed; allowed: true (mount an emptyDir where the app writes), or allowUnsafe: { reason, writableRootFilesystem: true }',
    );
  });
});
