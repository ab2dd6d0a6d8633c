import { Type } from '@sinclair/typebox';
import {
  FILES_STORAGE_PURPOSE,
  Hostname,
  PackagedWorkload,
  ReplicaRange,
  allowed,
  appNamespace,
  appServiceAccounts,
  checkHostInDns,
  checkWorkload,
  databaseFields,
  defineApp,
  uploadsBucketPurpose,
  type AppEntryOf,
  type ClusterContext,
} from '@wavesmith/model';
import { rocketchatComponents, type UploadStorage } from './rocketchat.js';

/** The IAM workload RocketChat's pods write uploads to S3 with (named in `cloud.buckets[].access`). */
export const ROCKETCHAT_WORKLOAD = 'rocketchat';

/** The props of a RocketChat entry (seed 000). */
export const ROCKETCHAT_PROPS = {
  host: Type.Unsafe<string>({ ...Hostname, description: "Public host, on the cloud's load balancer (ALB on AWS, Application Gateway on Azure)." }),
  rocketchat: Type.Optional(PackagedWorkload({ replicas: Type.Optional(ReplicaRange) }, 'RocketChat itself: image, replicas (default 2 to 5), resources, security.')),
  mongodb: Type.Optional(PackagedWorkload(databaseFields, 'The MongoDB replica set: image (default mongo:7.0.14), storage per member (default 10Gi), storageClass.')),
  backups: Type.Optional(
    Type.Object(
      {
        schedule: Type.String({
          pattern: '^(@(hourly|daily|weekly|monthly))|((\\S+\\s+){4}\\S+)$',
          description: 'Cron schedule of the dumps (UTC).',
          ...allowed('a cron schedule of five fields such as "0 2 * * *", or @daily'),
        }),
      },
      { additionalProperties: false, description: 'Scheduled MongoDB dumps into the Blob container `<name>-backups` of the `backups` storage account (Azure).' },
    ),
  ),
};

/** Storage account purpose that holds the Blob containers of database backups on Azure (seed 000: separate accounts for files and backups). */
export const BACKUPS_STORAGE_PURPOSE = 'backups';

/** Purpose of the Blob container an app's MongoDB dumps go to. */
export function backupsContainerPurpose(appName: string): string {
  return `${appName}-backups`;
}

export type RocketchatEntry = AppEntryOf<'rocketchat', typeof ROCKETCHAT_PROPS>;

/** Where an entry's uploads go on this cloud: the S3 bucket or the Blob container the cluster declares for them. */
function uploads(entry: RocketchatEntry, cluster: ClusterContext): UploadStorage {
  const bucket = cluster.names.bucket(uploadsBucketPurpose(entry.name));
  return cluster.spec.provider.cloud === 'aws'
    ? { kind: 's3', bucket, region: cluster.spec.provider.region, roleArn: cluster.names.roleArn(ROCKETCHAT_WORKLOAD) }
    : { kind: 'blob', container: bucket, storageAccount: cluster.names.storageAccount(FILES_STORAGE_PURPOSE), resourceGroup: cluster.names.resourceGroup };
}

/** RocketChat of seed 000: a MongoDB replica set, then RocketChat behind the cloud's load balancer, uploads in S3 or Blob storage. */
export const rocketchatApp = defineApp({
  chart: 'rocketchat',
  description: 'RocketChat (seed 000): a 3-member MongoDB replica set and 2 to 5 RocketChat replicas behind the cloud load balancer, uploads in S3 or Blob storage.',
  props: ROCKETCHAT_PROPS,
  rules: (entry, cluster, report) => {
    checkWorkload(entry.rocketchat, '/rocketchat', report);
    checkWorkload(entry.mongodb, '/mongodb', report);
    checkHostInDns(entry.host, cluster.spec, report);
    const purpose = uploadsBucketPurpose(entry.name);
    if (cluster.spec.provider.cloud === 'aws') {
      if (cluster.ingressClass(cluster.cloudLoadBalancer.controller) === undefined) {
        report('/chart', entry.chart, 'a cluster whose platform has "aws-load-balancer-controller": RocketChat is exposed through an ALB on AWS');
      }
      const buckets = cluster.spec.cloud.buckets ?? [];
      if (entry.backups) report('/backups', entry.backups, 'nothing on AWS: MongoDB dumps are written to Azure Blob storage only (no S3 target yet)');
      if (!buckets.find((b) => b.purpose === purpose)?.access?.includes(ROCKETCHAT_WORKLOAD)) {
        const declared = buckets.map((b) => `${b.purpose} (access: ${(b.access ?? []).join(', ') || 'none'})`).join('; ') || 'none';
        report('/name', entry.name, `an app whose uploads bucket is declared: cloud.buckets needs { purpose: "${purpose}", access: ["${ROCKETCHAT_WORKLOAD}"] } (declared: ${declared})`);
      }
      return;
    }
    const accounts = cluster.spec.cloud.storageAccounts ?? [];
    const declared = accounts.map((a) => `${a.purpose}: ${a.containers.join(', ')}`).join('; ') || 'none';
    if (!accounts.some((a) => a.purpose === FILES_STORAGE_PURPOSE && a.containers.includes(purpose))) {
      report('/name', entry.name, `an app whose uploads container is declared: cloud.storageAccounts needs { purpose: "${FILES_STORAGE_PURPOSE}", containers: ["${purpose}"] } (declared: ${declared})`);
    }
    const backups = backupsContainerPurpose(entry.name);
    if (entry.backups && !accounts.some((a) => a.purpose === BACKUPS_STORAGE_PURPOSE && a.containers.includes(backups))) {
      report('/backups', entry.backups, `backups whose container is declared: cloud.storageAccounts needs { purpose: "${BACKUPS_STORAGE_PURPOSE}", containers: ["${backups}"] } (declared: ${declared})`);
    }
  },
  provides: (entry, spec) => ({
    uses: { buckets: [uploadsBucketPurpose(entry.name), ...(entry.backups ? [backupsContainerPurpose(entry.name)] : [])] },
    ...(spec.provider.cloud === 'aws' ? { awsWorkloads: [{ name: ROCKETCHAT_WORKLOAD, serviceAccounts: [appServiceAccounts(entry)] }] } : {}),
  }),
  render: (entry, cluster) =>
    rocketchatComponents({
      name: entry.name,
      namespace: appNamespace(entry),
      host: entry.host,
      ingressController: cluster.cloudLoadBalancer.controller,
      loadBalancerCidrs: cluster.cloudLoadBalancer.subnetCidrs,
      uploads: uploads(entry, cluster),
      ...(entry.rocketchat ? { rocketchat: entry.rocketchat } : {}),
      ...(entry.mongodb ? { mongodb: entry.mongodb } : {}),
      ...(entry.backups
        ? {
            backups: {
              schedule: entry.backups.schedule,
              target: {
                container: cluster.names.bucket(backupsContainerPurpose(entry.name)),
                storageAccount: cluster.names.storageAccount(BACKUPS_STORAGE_PURPOSE),
                resourceGroup: cluster.names.resourceGroup,
              },
            },
          }
        : {}),
    }),
});

declare module '@wavesmith/model' {
  interface BusinessApps {
    rocketchat: RocketchatEntry;
  }
}
