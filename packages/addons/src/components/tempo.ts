import { StringEnum } from '@wavesmith/model';
import { defineComponent, pinnedChart } from '../component.js';
import { Days, GiB } from '../options.js';
import { serviceMonitoring, STORAGE_BACKENDS } from '../monitoring.js';
import facts from '../facts/tempo@1.24.4.json' with { type: 'json' };

const NAMESPACE = 'monitoring';
/** Purpose of the S3 bucket of traces; the cluster declares it in cloud.buckets. */
const BUCKET = 'tempo-traces';

/**
 * Tempo receiving OTLP traces (4317/4318) and answering queries on 3200, the ports seed 000 names
 * (chart 1.24.4: its Service serves the query API on 3200, which 1.10.1 served on 3100), stored on
 * a volume or in S3 (seeds 000, 003).
 */
export const tempo = defineComponent({
  name: 'tempo',
  description: 'Tempo distributed tracing, receiving OTLP on 4317/4318, on a volume or in an S3 bucket.',
  tier: 'platform',
  namespace: NAMESPACE,
  chart: pinnedChart('https://grafana.github.io/helm-charts', facts),
  options: {
    retentionDays: Days(7, 'How long traces are kept (seed 000: 7 days).'),
    storage: StringEnum(STORAGE_BACKENDS, { default: 'filesystem', description: 'Where traces go: a volume, or the tempo-traces S3 bucket.' }),
    storageGiB: GiB(10, 'Size of the volume.'),
  },
  rules: (entry, context, report) => {
    if (entry.storage === 's3' && context.spec.distribution !== 'eks') {
      report('/storage', entry.storage, `"filesystem": S3 storage is reached with an IRSA role, which needs eks (not ${context.spec.distribution})`);
    }
  },
  provides: (entry) => ({
    uses: { buckets: entry.storage === 's3' ? [BUCKET] : [] },
    services: { tracesQuery: `http://tempo.${NAMESPACE}.svc:3200`, tracesOtlp: `tempo.${NAMESPACE}.svc:4317` },
    awsWorkloads: [{ name: 'tempo', serviceAccounts: [`${NAMESPACE}:tempo`] }],
  }),
  plan: (ctx) => {
    const { entry, cluster } = ctx;
    const s3 = entry.storage === 's3';
    const monitor = serviceMonitoring(cluster);
    return ctx.chartPlan({
      values: {
        tempo: {
          retention: `${entry.retentionDays * 24}h`,
          receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
          storage: {
            trace: s3
              ? { backend: 's3', s3: { bucket: cluster.names.bucket(BUCKET), endpoint: cluster.names.s3Endpoint } }
              : { backend: 'local', local: { path: '/var/tempo/traces' } },
          },
        },
        persistence: { enabled: true, size: `${entry.storageGiB}Gi` },
        serviceAccount: s3 ? { annotations: ctx.irsaAnnotations('tempo') } : {},
        serviceMonitor: { enabled: monitor.enabled },
      },
      usesCrds: monitor.usesCrds,
      volumeClaims: [{ what: 'trace volume' }],
    });
  },
});
