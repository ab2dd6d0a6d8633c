import { bucketName, s3Endpoint, type ComponentPlan, type KubeObject } from '@wavesmith/model';
import { stringify } from 'yaml';
import { CHARTS } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

const NAMESPACE = 'monitoring';
const SERVICE_MONITOR = 'monitoring.coreos.com/ServiceMonitor';
const PROMETHEUS_CRDS = [
  'Alertmanager',
  'AlertmanagerConfig',
  'PodMonitor',
  'Probe',
  'Prometheus',
  'PrometheusAgent',
  'PrometheusRule',
  'ScrapeConfig',
  'ServiceMonitor',
  'ThanosRuler',
].map((kind) => `monitoring.coreos.com/${kind}`);

/** The NGINX gateway the mimir-distributed chart puts in front of reads and writes (`<release>-nginx`, port 80). */
const MIMIR_GATEWAY = `http://mimir-nginx.${NAMESPACE}.svc:80`;

/** In-cluster addresses Grafana reads from (ports of seed 000: Loki 3100, Tempo 3200). */
const DATASOURCES = {
  loki: { type: 'loki', url: `http://loki.${NAMESPACE}.svc:3100` },
  tempo: { type: 'tempo', url: `http://tempo.${NAMESPACE}.svc:3200` },
  mimir: { type: 'prometheus', url: `${MIMIR_GATEWAY}/prometheus` },
} as const;

