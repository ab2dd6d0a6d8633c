import { ClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { EC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { NodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA, planWaves } from '@wavesmith/argocd';
import {
  awsRoleArn,
  bucketName,
  karpenterInterruptionQueueName,
  karpenterNodeRoleName,
  type ComponentPlan,
  type KubeObject,
} from '@wavesmith/model';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { letsEncryptIssuerName } from '../src/index.js';
import { cluster, EKS_BASE, plansOf, RKE2_BASE } from './fixtures.js';

const EKS = cluster(EKS_BASE, {
  environment: 'prod',
  platform: [
    { name: 'karpenter', nodePools: [{ name: 'spot', instanceFamilies: ['c7i'], capacityTypes: ['spot'], limits: { cpu: 64 } }] },
    { name: 'keda' },
    { name: 'secrets-store-csi-driver' },
    { name: 'kube-prometheus-stack', values: { grafana: { defaultDashboardsTimezone: 'utc' } } },
    { name: 'loki', storage: 's3' },
    { name: 'promtail' },
    { name: 'tempo' },
    { name: 'mimir' },
    { name: 'vault', ha: true },
    { name: 'aws-load-balancer-controller' },
    { name: 'cluster-autoscaler' },
    { name: 'ebs-csi-driver' },
    { name: 'efs-csi-driver', fileSystem: 'shared' },
  ],
  cloud: { fileSystems: [{ name: 'shared' }] },
});
const RKE2 = cluster(RKE2_BASE, {
  platform: [{ name: 'cert-manager', letsEncrypt: { email: 'ops@example.com' } }, { name: 'ingress-nginx' }, { name: 'rancher', hostname: 'rancher.example.com' }],
});
const plans = [...plansOf(EKS), ...plansOf(RKE2)] as ComponentPlan[];
const eksPlans = plansOf(EKS);
const find = (list: readonly ComponentPlan[], name: string) => list.find((p) => p.name === name)!;
const values = (name: string, list: readonly ComponentPlan[] = eksPlans) => find(list, name).chart!.values as Record<string, any>;
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  NodePool,
  EC2NodeClass,
  ClusterIssuer,
  StorageClass,
  ConfigMap,
};

describe('platformComponents', () => {
  it('returns plans sorted by name, the same on every call', () => {
    const names = eksPlans.map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(plansOf(EKS)).toEqual(eksPlans);
  });

  it('pins every chart to an exact version', () => {
    for (const p of plans.filter((x) => x.chart)) expect(p.chart!.version, p.name).toMatch(/^v?\d+\.\d+\.\d+$/);
  });

  it('pins the chart versions the seeds require', () => {
    const versions = Object.fromEntries(plans.filter((p) => p.chart).map((p) => [p.name, `${p.chart!.repoURL} ${p.chart!.chart} ${p.chart!.version}`]));
    expect(versions.rancher).toBe('https://releases.rancher.com/server-charts/latest rancher 2.7.9');
    expect(versions['aws-load-balancer-controller']).toBe('https://aws.github.io/eks-charts aws-load-balancer-controller 1.12.0');
    expect(versions['efs-csi-driver']).toBe('https://kubernetes-sigs.github.io/aws-efs-csi-driver aws-efs-csi-driver 3.1.8');
    expect(versions['cluster-autoscaler']).toBe('https://kubernetes.github.io/autoscaler cluster-autoscaler 9.47.0');
  });

  it('renders objects that validate against their schemas', () => {
    const objects = plans.flatMap((p) => p.manifests);
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(Object.keys(MODELS)));
    for (const o of objects) expect(() => new MODELS[o.kind]!(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
  });

  it('puts Argo CD in the first wave with the Application health check in argocd-cm', () => {
    const waves = planWaves(eksPlans);
    expect(waves.get('argocd')).toBe(0);
    expect(Math.min(...[...waves].filter(([name]) => name !== 'argocd').map(([, w]) => w))).toBeGreaterThan(0);
    expect(values('argocd').configs.cm[APPLICATION_HEALTH_KEY]).toBe(APPLICATION_HEALTH_LUA);
  });

  it('registers the OCI registry of the Karpenter chart with Argo CD', () => {
    expect(values('argocd').configs.repositories).toEqual({ karpenter: { name: 'karpenter', type: 'helm', url: 'public.ecr.aws/karpenter', enableOCI: 'true' } });
  });

  it('syncs NodePools after the Karpenter controller that installs their CRDs', () => {
    const waves = planWaves(eksPlans);
    expect(waves.get('karpenter-nodepools')).toBeGreaterThan(waves.get('karpenter')!);
    expect(waves.get('secrets-store-provider-aws')).toBeGreaterThan(waves.get('secrets-store-csi-driver')!);
    expect(waves.get('loki')).toBeGreaterThan(waves.get('kube-prometheus-stack')!);
    expect(waves.get('promtail')).toBeGreaterThan(waves.get('loki')!);
    const rke2 = planWaves(plansOf(RKE2));
    expect(rke2.get('cert-manager-issuers')).toBeGreaterThan(rke2.get('cert-manager')!);
    expect(rke2.get('rancher')).toBeGreaterThan(rke2.get('cert-manager')!);
  });

  it('renders the node pools from their typed options', () => {
    const pool = find(eksPlans, 'karpenter-nodepools').manifests.find((o) => o.kind === 'NodePool')! as KubeObject & { spec: any };
    expect(pool.metadata.name).toBe('spot');
    expect(pool.spec.template.spec.requirements.slice(0, 2)).toEqual([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['c7i'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
    ]);
    expect(pool.spec.limits).toEqual({ cpu: '64', memory: '400Gi' });
  });

  it('takes cloud resource names from cloud-names', () => {
    const nodeClass = find(eksPlans, 'karpenter-nodepools').manifests.find((o) => o.kind === 'EC2NodeClass')! as KubeObject & { spec: any };
    expect(nodeClass.spec.role).toBe(karpenterNodeRoleName(EKS));
    expect(values('karpenter').settings).toEqual({ clusterName: 'test-eks', interruptionQueue: karpenterInterruptionQueueName(EKS) });
    expect(values('karpenter').serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(awsRoleArn(EKS, 'karpenter'));
    expect(values('loki').loki.storage.bucketNames.chunks).toBe(bucketName(EKS, 'loki-chunks'));
    expect(values('mimir').mimir.structuredConfig.blocks_storage.s3.bucket_name).toBe(bucketName(EKS, 'mimir-metrics'));
  });

  it('applies retention and replicas of the options for the cluster environment', () => {
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec).toMatchObject({ retention: '15d', replicas: 2, scrapeInterval: '30s' });
    expect(values('loki').loki.limits_config.retention_period).toBe('720h');
    expect(values('tempo').tempo.retention).toBe('168h');
    expect(values('vault').server.ha).toMatchObject({ enabled: true, replicas: 3, raft: { enabled: true } });
    expect(values('rancher', plansOf(RKE2)).replicas).toBe(1);
  });

  it('deep-merges the free-form values last', () => {
    expect(values('kube-prometheus-stack').grafana).toEqual({
      enabled: true,
      sidecar: { datasources: { enabled: true, label: 'grafana_datasource', labelValue: '1' } },
      defaultDashboardsTimezone: 'utc',
    });
  });

  it('asks for server-side apply where a chart ships a CRD too large for client-side apply, and only there', () => {
    // keda 2.16.1: scaledjobs 279,720 bytes; kube-prometheus-stack 72.6.2: prometheuses 449,998 (their facts).
    expect(plans.filter((p) => p.serverSideApply).map((p) => p.name)).toEqual(['keda', 'kube-prometheus-stack']);
  });

  it('ignores the fields a controller rewrites after apply, as the chart facts list them, and respects that when syncing', () => {
    expect(find(eksPlans, 'keda').ignoreDifferences).toEqual([
      {
        group: 'admissionregistration.k8s.io',
        kind: 'ValidatingWebhookConfiguration',
        name: 'keda-admission',
        jsonPointers: ['/webhooks/0/clientConfig/caBundle', '/webhooks/1/clientConfig/caBundle', '/webhooks/2/clientConfig/caBundle'],
      },
      { group: 'apiregistration.k8s.io', kind: 'APIService', name: 'v1beta1.external.metrics.k8s.io', jsonPointers: ['/spec/caBundle'] },
    ]);
    // Render-time certificates of the load balancer controller's webhook: a new one each render.
    expect(find(eksPlans, 'aws-load-balancer-controller').ignoreDifferences!.map((d) => `${d.kind} ${d.name}`)).toEqual([
      'MutatingWebhookConfiguration aws-load-balancer-webhook',
      'ValidatingWebhookConfiguration aws-load-balancer-webhook',
      'Secret aws-load-balancer-tls',
    ]);
    // Inactive under these values: no Grafana admin-password churn, no autoscaled Mimir.
    expect(find(eksPlans, 'mimir').ignoreDifferences).toBeUndefined();
    expect(find(eksPlans, 'vault').ignoreDifferences!.map((d) => d.name)).toEqual(['vault-agent-injector-cfg']);
  });

  it('keeps a sealed or uninitialised Vault Ready so later sync waves are not blocked', () => {
    const standalone = plansOf(cluster(EKS_BASE, { platform: [{ name: 'vault' }] }));
    for (const server of [values('vault').server, values('vault', standalone).server]) {
      expect(server.readinessProbe).toEqual({ enabled: true, path: '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204' });
    }
    expect(values('vault', standalone).server.ha.raft).toEqual({ enabled: false });
  });

  it('lets every Raft server of an HA Vault join the others through the headless service', () => {
    const config: string = values('vault').server.ha.raft.config;
    const joins = [...config.matchAll(/leader_api_addr = "([^"]+)"/g)].map((m) => m[1]);
    expect(joins).toEqual(['http://vault-0.vault-internal:8200', 'http://vault-1.vault-internal:8200', 'http://vault-2.vault-internal:8200']);
    expect(config).toMatch(/storage "raft" \{\n  path = "\/vault\/data"\n  retry_join \{/);
    expect(config).toContain('service_registration "kubernetes" {}');
    const five = plansOf(cluster(EKS_BASE, { platform: [{ name: 'vault', ha: true, replicas: { dev: 5 } }] }));
    expect((values('vault', five).server.ha.raft.config as string).match(/retry_join/g)).toHaveLength(5);
  });

  it('opens host ports with a DaemonSet on distributions without a cloud load balancer', () => {
    expect(values('ingress-nginx', plansOf(RKE2)).controller).toEqual({
      ingressClassResource: { default: true },
      kind: 'DaemonSet',
      hostPort: { enabled: true },
      service: { type: 'ClusterIP' },
      publishService: { enabled: false },
    });
  });

  it('exposes ingress-nginx through a LoadBalancer Service on EKS, or as the exposure option says', () => {
    const eks = plansOf(cluster(EKS_BASE, { environment: 'prod', platform: [{ name: 'ingress-nginx' }] }));
    expect(values('ingress-nginx', eks).controller).toEqual({ ingressClassResource: { default: true }, replicaCount: 2, service: { type: 'LoadBalancer' } });
    const nodePort = plansOf(cluster(RKE2_BASE, { platform: [{ name: 'ingress-nginx', exposure: 'node-port' }] }));
    expect(values('ingress-nginx', nodePort).controller).toMatchObject({ replicaCount: 1, service: { type: 'NodePort' } });
    expect(values('ingress-nginx', nodePort).controller.kind).toBeUndefined();
  });

  it('names the Let\'s Encrypt ClusterIssuer after its server, as Ingresses reference it', () => {
    const issuer = find(plansOf(RKE2), 'cert-manager-issuers').manifests[0]!;
    expect(issuer.metadata.name).toBe('letsencrypt-production');
    const staging = plansOf(cluster(RKE2_BASE, { platform: [{ name: 'cert-manager', letsEncrypt: { email: 'ops@example.com', server: 'staging' } }] }));
    expect(find(staging, 'cert-manager-issuers').manifests[0]!.metadata.name).toBe(letsEncryptIssuerName('staging'));
  });

  it('remote-writes Prometheus metrics to the Mimir gateway when Mimir is on the cluster', () => {
    expect(values('kube-prometheus-stack').prometheus.prometheusSpec.remoteWrite).toEqual([{ url: 'http://mimir-nginx.monitoring.svc:80/api/v1/push' }]);
    const withoutMimir = plansOf(cluster(EKS_BASE, { platform: [{ name: 'kube-prometheus-stack' }] }));
    expect(values('kube-prometheus-stack', withoutMimir).prometheus.prometheusSpec.remoteWrite).toBeUndefined();
  });

  it('writes each Grafana datasource as a YAML file, the only format Grafana provisions', () => {
    const [loki] = find(eksPlans, 'kube-prometheus-stack').manifests as (KubeObject & { data: Record<string, string> })[];
    expect(Object.keys(loki!.data)).toEqual(['loki.yaml']);
    expect(parse(loki!.data['loki.yaml']!)).toEqual({
      apiVersion: 1,
      datasources: [{ name: 'loki', type: 'loki', access: 'proxy', url: 'http://loki.monitoring.svc:3100', uid: 'loki' }],
    });
  });

  it('adds a Grafana datasource for each of Loki, Tempo and Mimir on the cluster', () => {
    expect(find(eksPlans, 'kube-prometheus-stack').manifests.map((o) => o.metadata.name)).toEqual([
      'grafana-datasource-loki',
      'grafana-datasource-tempo',
      'grafana-datasource-mimir',
    ]);
  });

  it('renders ServiceMonitors only when the Prometheus operator is there to read them', () => {
    const bare = plansOf(cluster(EKS_BASE, { platform: [{ name: 'loki' }] }));
    expect(find(bare, 'loki').usesCrds).toEqual([]);
    expect((find(bare, 'loki').chart!.values as any).monitoring.serviceMonitor.enabled).toBe(false);
    expect(find(eksPlans, 'loki').usesCrds).toEqual(['monitoring.coreos.com/ServiceMonitor']);
  });
});
