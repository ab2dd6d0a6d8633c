import { Type } from '@sinclair/typebox';
import type { ClusterContext, KubeObject, ServiceEndpoints } from '@wavesmith/model';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { stringify } from 'yaml';
import { defineComponent, pinnedChart, plain } from '../component.js';
import { Days, Duration, GiB, Replicas } from '../options.js';
import facts from '../facts/kube-prometheus-stack@72.6.2.json' with { type: 'json' };

const NAMESPACE = 'monitoring';
const RELEASE = 'kube-prometheus-stack';
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

/** The Grafana datasource each store the cluster serves becomes (seed 000: metrics, logs and traces in one Grafana). */
const DATASOURCES: readonly { readonly service: keyof ServiceEndpoints; readonly name: string; readonly type: string }[] = [
  { service: 'logsQuery', name: 'loki', type: 'loki' },
  { service: 'tracesQuery', name: 'tempo', type: 'tempo' },
  { service: 'longTermMetricsQuery', name: 'mimir', type: 'prometheus' },
];

/** Prometheus, Alertmanager and Grafana, with a Grafana datasource for each log, trace and metric store on the cluster (seeds 000, 002). */
export const kubePrometheusStack = defineComponent({
  name: 'kube-prometheus-stack',
  description: 'Prometheus, Alertmanager and Grafana, with a Grafana datasource for every log, trace and metric store of the cluster.',
  tier: 'platform',
  namespace: NAMESPACE,
  chart: pinnedChart('https://prometheus-community.github.io/helm-charts', facts),
  options: {
    retentionDays: Days(15, 'How long Prometheus keeps metrics (seed 002: 15 days).'),
    storageGiB: GiB(50, 'Size of the Prometheus volume.'),
    scrapeInterval: Duration('30s', 'Default scrape interval (seed 000: every 30 seconds).'),
    replicas: Replicas(1, 1, 2, 'Prometheus replicas per environment.'),
    alertmanager: Type.Boolean({ default: true, description: 'Run Alertmanager.' }),
    grafana: Type.Boolean({ default: true, description: 'Run Grafana, with a datasource for each store of the cluster.' }),
  },
  installsCrds: PROMETHEUS_CRDS,
  provides: () => ({ services: { metricsQuery: `http://${RELEASE}-prometheus.${NAMESPACE}.svc:9090` } }),
  plan: (ctx) => {
    const { entry, cluster } = ctx;
    const remoteWrite = cluster.services.metricsRemoteWrite;
    return ctx.chartPlan({
      values: {
        prometheus: {
          prometheusSpec: {
            retention: `${entry.retentionDays}d`,
            scrapeInterval: entry.scrapeInterval,
            replicas: cluster.replicas(entry.replicas),
            // Pick up ServiceMonitors of every release, not only this chart's.
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            // A long-term store keeps the metrics; Prometheus only for its own retention.
            ...(remoteWrite !== undefined ? { remoteWrite: [{ url: remoteWrite }] } : {}),
            storageSpec: {
              volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${entry.storageGiB}Gi` } } } },
            },
          },
        },
        alertmanager: { enabled: entry.alertmanager },
        grafana: { enabled: entry.grafana, sidecar: { datasources: { enabled: true, label: 'grafana_datasource', labelValue: '1' } } },
      },
      manifests: entry.grafana ? datasources(cluster) : [],
      volumeClaims: [{ what: 'Prometheus data volume' }],
    });
  },
});

/** Datasources the Grafana sidecar loads from labelled ConfigMaps; Grafana provisions only `.yaml`/`.yml` files. */
function datasources(cluster: ClusterContext): KubeObject[] {
  return DATASOURCES.flatMap(({ service, name, type }) => {
    const url = cluster.services[service];
    if (url === undefined) return [];
    const file = { apiVersion: 1, datasources: [{ name, type, access: 'proxy', url, uid: name }] };
    return [
      plain(
        new ConfigMap({
          metadata: { name: `grafana-datasource-${name}`, namespace: NAMESPACE, labels: { grafana_datasource: '1' } },
          data: { [`${name}.yaml`]: stringify(file) },
        }),
      ),
    ];
  });
}
