import { StringEnum } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import { Days, GiB, Replicas } from '../options.js';
import { serviceMonitoring, STORAGE_BACKENDS } from '../monitoring.js';
import facts from '../facts/loki@6.23.0.json' with { type: 'json' };

const NAMESPACE = 'monitoring';
const URL = `http://loki.${NAMESPACE}.svc:3100`;
/** Purposes of the S3 buckets Loki keeps chunks and rules in; the cluster declares them in cloud.buckets. */
const BUCKETS = ['loki-chunks', 'loki-ruler'] as const;

/** Loki as a single binary, on a volume or on S3 (buckets named as Terraform names them; seeds 000, 002, 003). */
export const loki = defineComponent({
  name: 'loki',
  description: 'Loki log storage as a single binary, on a volume or in S3 buckets that Terraform creates.',
  tier: 'platform',
  namespace: NAMESPACE,
  chart: pinnedChart('https://grafana.github.io/helm-charts', facts),
  options: {
    retentionDays: Days(30, 'How long logs are kept (seed 000: 30 days).'),
    storage: StringEnum(STORAGE_BACKENDS, { default: 'filesystem', description: 'Where chunks go: a volume, or the loki-chunks and loki-ruler S3 buckets.' }),
    storageGiB: GiB(10, 'Size of the volume.'),
    replicas: Replicas(1, 1, 1, 'Single-binary replicas per environment; more than 1 needs S3 storage.'),
  },
  rules: (entry, context, report) => {
    if (entry.storage === 's3' && context.spec.distribution !== 'eks') {
      report('loki-s3-needs-eks', '/storage', entry.storage, `"filesystem": S3 storage is reached with an IRSA role, which needs eks (not ${context.spec.distribution})`);
    }
    const replicas = entry.replicas[context.spec.environment];
    if (entry.storage === 'filesystem' && replicas > 1) {
      report(`/replicas/${context.spec.environment}`, replicas, '1 with filesystem storage (replicas share chunks through storage: "s3")');
    }
  },
  ruleDocs: [
    {
      id: 'loki-s3-needs-eks',
      severity: 'error',
      waivable: false,
      summary: 'Loki on S3 off EKS would have no IAM role (IRSA) to reach its buckets, and fail to start.',
      fix: 'Use storage "filesystem" on RKE2, kubeadm and AKS.',
    },
  ],
  provides: (entry) => ({
    services: { logsPush: `${URL}/loki/api/v1/push`, logsQuery: URL },
    awsWorkloads: [{ name: 'loki', serviceAccounts: [`${NAMESPACE}:loki`] }],
    uses: { buckets: entry.storage === 's3' ? [...BUCKETS] : [] },
  }),
  plan: (ctx) => {
    const { entry, cluster } = ctx;
    const replicas = cluster.replicas(entry.replicas);
    const s3 = entry.storage === 's3';
    const monitor = serviceMonitoring(cluster);
    return ctx.chartPlan({
      values: {
        deploymentMode: 'SingleBinary',
        loki: {
          auth_enabled: false,
          commonConfig: { replication_factor: replicas },
          schemaConfig: {
            configs: [{ from: '2024-04-01', store: 'tsdb', object_store: entry.storage, schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
          },
          storage: s3
            ? { type: 's3', bucketNames: { chunks: cluster.names.bucket(BUCKETS[0]), ruler: cluster.names.bucket(BUCKETS[1]) }, s3: { region: cluster.spec.provider.region } }
            : { type: 'filesystem' },
          limits_config: { retention_period: `${entry.retentionDays * 24}h` },
          compactor: { retention_enabled: true, delete_request_store: entry.storage },
        },
        singleBinary: { replicas, persistence: { size: `${entry.storageGiB}Gi` } },
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
      usesCrds: monitor.usesCrds,
      volumeClaims: [{ what: 'single-binary data volume' }],
    });
  },
});