/** Prometheus, Alertmanager and Grafana, with a Grafana datasource for each log, trace and metric store on the cluster. */
export function kubePrometheusStack(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('kube-prometheus-stack');
  const stores = (Object.keys(DATASOURCES) as (keyof typeof DATASOURCES)[]).filter((name) => ctx.has(name));
  return chartPlan({
    name: 'kube-prometheus-stack',
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.kubePrometheusStack,
    values: {
      prometheus: {
        prometheusSpec: {
          retention: `${options.retentionDays}d`,
          scrapeInterval: options.scrapeInterval,
          replicas: ctx.replicas(options),
          // Pick up ServiceMonitors of every release, not only this chart's.
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          // Mimir keeps the metrics long term; Prometheus only for its own retention.
          ...(ctx.has('mimir') ? { remoteWrite: [{ url: `${MIMIR_GATEWAY}/api/v1/push` }] } : {}),
          storageSpec: {
            volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${options.storageGiB}Gi` } } } },
          },
        },
      },
      alertmanager: { enabled: options.alertmanager },
      grafana: { enabled: options.grafana, sidecar: { datasources: { enabled: true, label: 'grafana_datasource', labelValue: '1' } } },
    },
    overrides: options.values,
    installsCrds: PROMETHEUS_CRDS,
    manifests: options.grafana ? stores.map((name) => datasource(name, DATASOURCES[name])) : [],
    // The operator's CRDs are larger than the 256 KiB client-side apply annotation allows.
    serverSideApply: true,
  });
}

/** A datasource the Grafana sidecar loads from a labelled ConfigMap; Grafana provisions only `.yaml`/`.yml` files. */
function datasource(name: string, source: { type: string; url: string }): KubeObject {
  const file = { apiVersion: 1, datasources: [{ name, type: source.type, access: 'proxy', url: source.url, uid: name }] };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `grafana-datasource-${name}`, namespace: NAMESPACE, labels: { grafana_datasource: '1' } },
    data: { [`${name}.yaml`]: stringify(file) },
  };
}

/** ServiceMonitors are only rendered when the Prometheus operator is on the cluster to use them. */
function monitoring(ctx: AddonContext): { enabled: boolean; usesCrds: string[] } {
  const enabled = ctx.has('kube-prometheus-stack');
  return { enabled, usesCrds: enabled ? [SERVICE_MONITOR] : [] };
}

/** Loki as a single binary, on a volume or on S3 (buckets named as Terraform names them). */
export function loki(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('loki');
  const replicas = ctx.replicas(options);
  const s3 = options.storage === 's3';
  const monitor = monitoring(ctx);
  return chartPlan({
    name: 'loki',
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.loki,
    values: {
      deploymentMode: 'SingleBinary',
      loki: {
        auth_enabled: false,
        commonConfig: { replication_factor: replicas },
        schemaConfig: {
          configs: [{ from: '2024-04-01', store: 'tsdb', object_store: options.storage, schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
        },
        storage: s3
          ? { type: 's3', bucketNames: { chunks: bucketName(ctx.spec, 'loki-chunks'), ruler: bucketName(ctx.spec, 'loki-ruler') }, s3: { region: ctx.spec.provider.region } }
          : { type: 'filesystem' },
        limits_config: { retention_period: `${options.retentionDays * 24}h` },
        compactor: { retention_enabled: true, delete_request_store: options.storage },
      },
      singleBinary: { replicas, persistence: { size: `${options.storageGiB}Gi` } },
      read: { replicas: 0 },
      write: { replicas: 0 },
      backend: { replicas: 0 },
      chunksCache: { enabled: false },
      resultsCache: { enabled: false },
      serviceAccount: s3 ? { annotations: ctx.irsaAnnotations('loki') } : {},
      monitoring: { serviceMonitor: { enabled: monitor.enabled } },
      lokiCanary: { enabled: false },
      test: { enabled: false },
    },
    overrides: options.values,
    usesCrds: monitor.usesCrds,
  });
}

/** Promtail on every node, shipping pod logs to Loki. */
export function promtail(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('promtail');
  const monitor = monitoring(ctx);
  return chartPlan({
    name: 'promtail',
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.promtail,
    values: {
      config: { clients: [{ url: `${DATASOURCES.loki.url}/loki/api/v1/push` }] },
      serviceMonitor: { enabled: monitor.enabled },
    },
    overrides: options.values,
    usesCrds: monitor.usesCrds,
    needs: ['loki'],
  });
}

/** Tempo receiving OTLP traces (4317/4318), stored on a volume or in S3. */
export function tempo(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('tempo');
  const s3 = options.storage === 's3';
  const monitor = monitoring(ctx);
  return chartPlan({
    name: 'tempo',
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.tempo,
    values: {
      tempo: {
        retention: `${options.retentionDays * 24}h`,
        receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
        storage: {
          trace: s3
            ? { backend: 's3', s3: { bucket: bucketName(ctx.spec, 'tempo-traces'), endpoint: s3Endpoint(ctx.spec) } }
            : { backend: 'local', local: { path: '/var/tempo/traces' } },
        },
      },
      persistence: { enabled: true, size: `${options.storageGiB}Gi` },
      serviceAccount: s3 ? { annotations: ctx.irsaAnnotations('tempo') } : {},
      serviceMonitor: { enabled: monitor.enabled },
    },
    overrides: options.values,
    usesCrds: monitor.usesCrds,
  });
}

/** Mimir for long-term metrics in S3 (buckets of seed 003). */
export function mimir(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('mimir');
  const replicas = ctx.replicas(options);
  const s3 = (bucket: string) => ({ s3: { bucket_name: bucketName(ctx.spec, bucket) } });
  return chartPlan({
    name: 'mimir',
    tier: 'platform',
    namespace: NAMESPACE,
    chart: CHARTS.mimir,
    values: {
      mimir: {
        structuredConfig: {
          common: { storage: { backend: 's3', s3: { endpoint: s3Endpoint(ctx.spec), region: ctx.spec.provider.region } } },
          blocks_storage: s3('mimir-metrics'),
          alertmanager_storage: s3('mimir-alertmanager'),
          ruler_storage: s3('mimir-ruler'),
          limits: { compactor_blocks_retention_period: `${options.retentionDays}d` },
        },
      },
      minio: { enabled: false },
      ingester: { replicas },
      distributor: { replicas },
      querier: { replicas },
      serviceAccount: { annotations: ctx.irsaAnnotations('mimir') },
    },
    overrides: options.values,
  });
}
