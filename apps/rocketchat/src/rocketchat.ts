import {
  AppNamespace,
  DatabaseBackup,
  MONGODB_REPLICA_SET,
  StatefulDatabase,
  WebService,
  allowDatabase,
  appComponent,
  workloadLabels,
  ALLOW_DNS,
  ALLOW_HTTPS,
  type AppComponent,
} from '@wavesmith/k8s';
import { podSecurityFor, type IngressController } from '@wavesmith/model';
import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { RocketchatEntry } from './app.js';

/** Pinned images; the `rocketchat.image` and `mongodb.image` fields replace them. */
export const DEFAULT_ROCKETCHAT_IMAGE = 'registry.rocket.chat/rocketchat/rocket.chat:6.13.1';
export const DEFAULT_MONGODB_IMAGE = 'mongo:7.0.14';

/** A Blob container Terraform creates, in its storage account and resource group. */
export interface BlobContainer {
  readonly container: string;
  /** The storage account Terraform creates for the container; without it the driver would create an account of its own. */
  readonly storageAccount: string;
  readonly resourceGroup: string;
}

/** Where uploaded files go: an S3 bucket read with the pod's IAM role, or an Azure Blob container mounted by the Blob CSI driver. */
export type UploadStorage = { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly roleArn: string } | ({ readonly kind: 'blob' } & BlobContainer);

/** Scheduled dumps of MongoDB into a Blob container (seed 000: "MongoDB: regular backups to cloud storage"). */
export interface MongoBackups {
  /** Cron schedule (UTC). */
  readonly schedule: string;
  readonly target: BlobContainer;
}

/** Everything the RocketChat charts need, resolved from the cluster by the compiler. */
export interface RocketchatProps {
  /** App name: the RocketChat component and Deployment; the database is `<name>-mongodb`. */
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  /** ALB on AWS, Application Gateway on Azure. */
  readonly ingressController: IngressController;
  /** Subnets the load balancer reaches the pods from. */
  readonly loadBalancerCidrs: readonly string[];
  readonly uploads: UploadStorage;
  /** @default DEFAULT_ROCKETCHAT_IMAGE, 2 to 5 replicas */
  readonly rocketchat?: RocketchatEntry['rocketchat'];
  /** @default DEFAULT_MONGODB_IMAGE, 10Gi per member */
  readonly mongodb?: RocketchatEntry['mongodb'];
  /** @default no backups */
  readonly backups?: MongoBackups;
}

const PORT = 3000;
/** Rocket.Chat's Prometheus exporter port. */
const METRICS_PORT = 9458;
/** Seed 000: the load balancer health-checks `/api/v1/info`; the probes use it too. */
const HEALTH_PATH = '/api/v1/info';
const UPLOADS_PATH = '/app/uploads';
const DATABASE = 'mongodb';

/** Rocket.Chat settings and volumes for the chosen upload storage. */
function uploadSettings(scope: Chart, props: RocketchatProps): {
  env: Record<string, string>;
  volumes: { name: string; mountPath: string; claimName: string }[];
  annotations: Record<string, string>;
} {
  const { uploads } = props;
  if (uploads.kind === 's3') {
    return {
      env: {
        OVERWRITE_SETTING_FileUpload_Storage_Type: 'AmazonS3',
        OVERWRITE_SETTING_FileUpload_S3_Bucket: uploads.bucket,
        OVERWRITE_SETTING_FileUpload_S3_Region: uploads.region,
      },
      volumes: [],
      annotations: { 'eks.amazonaws.com/role-arn': uploads.roleArn },
    };
  }
  // Rocket.Chat has no Blob driver: it writes to a file system that the Blob CSI driver backs with the container.
  const claimName = blobClaim(scope, 'Uploads', props, `${props.name}-uploads`, uploads);
  return {
    env: { OVERWRITE_SETTING_FileUpload_Storage_Type: 'FileSystem', OVERWRITE_SETTING_FileUpload_FileSystemPath: UPLOADS_PATH },
    volumes: [{ name: 'uploads', mountPath: UPLOADS_PATH, claimName }],
    annotations: {},
  };
}

/**
 * A ReadWriteMany claim on a Blob container Terraform creates, mounted by the Blob CSI driver
 * (blobfuse2), through a StorageClass of its own that names the account and container.
 */
