import { CATALOGUE } from '@wavesmith/addons';
import { clusterContext, composeCluster, validateCluster, type ClusterLayer, type Finding, type ClusterSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import tbyteDev from '../../../clusters/tbyte-dev.js';
import tbyteProd from '../../../clusters/tbyte-prod.js';
import { tbyteApp } from '../src/app.js';

/** A finding as one line: file, cluster, JSON Pointer and message (the rule ids are asserted where the rules are). */
const asLine = (file: string) => (f: Finding) => `${file} [cluster ${f.cluster}] ${f.path ? f.path : '(spec)'}: ${f.message}`;

const REGISTRY = { platform: CATALOGUE, apps: [tbyteApp] };
const validate = (...layers: ClusterLayer[]) => validateCluster(composeCluster(tbyteDev, ...layers), 'clusters/tbyte-dev.ts', REGISTRY);
const issues = (...layers: ClusterLayer[]) => validate(...layers).findings.map(asLine('clusters/tbyte-dev.ts'));
const spec = (...layers: ClusterLayer[]): ClusterSpec => {
  const result = validate(...layers);
  expect(result.findings).toEqual([]);
  return result.spec!;
};
const render = (s: ClusterSpec) => tbyteApp.render(s.apps[0] as never, clusterContext(s, REGISTRY));
const at = (path: string) => `clusters/tbyte-dev.ts [cluster tbyte-dev] /apps/0${path}`;

describe('the TByte app', () => {
  it('renders its database, backend and frontend in dependency order', () => {
    expect(render(spec()).map((c) => [c.name, c.namespace, c.needs])).toEqual([
      ['tbyte-postgres', 'tbyte', []],
      ['tbyte-backend', 'tbyte', ['tbyte-postgres']],
      ['tbyte-frontend', 'tbyte', ['tbyte-backend']],
    ]);
  });

  it('reads the database secret Terraform names, with the role of its IAM workload, and API keys from the Vault the cluster serves', () => {
    const objects = render(spec()).flatMap((c) => c.manifests) as Record<string, any>[];
    const classes = objects.filter((o) => o.kind === 'SecretProviderClass');
    expect(classes.find((o) => o.spec.provider === 'aws')!.spec.parameters.objects).toContain('"objectName":"tbyte-dev/tbyte/credentials"');
    expect(classes.find((o) => o.spec.provider === 'vault')!.spec.parameters.vaultAddress).toBe('http://vault.vault.svc:8200');
    expect(objects.find((o) => o.kind === 'ServiceAccount')!.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/tbyte-dev-backend');
  });

  it('runs no PostgreSQL where the cluster keeps the database on RDS, and lets the backend reach RDS in the private subnets', () => {
    const prod = validateCluster(composeCluster(tbyteProd), 'clusters/tbyte-prod.ts', REGISTRY);
    expect(prod.findings).toEqual([]);
    const components = render(prod.spec!);
    expect(components.map((c) => [c.name, c.needs])).toEqual([
      ['tbyte-backend', []],
      ['tbyte-frontend', ['tbyte-backend']],
    ]);
    const backend = components[0]!.manifests as unknown as Record<string, any>[];
    const env = backend.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
    expect(env).not.toContain('DB_HOST');
    expect(backend.find((o) => o.kind === 'SecretProviderClass' && o.metadata.name === 'postgres-credentials')!.spec.parameters.objects).toContain('"path":"host"');
    const egress = backend.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'backend')!.spec.egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.64.0/19' } }, { ipBlock: { cidr: '10.0.96.0/19' } }, { ipBlock: { cidr: '10.0.128.0/19' } }], ports: [{ port: 5432, protocol: 'TCP' }] });
  });

  it('rejects in-cluster PostgreSQL settings for a database on RDS', () => {
    const issues = validateCluster(composeCluster(tbyteProd, { apps: [{ name: 'tbyte', postgres: { storage: '20Gi' } }] }), 'clusters/tbyte-prod.ts', REGISTRY).findings.map(asLine('clusters/tbyte-prod.ts'));
    expect(issues).toEqual(['clusters/tbyte-prod.ts [cluster tbyte-prod] /apps/0/postgres: got {"storage":"20Gi"}; allowed: nothing: cloud.databases runs "tbyte" on RDS, so no PostgreSQL runs in the cluster']);
  });

  it('puts the frontend behind an ALB reaching pods from the public subnets when it has a host', () => {
    const ingress = render(spec({ apps: [{ name: 'tbyte', host: 'tbyte.example.com' }], platform: [{ name: 'aws-load-balancer-controller' }] }))
      .flatMap((c) => c.manifests)
      .find((o) => o.kind === 'Ingress') as Record<string, any>;
    expect(ingress.spec.ingressClassName).toBe('alb');
  });

  it('rejects a replica range whose minimum exceeds its maximum', () => {
    expect(issues({ apps: [{ name: 'tbyte', backend: { replicas: { min: 6, max: 5 } } }] })).toEqual([`${at('/backend/replicas/min')}: got 6; allowed: at most replicas.max (5)`]);
  });

  it('rejects a field TByte does not have, naming its fields', () => {
    expect(issues({ apps: [{ name: 'tbyte', replicas: 2 } as never] })).toEqual([
      `${at('/replicas')}: got 2; allowed: known fields here: name, chart, namespace, frontend, backend, postgres, autoscaler, host, vaultRole`,
    ]);
  });

  it.each(['ghcr.io/chiju/tbyte-backend:latest', 'ghcr.io/chiju/tbyte-backend'])('rejects the unpinned image %s', (image) => {
    expect(issues({ apps: [{ name: 'tbyte', backend: { image } }] })).toEqual([
      `${at('/backend/image')}: got "${image}"; allowed: an image with an explicit tag or digest, such as registry/app:1.2.3 or registry/app@sha256:<64 hex digits>; never "latest" or untagged`,
    ]);
  });

  it('rejects root without an explicit opt-in, and accepts it with one, which waives the finding', () => {
    const root = { name: 'tbyte', backend: { security: { runAsUser: 0 } } };
    expect(issues({ apps: [root] })).toEqual([`${at('/backend/security/runAsUser')}: got 0; allowed: a non-zero user id, or allowUnsafe: { reason, runAsRoot: true }`]);
    expect(validate({ apps: [root] }).spec).toBeUndefined();
    const optedIn = validate({ apps: [{ ...root, backend: { ...root.backend, allowUnsafe: { reason: 'the vendor image only runs as root', runAsRoot: true } } }] });
    expect(optedIn.spec).toBeDefined();
    expect(optedIn.findings.map((f) => [f.rule, f.path])).toEqual([['pod-run-as-root', '/apps/0/backend/security/runAsUser']]);
  });

  it('rejects a cluster without the platform it needs, saying why', () => {
    // Without Vault the Secrets Store driver keeps only its AWS provider.
    const platform = tbyteDev.platform!.filter((p) => p.name !== 'vault' && p.name !== 'keda').map((p) => (p.name === 'secrets-store-csi-driver' ? { ...p, providers: ['aws' as const] } : p));
    expect(validateCluster({ ...composeCluster(tbyteDev), platform }, 'clusters/tbyte-dev.ts', REGISTRY).findings.map(asLine('clusters/tbyte-dev.ts'))).toEqual([
      `${at('/chart')}: got "tbyte"; allowed: a cluster whose platform has "vault": the backend reads its API keys from Vault`,
      `${at('/chart')}: got "tbyte"; allowed: a cluster whose platform has "keda": autoscaler "keda" renders ScaledObjects`,
    ]);
  });

  it('rejects a database that is not declared, or not read by its IAM workload', () => {
    const allowed = (declared: string) => `an app whose database is declared: cloud.databases needs { name: "tbyte", instance, readers: ["backend"] } (declared: ${declared})`;
    const cloud = (databases: unknown[]) => ({ ...composeCluster(tbyteDev), cloud: { ...tbyteDev.cloud, databases } });
    expect(validateCluster(cloud([]), 'clusters/tbyte-dev.ts', REGISTRY).findings.map(asLine('clusters/tbyte-dev.ts'))).toEqual([`${at('/name')}: got "tbyte"; allowed: ${allowed('none')}`]);
    expect(validateCluster(cloud([{ name: 'tbyte', instance: 'in-cluster' }]), 'clusters/tbyte-dev.ts', REGISTRY).findings.map(asLine('clusters/tbyte-dev.ts'))).toEqual([
      `${at('/name')}: got "tbyte"; allowed: ${allowed('tbyte (readers: none)')}`,
    ]);
  });
});
