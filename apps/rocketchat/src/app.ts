import { Type } from '@sinclair/typebox';
import {
  FILES_STORAGE_PURPOSE,
  Hostname,
  PackagedWorkload,
  ReplicaRange,
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
};

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
      if (!buckets.find((b) => b.purpose === purpose)?.access?.includes(ROCKETCHAT_WORKLOAD)) {
        const declared = buckets.map((b) => `${b.purpose} (access: ${(b.access ?? []).join(', ') || 'none'})`).join('; ') || 'none';
        report('/name', entry.name, `an app whose uploads bucket is declared: cloud.buckets needs { purpose: "${purpose}", access: ["${ROCKETCHAT_WORKLOAD}"] } (declared: ${declared})`);
      }
      return;
    }
    const accounts = cluster.spec.cloud.storageAccounts ?? [];
    if (!accounts.some((a) => a.purpose === FILES_STORAGE_PURPOSE && a.containers.includes(purpose))) {
      const declared = accounts.map((a) => `${a.purpose}: ${a.containers.join(', ')}`).join('; ') || 'none';
      report('/name', entry.name, `an app whose uploads container is declared: cloud.storageAccounts needs { purpose: "${FILES_STORAGE_PURPOSE}", containers: ["${purpose}"] } (declared: ${declared})`);
    }
  },
  provides: (entry, spec) => (spec.provider.cloud === 'aws' ? { awsWorkloads: [{ name: ROCKETCHAT_WORKLOAD, serviceAccounts: [appServiceAccounts(entry)] }] } : {}),
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
    }),
});

declare module '@wavesmith/model' {
  interface BusinessApps {
    rocketchat: RocketchatEntry;
  }
}