function blobClaim(scope: Chart, id: string, props: RocketchatProps, claimName: string, blob: BlobContainer): string {
  new k8s.KubeStorageClass(scope, `${id}Class`, {
    metadata: { name: `${props.namespace}-${claimName}`, labels: { 'app.kubernetes.io/part-of': props.name } },
    provisioner: 'blob.csi.azure.com',
    // The account's SKU and replication are Terraform's; the driver only mounts its container.
    parameters: { storageAccount: blob.storageAccount, resourceGroup: blob.resourceGroup, containerName: blob.container, protocol: 'fuse2' },
    // blobfuse2 mounts as root; allow_other lets the non-root user read and write.
    mountOptions: ['-o allow_other'],
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  new k8s.KubePersistentVolumeClaim(scope, id, {
    metadata: { name: claimName, namespace: props.namespace, labels: { 'app.kubernetes.io/part-of': props.name } },
    spec: {
      accessModes: ['ReadWriteMany'],
      storageClassName: `${props.namespace}-${claimName}`,
      resources: { requests: { storage: k8s.Quantity.fromString('100Gi') } },
    },
  });
  return claimName;
}

/**
 * RocketChat of seed 000 as two components: the MongoDB 3-member replica set (with the
 * namespace), then RocketChat behind the cloud's load balancer, health-checked on /api/v1/info.
 */
export function rocketchatComponents(props: RocketchatProps): AppComponent[] {
  const app = new App();
  const names = { database: `${props.name}-${DATABASE}`, web: props.name };

  const database = new Chart(app, names.database);
  new AppNamespace(database, 'Namespace', {
    name: props.namespace,
    labels: { 'app.kubernetes.io/part-of': props.name },
    ...podSecurityFor([props.rocketchat?.allowUnsafe, props.mongodb?.allowUnsafe]),
  });
  const { image: mongoImage = DEFAULT_MONGODB_IMAGE, ...mongodb } = props.mongodb ?? {};
  const backupName = `${DATABASE}-backup`;
  const backupSelector = workloadLabels(backupName, props.name, 'job').selector;
  const db = new StatefulDatabase(database, 'MongoDB', {
    name: DATABASE,
    namespace: props.namespace,
    partOf: props.name,
    engine: 'mongodb',
    image: mongoImage,
    ...mongodb,
    clients: [{ podLabels: { app: props.name } }, ...(props.backups ? [{ podLabels: backupSelector }] : [])],
  });
  if (props.backups) {
    new DatabaseBackup(database, 'Backup', {
      name: backupName,
      namespace: props.namespace,
      partOf: props.name,
      image: mongoImage,
      uri: `mongodb://${db.memberHosts.join(',')}/rocketchat?replicaSet=${MONGODB_REPLICA_SET}`,
      database: { selector: db.selector, port: db.port },
      schedule: props.backups.schedule,
      claimName: blobClaim(database, 'Backups', props, `${DATABASE}-backups`, props.backups.target),
      ...(mongodb.security ? { security: mongodb.security } : {}),
      ...(mongodb.allowUnsafe ? { allowUnsafe: mongodb.allowUnsafe } : {}),
    });
  }

  const web = new Chart(app, names.web);
  const uploads = uploadSettings(web, props);
  const { image = DEFAULT_ROCKETCHAT_IMAGE, replicas = { min: 2, max: 5 }, ...rocketchat } = props.rocketchat ?? {};
  new WebService(web, 'RocketChat', {
    name: props.name,
    namespace: props.namespace,
    image,
    port: PORT,
    metricsPort: METRICS_PORT,
    probePaths: { liveness: HEALTH_PATH, readiness: HEALTH_PATH, startup: HEALTH_PATH },
    replicas,
    env: {
      PORT: String(PORT),
      ROOT_URL: `https://${props.host}`,
      MONGO_URL: `mongodb://${db.memberHosts.join(',')}/rocketchat?replicaSet=${MONGODB_REPLICA_SET}`,
      OVERWRITE_SETTING_Prometheus_Enabled: 'true',
      OVERWRITE_SETTING_Prometheus_Port: String(METRICS_PORT),
      ...uploads.env,
    },
    volumes: uploads.volumes,
    serviceAccountAnnotations: uploads.annotations,
    apiAccess: 'none',
    ingress: { controller: props.ingressController, host: props.host, healthCheckPath: HEALTH_PATH, loadBalancerCidrs: props.loadBalancerCidrs },
    egress: [ALLOW_DNS, ALLOW_HTTPS, allowDatabase(db.port, [{ podLabels: db.selector }])],
    ...rocketchat,
  });

  return [appComponent(database, names.database, props.namespace), appComponent(web, names.web, props.namespace, [names.database])];
}
