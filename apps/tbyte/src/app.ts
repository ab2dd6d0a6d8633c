import { Type, type Static } from '@sinclair/typebox';
import {
  AUTOSCALERS,
  DnsLabel,
  Hostname,
  PackagedWorkload,
  StringEnum,
  WebTierSchema,
  appNamespace,
  appServiceAccounts,
  checkHostInDns,
  checkWorkload,
  databaseFields,
  defineApp,
  type AppEntryOf,
} from '@wavesmith/model';
import { tbyteComponents } from './tbyte.js';

/** The IAM workload the TByte pods read their database credentials with (named in `cloud.databases[].readers`). */
export const TBYTE_WORKLOAD = 'backend';

/** The props of a TByte entry (seed 002). */
export const TBYTE_PROPS = {
  frontend: Type.Unsafe<Static<typeof WebTierSchema>>({ ...WebTierSchema, description: 'The React frontend: image, replicas (default 2 to 5), resources, security.' }),
  backend: Type.Unsafe<Static<typeof WebTierSchema>>({ ...WebTierSchema, description: 'The Node.js API: image, replicas (default 2 to 5), resources, security.' }),
  postgres: Type.Optional(PackagedWorkload(databaseFields, 'The in-cluster PostgreSQL: image (default postgres:16.4), storage (default 10Gi), storageClass.')),
  autoscaler: Type.Optional(StringEnum(AUTOSCALERS, { description: 'How both tiers scale. Default: keda (seed 002).' })),
  host: Type.Optional(Type.Unsafe<string>({ ...Hostname, description: "Host of the frontend's Ingress on the cloud's load balancer (ALB on AWS); no Ingress without it." })),
  vaultRole: Type.Optional(Type.Unsafe<string>({ ...DnsLabel, description: "Vault role the tiers' API keys are read with. Default: the app name." })),
};

export type TbyteEntry = AppEntryOf<'tbyte', typeof TBYTE_PROPS>;

/** The TByte microservices of seed 002: PostgreSQL, a Node.js backend and a React frontend, scaled by KEDA. */
export const tbyteApp = defineApp({
  chart: 'tbyte',
  description: 'The TByte microservices (seed 002): PostgreSQL, a Node.js API and a React frontend, with secrets from AWS Secrets Manager and Vault.',
  props: TBYTE_PROPS,
  rules: (entry, cluster, report) => {
    checkWorkload(entry.frontend, '/frontend', report);
    checkWorkload(entry.backend, '/backend', report);
    checkWorkload(entry.postgres, '/postgres', report);
    checkHostInDns(entry.host, cluster.spec, report);
    const need = (ok: boolean, what: string, why: string) => {
      if (!ok) report('/chart', entry.chart, `a cluster whose platform has ${what}: ${why}`);
    };
    if (cluster.spec.provider.cloud !== 'aws') {
      report('/chart', entry.chart, 'an app for this cloud: "tbyte" reads its database credentials from AWS Secrets Manager');
      return;
    }
    need(cluster.has('secrets-store-csi-driver'), '"secrets-store-csi-driver"', 'database credentials and API keys are mounted through the Secrets Store CSI driver');
    need(cluster.services.vault !== undefined, '"vault"', 'the backend reads its API keys from Vault');
    if ((entry.autoscaler ?? 'keda') === 'keda') need(cluster.has('keda'), '"keda"', 'autoscaler "keda" renders ScaledObjects');
    if (entry.host !== undefined) need(cluster.ingressClass(cluster.cloudLoadBalancer.controller) !== undefined, '"aws-load-balancer-controller"', 'the frontend Ingress is an ALB on AWS');
    const databases = cluster.spec.cloud.databases ?? [];
    const database = databases.find((d) => d.name === entry.name);
    if (!database?.readers?.includes(TBYTE_WORKLOAD)) {
      const declared = databases.map((d) => `${d.name} (readers: ${(d.readers ?? []).join(', ') || 'none'})`).join('; ') || 'none';
      report('/name', entry.name, `an app whose database is declared: cloud.databases needs { name: "${entry.name}", instance, readers: ["${TBYTE_WORKLOAD}"] } (declared: ${declared})`);
    } else if (database.instance === 'rds' && entry.postgres !== undefined) {
      report('/postgres', entry.postgres, `nothing: cloud.databases runs "${entry.name}" on RDS, so no PostgreSQL runs in the cluster`);
    }
  },
  provides: (entry, spec) =>
    spec.provider.cloud === 'aws' ? { awsWorkloads: [{ name: TBYTE_WORKLOAD, serviceAccounts: [appServiceAccounts(entry)] }], uses: { databases: [entry.name] } } : {},
  render: (entry, cluster) => {
    const lb = cluster.cloudLoadBalancer;
    return tbyteComponents({
      name: entry.name,
      namespace: appNamespace(entry),
      frontend: entry.frontend,
      backend: entry.backend,
      database:
        cluster.spec.cloud.databases?.find((d) => d.name === entry.name)?.instance === 'rds'
          ? { instance: 'rds', subnetCidrs: cluster.spec.network.subnets.filter((s) => s.role === 'private').map((s) => s.cidr) }
          : { instance: 'in-cluster' },
      ...(entry.postgres ? { postgres: entry.postgres } : {}),
      ...(entry.autoscaler ? { autoscaler: entry.autoscaler } : {}),
      databaseSecretName: cluster.names.databaseSecret(entry.name),
      databaseReaderRoleArn: cluster.names.roleArn(TBYTE_WORKLOAD),
      vaultAddress: cluster.services.vault!,
      vaultRole: entry.vaultRole ?? entry.name,
      ...(cluster.services.metricsQuery ? { prometheusAddress: cluster.services.metricsQuery } : {}),
      ...(entry.host ? { ingress: { controller: lb.controller, host: entry.host, loadBalancerCidrs: lb.subnetCidrs } } : {}),
    });
  },
});

declare module '@wavesmith/model' {
  interface BusinessApps {
    tbyte: TbyteEntry;
  }
}
