import type { SecuritySpec, UnsafeOptIn } from '@wavesmith/model';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { workloadLabels } from './labels.js';
import { ALLOW_DNS, allowTcp } from './network-rules.js';
import { podTemplate } from './pod-template.js';
import { WorkloadIdentity } from './workload-identity.js';
import { WorkloadNetworkPolicy } from './workload-network-policy.js';

export interface DatabaseBackupProps {
  /** Name of the CronJob, its ServiceAccount and NetworkPolicy. */
  readonly name: string;
  readonly namespace: string;
  readonly partOf: string;
  /** Image with the dump tool (the database's own image: `mongodump` ships in the MongoDB image). */
  readonly image: string;
  /** Connection string of the database, without credentials. */
  readonly uri: string;
  /** Labels of the database pods and their port, for the egress rule. */
  readonly database: { readonly selector: Readonly<Record<string, string>>; readonly port: number };
  /** Cron schedule, in the cluster's time zone (UTC). */
  readonly schedule: string;
  /** PersistentVolumeClaim the dumps are written to (a Blob container, for instance). */
  readonly claimName: string;
  /** @default the "restricted" security context */
  readonly security?: SecuritySpec;
  readonly allowUnsafe?: UnsafeOptIn;
}

const BACKUP_PATH = '/backup';

/**
 * A scheduled `mongodump` of a MongoDB replica set into a claimed volume, one gzipped archive per
 * run named by its start time: restricted pods, no API token, egress to the database only. Runs
 * never overlap, and the last three of each outcome are kept for inspection.
 */
export class DatabaseBackup extends Construct {
  /** Labels selecting the backup pods: the database must admit them. */
  readonly selector: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    const labels = workloadLabels(props.name, props.partOf, 'job');
    this.selector = labels.selector;
    const identity = new WorkloadIdentity(this, 'Identity', { name: props.name, namespace: props.namespace, labels: labels.all, apiAccess: 'none' });
    new k8s.KubeCronJob(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...labels.all } },
      spec: {
        schedule: props.schedule,
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          spec: {
            backoffLimit: 2,
            template: podTemplate({
              name: props.name,
              labels: labels.all,
              image: props.image,
              command: ['sh', '-c', `exec mongodump --uri="$DATABASE_URI" --gzip --archive="${BACKUP_PATH}/$(date -u +%Y%m%dT%H%M%SZ).archive.gz"`],
              env: { DATABASE_URI: props.uri },
              volumes: [{ name: 'backup', mountPath: BACKUP_PATH, claimName: props.claimName }],
              ...(props.security ? { security: props.security } : {}),
              ...(props.allowUnsafe ? { allowUnsafe: props.allowUnsafe } : {}),
              serviceAccountName: identity.serviceAccountName,
              restartPolicy: 'OnFailure',
            }),
          },
        },
      },
    });
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      name: props.name,
      namespace: props.namespace,
      labels: labels.all,
      podSelector: labels.selector,
      ingress: [],
      egress: [ALLOW_DNS, allowTcp([{ podLabels: props.database.selector }], [props.database.port])],
    });
  }
}
