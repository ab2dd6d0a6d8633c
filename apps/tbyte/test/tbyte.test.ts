import { checkSchemas, restrictedProblems } from '@wavesmith/checks';
import type { AppComponent } from '@wavesmith/k8s';
import { describe, expect, it } from 'vitest';
import { tbyteComponents, type TbyteProps } from '../src/tbyte.js';

const defaults: TbyteProps = {
  name: 'tbyte',
  namespace: 'tbyte',
  frontend: { image: 'ghcr.io/chiju/tbyte-frontend:1.0.0' },
  backend: { image: 'ghcr.io/chiju/tbyte-backend:1.0.0' },
  databaseSecretName: 'tbyte-dev/tbyte/credentials',
  databaseReaderRoleArn: 'arn:aws:iam::111122223333:role/tbyte-dev-backend',
  database: { instance: 'in-cluster' },
  vaultAddress: 'http://vault.vault.svc:8200',
  vaultRole: 'tbyte',
  prometheusAddress: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090',
};
const custom: TbyteProps = {
  ...defaults,
  frontend: { image: 'ghcr.io/chiju/tbyte-frontend:1.1.0', replicas: { min: 3, max: 8 } },
  backend: { ...defaults.backend, resources: { limits: { memory: '1Gi' } } },
  postgres: { storage: '20Gi', storageClass: 'gp3' },
  autoscaler: 'hpa',
  ingress: { controller: 'alb', host: 'tbyte.local', loadBalancerCidrs: ['10.0.0.0/20', '10.0.16.0/20'] },
};

const objectsOf = (components: readonly AppComponent[], component: string) => components.find((c) => c.name === component)!.manifests as readonly Record<string, any>[];
const find = (components: readonly AppComponent[], component: string, kind: string, name?: string) =>
  objectsOf(components, component).find((o) => o.kind === kind && (name === undefined || o.metadata.name === name))!;

describe('tbyteComponents', () => {
  it('renders the defaults', () => {
    expect(tbyteComponents(defaults)).toMatchSnapshot();
  });

  it('renders custom props', () => {
    expect(tbyteComponents(custom)).toMatchSnapshot();
  });

  it('syncs postgres, then the backend, then the frontend', () => {
    expect(tbyteComponents(defaults).map((c) => [c.name, c.needs])).toEqual([
      ['tbyte-postgres', []],
      ['tbyte-backend', ['tbyte-postgres']],
      ['tbyte-frontend', ['tbyte-backend']],
    ]);
  });

  it.each([defaults, custom])('renders only schema-valid, restricted objects and no Secret with data (%#)', async (props) => {
    const objects = tbyteComponents(props).flatMap((c) => c.manifests.map((object) => ({ file: `${c.name}/${object.kind}-${object.metadata.name}.yaml`, object })));
    expect(await checkSchemas(objects)).toEqual([]);
    expect(restrictedProblems(objects.map((o) => o.object))).toEqual([]);
    expect(objects.filter((o) => o.object.kind === 'Secret')).toEqual([]);
  });

  it('scales both tiers with KEDA from 2 to 5 replicas, with a Prometheus trigger on request rate', () => {
    const scaled = find(tbyteComponents(defaults), 'tbyte-backend', 'ScaledObject');
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([2, 5]);
    expect(scaled.spec.triggers[2].metadata.query).toBe('sum(rate(http_requests_total{namespace="tbyte",service="backend"}[2m]))');
    expect(find(tbyteComponents(custom), 'tbyte-frontend', 'HorizontalPodAutoscaler').spec.minReplicas).toBe(3);
  });

  it('reads the DB credentials from Secrets Manager and API keys from Vault through the CSI driver', () => {
    const components = tbyteComponents(defaults);
    const credentials = find(components, 'tbyte-postgres', 'SecretProviderClass', 'postgres-credentials');
    expect(JSON.parse(credentials.spec.parameters.objects)[0].objectName).toBe('tbyte-dev/tbyte/credentials');
    expect(find(components, 'tbyte-backend', 'SecretProviderClass', 'backend-api-keys').spec.provider).toBe('vault');
    const pod = find(components, 'tbyte-backend', 'Deployment').spec.template.spec;
    expect(pod.volumes.filter((v: any) => v.csi).map((v: any) => v.csi.volumeAttributes.secretProviderClass)).toEqual(['postgres-credentials', 'backend-api-keys']);
    expect(find(components, 'tbyte-backend', 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': defaults.databaseReaderRoleArn });
    expect(find(components, 'tbyte-postgres', 'StatefulSet').spec.template.spec.containers[0].env).toContainEqual({
      name: 'POSTGRES_PASSWORD_FILE',
      value: '/mnt/secrets/db/password',
    });
  });

  it('lets only the frontend call the backend and only the backend reach postgres', () => {
    const components = tbyteComponents(defaults);
    expect(find(components, 'tbyte-backend', 'NetworkPolicy', 'backend').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'frontend' } } }]);
    expect(find(components, 'tbyte-postgres', 'NetworkPolicy', 'postgres').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    expect(find(components, 'tbyte-frontend', 'NetworkPolicy', 'frontend').spec.egress.map((r: any) => r.ports[0].port)).toEqual([53, 443, 8080]);
  });

  it('exposes the frontend through an ALB when a host is given', () => {
    const ingress = find(tbyteComponents(custom), 'tbyte-frontend', 'Ingress');
    expect([ingress.spec.ingressClassName, ingress.spec.rules[0].host]).toEqual(['alb', 'tbyte.local']);
    expect(objectsOf(tbyteComponents(defaults), 'tbyte-frontend').some((o) => o.kind === 'Ingress')).toBe(false);
  });

  it('rejects an unpinned tier image', () => {
    expect(() => tbyteComponents({ ...defaults, backend: { image: 'ghcr.io/chiju/tbyte-backend:latest' } })).toThrow(
      'workload "backend": image = "ghcr.io/chiju/tbyte-backend:latest" is not allowed',
    );
  });
});
