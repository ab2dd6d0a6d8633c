import { Type } from '@sinclair/typebox';
import {
  DnsLabel,
  Hostname,
  Image,
  StorageClassName,
  StorageSize,
  checkHostInDns,
  checkWorkload,
  defineApp,
  workloadFields,
  type AppEntryOf,
} from '@wavesmith/model';
import { vetAppComponents } from './vet-app.js';

/** The props of a veterinary app entry; optional ones take seed 001's values. */
export const VET_APP_PROPS = {
  image: Image,
  /** Fixed replica count (seed 001 scales by hand). @default 2 */
  replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  /** Public host; set per cluster, as one of its `cloud.dns` records when it has them. */
  host: Hostname,
  /** cert-manager ClusterIssuer of the TLS certificate. @default the cluster's first ClusterIssuer */
  clusterIssuer: Type.Optional(DnsLabel),
  /** Size of the data volume. @default '5Gi' */
  storage: Type.Optional(StorageSize),
  /** @default 'standard' */
  storageClass: Type.Optional(StorageClassName),
  /** Non-secret environment of the app, rendered as a ConfigMap. */
  config: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String({ maxLength: 4096 }))),
  ...workloadFields,
};

export type VetAppEntry = AppEntryOf<'vet-app', typeof VET_APP_PROPS>;

/** The veterinary app of seed 001: one Python service behind nginx with a Let's Encrypt certificate and a data volume. */
export const vetApp = defineApp({
  chart: 'vet-app',
  description: 'The veterinary app (seed 001): a Python service with a data volume, behind nginx with a certificate from cert-manager.',
  props: VET_APP_PROPS,
  rules: (entry, cluster, report) => {
    checkWorkload(entry, '', report);
    checkHostInDns(entry.host, cluster.spec, report);
    if (cluster.ingressClass('nginx') === undefined) {
      report('/chart', entry.chart, 'a cluster that serves the nginx IngressClass (platform "ingress-nginx"): the app is exposed through an nginx Ingress');
    }
    const issuer = entry.clusterIssuer ?? cluster.clusterIssuers[0];
    if (issuer === undefined || !cluster.clusterIssuers.includes(issuer)) {
      const known = cluster.clusterIssuers.join(', ') || 'none';
      report(entry.clusterIssuer === undefined ? '/chart' : '/clusterIssuer', entry.clusterIssuer ?? entry.chart, `a ClusterIssuer the cluster has (platform "cert-manager" with letsEncrypt; has: ${known}): its TLS certificate is issued by cert-manager`);
    }
  },
  render: (entry, cluster) => {
    const { chart: _chart, ...props } = entry;
    return vetAppComponents({ ...props, clusterIssuer: entry.clusterIssuer ?? cluster.clusterIssuers[0]! });
  },
});

declare module '@wavesmith/model' {
  interface BusinessApps {
    'vet-app': VetAppEntry;
  }
}
