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
  image: Type.Unsafe<string>({ ...Image, description: 'The app image, pinned by tag or digest.' }),
  replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Fixed replica count (seed 001 scales by hand). Default: 2.' })),
  host: Type.Unsafe<string>({ ...Hostname, description: "Public host; one of the cluster's cloud.dns records when it has them." }),
  clusterIssuer: Type.Optional(Type.Unsafe<string>({ ...DnsLabel, description: "cert-manager ClusterIssuer of the TLS certificate. Default: the cluster's first ClusterIssuer." })),
  storage: Type.Optional(Type.Unsafe<string>({ ...StorageSize, description: 'Size of the data volume. Default: 5Gi.' })),
  storageClass: Type.Optional(Type.Unsafe<string>({ ...StorageClassName, description: 'StorageClass of the data volume. Default: standard.' })),
  config: Type.Optional(
    Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String({ maxLength: 4096 }), { description: 'Non-secret environment of the app, rendered as a ConfigMap.' }),
  ),
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
