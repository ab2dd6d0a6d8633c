import { defineComponent, pinnedChart } from '../component.js';
import { Days, Replicas } from '../options.js';
import facts from '../facts/mimir-distributed@5.4.1.json' with { type: 'json' };

const NAMESPACE = 'monitoring';
/** Purposes of Mimir's S3 buckets (seed 003); the cluster declares them in cloud.buckets. */
const BUCKETS = { blocks: 'mimir-metrics', alertmanager: 'mimir-alertmanager', ruler: 'mimir-ruler' } as const;
/** The NGINX gateway the mimir-distributed chart puts in front of reads and writes (`<release>-nginx`, port 80). */
const GATEWAY = `http://mimir-nginx.${NAMESPACE}.svc:80`;

/** Mimir for long-term metrics in S3 (the Officeless platform, seed 003: mimir-metrics, -alertmanager, -ruler buckets). */
export const mimir = defineComponent({
  name: 'mimir',
  description: 'Mimir long-term metrics in S3, fed by Prometheus remote-write and queried by Grafana.',
  tier: 'platform',
  namespace: NAMESPACE,
  chart: pinnedChart('https://grafana.github.io/helm-charts', facts),
  options: { retentionDays: Days(30, 'How long blocks are kept in S3.'), replicas: Replicas(1, 2, 3, 'Ingester, distributor and querier replicas per environment.') },
  // Mimir keeps its blocks in S3 only, reached with an IRSA role.
  support: { distributions: ['eks'] },
  provides: () => ({
    uses: { buckets: Object.values(BUCKETS) },
    services: { longTermMetricsQuery: `${GATEWAY}/prometheus`, metricsRemoteWrite: `${GATEWAY}/api/v1/push` },
    awsWorkloads: [{ name: 'mimir', serviceAccounts: [`${NAMESPACE}:mimir`] }],
  }),
  plan: (ctx) => {
    const { entry, cluster } = ctx;
    const replicas = cluster.replicas(entry.replicas);
    const s3 = (purpose: string) => ({ s3: { bucket_name: cluster.names.bucket(purpose) } });
    return ctx.chartPlan({
      values: {
        mimir: {
          structuredConfig: {
            common: { storage: { backend: 's3', s3: { endpoint: cluster.names.s3Endpoint, region: cluster.spec.provider.region } } },
            blocks_storage: s3(BUCKETS.blocks),
            alertmanager_storage: s3(BUCKETS.alertmanager),
            ruler_storage: s3(BUCKETS.ruler),
            limits: { compactor_blocks_retention_period: `${entry.retentionDays}d` },
          },
        },
        minio: { enabled: false },
        ingester: { replicas },
        distributor: { replicas },
        querier: { replicas },
        serviceAccount: { annotations: ctx.irsaAnnotations('mimir') },
      },
      volumeClaims: ['ingester', 'store-gateway', 'compactor', 'alertmanager'].map((what) => ({ what: `${what} volume` })),
    });
  },
});
