import {
  AppNamespace,
  SecretProviderClass,
  StatefulDatabase,
  WebService,
  allowDatabase,
  allowTcp,
  appComponent,
  ALLOW_DNS,
  ALLOW_HTTPS,
  type AppComponent,
  type NetworkRule,
  type WebServiceIngress,
  type WebServiceProps,
} from '@wavesmith/k8s';
import { podSecurityFor, type Autoscaler, type WebTierSpec } from '@wavesmith/model';
import { App, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { TbyteEntry } from './app.js';

/** Pinned PostgreSQL image; the `postgres.image` field replaces it. */
export const DEFAULT_POSTGRES_IMAGE = 'postgres:16.4';

/** Everything the TByte charts need, resolved from the cluster by the compiler. */
export interface TbyteProps {
  /** App name: prefix of its components (`<name>-postgres`, `<name>-backend`, `<name>-frontend`). */
  readonly name: string;
  readonly namespace: string;
  readonly frontend: WebTierSpec;
  readonly backend: WebTierSpec;
  /**
   * Where PostgreSQL runs: the app's own StatefulSet, or an RDS instance reached in the private
   * subnets, whose host and port are in the credentials secret (only Terraform knows them).
   */
  readonly database: { readonly instance: 'in-cluster' } | { readonly instance: 'rds'; readonly subnetCidrs: readonly string[] };
  /** The in-cluster database. @default DEFAULT_POSTGRES_IMAGE, 10Gi on the default StorageClass */
  readonly postgres?: TbyteEntry['postgres'];
  /** @default 'keda' */
  readonly autoscaler?: Autoscaler;
  /** Secrets Manager secret with the database's `username` and `password` (databaseSecretName). */
  readonly databaseSecretName: string;
  /** IAM role (IRSA) the database credentials are read with. */
  readonly databaseReaderRoleArn: string;
  /** Vault's API, where the tiers read their API keys. */
  readonly vaultAddress: string;
  /** Vault role the tiers read their API keys with. */
  readonly vaultRole: string;
  /** Prometheus the KEDA triggers query request rates from. @default no request-rate trigger */
  readonly prometheusAddress?: string;
  /** @default no Ingress */
  readonly ingress?: WebServiceIngress;
}

const DATABASE = 'postgres';
const BACKEND = 'backend';
const FRONTEND = 'frontend';
const HTTP_PORT = 8080;
/** PostgreSQL's port on RDS, as the rds-postgres module creates it. */
const RDS_PORT = 5432;
const CREDENTIALS_PATH = '/mnt/secrets/db';
const API_KEYS_PATH = '/mnt/secrets/api';

/** Seed 002: both tiers run 2 to 5 replicas. */
const TIER_REPLICAS = { min: 2, max: 5 };

/** Requests per second per replica above which KEDA adds backend or frontend replicas. */
const REQUESTS_PER_REPLICA = 100;

/** The SecretProviderClass of a tier's API keys in Vault, at `secret/data/<app>/<tier>`. */
function vaultApiKeys(scope: Construct, props: TbyteProps, tier: string): SecretProviderClass {
  return new SecretProviderClass(scope, 'ApiKeys', {
    name: `${tier}-api-keys`,
    namespace: props.namespace,
    labels: { 'app.kubernetes.io/part-of': props.name },
    source: { provider: 'vault', address: props.vaultAddress, role: props.vaultRole, secrets: [{ fileName: 'api-keys', path: `secret/data/${props.name}/${tier}`, key: 'api-keys' }] },
  });
}

/** A tier's web service with the TByte defaults; the tier's spec (image, replicas, resources, security) goes over them. */
function tier(scope: Construct, props: TbyteProps, name: string, spec: WebTierSpec, extra: Partial<WebServiceProps>): WebService {
  return new WebService(scope, 'Service', {
    name,
    namespace: props.namespace,
    partOf: props.name,
    port: HTTP_PORT,
    replicas: TIER_REPLICAS,
    autoscaling: {
      engine: props.autoscaler ?? 'keda',
      ...((props.autoscaler ?? 'keda') === 'keda' && props.prometheusAddress !== undefined
        ? {
            prometheus: [
              {
                serverAddress: props.prometheusAddress,
                query: `sum(rate(http_requests_total{namespace="${props.namespace}",service="${name}"}[2m]))`,
                threshold: REQUESTS_PER_REPLICA,
              },
            ],
          }
        : {}),
    },
    ...extra,
    ...spec,
  });
}

/**
 * The TByte platform of seed 002 as components synced in order: PostgreSQL when it runs in the
 * cluster (with the namespace and the database credentials from AWS Secrets Manager), the Node.js
 * backend (DB credentials from Secrets Manager, API keys from Vault) and the React frontend. With
 * RDS, the namespace and credentials come with the backend, which reads the host and port from
 * the credentials files instead of DB_HOST and DB_PORT.
 */
export function tbyteComponents(props: TbyteProps): AppComponent[] {
  const app = new App();
  const names = { database: `${props.name}-${DATABASE}`, backend: `${props.name}-${BACKEND}`, frontend: `${props.name}-${FRONTEND}` };
  const credentials = `${DATABASE}-credentials`;
  const irsa = { 'eks.amazonaws.com/role-arn': props.databaseReaderRoleArn };
  const inCluster = props.database.instance === 'in-cluster';

  /** The namespace and the credentials, in whichever component syncs first. */
  const foundations = (chart: Chart) => {
    new AppNamespace(chart, 'Namespace', {
      name: props.namespace,
      labels: { 'app.kubernetes.io/part-of': props.name },
      ...podSecurityFor([props.frontend.allowUnsafe, props.backend.allowUnsafe, props.postgres?.allowUnsafe]),
    });
    new SecretProviderClass(chart, 'Credentials', {
      name: credentials,
      namespace: props.namespace,
      labels: { 'app.kubernetes.io/part-of': props.name },
      source: { provider: 'aws', secrets: [{ secretName: props.databaseSecretName, keys: inCluster ? ['username', 'password'] : ['username', 'password', 'host', 'port'] }] },
    });
  };

  const database = inCluster ? new Chart(app, names.database) : undefined;
  let databaseAccess: { env: Record<string, string>; egress: NetworkRule };
  if (database) {
    foundations(database);
    const { image = DEFAULT_POSTGRES_IMAGE, ...postgres } = props.postgres ?? {};
    const db = new StatefulDatabase(database, 'Postgres', {
      name: DATABASE,
      namespace: props.namespace,
      partOf: props.name,
      engine: 'postgres',
      image,
      ...postgres,
      env: { POSTGRES_DB: props.name, POSTGRES_USER_FILE: `${CREDENTIALS_PATH}/username`, POSTGRES_PASSWORD_FILE: `${CREDENTIALS_PATH}/password` },
      secrets: [{ providerClass: credentials, mountPath: CREDENTIALS_PATH }],
      serviceAccountAnnotations: irsa,
      clients: [{ podLabels: { app: BACKEND } }],
    });
    databaseAccess = {
      env: { DB_HOST: `${DATABASE}.${props.namespace}.svc.cluster.local`, DB_PORT: String(db.port) },
      egress: allowDatabase(db.port, [{ podLabels: db.selector }]),
    };
  } else {
    const subnets = (props.database as { readonly subnetCidrs: readonly string[] }).subnetCidrs;
    databaseAccess = { env: {}, egress: allowTcp(subnets.map((cidr) => ({ cidr })), [RDS_PORT]) };
  }

  const backend = new Chart(app, names.backend);
  if (!database) foundations(backend);
  const backendKeys = vaultApiKeys(backend, props, BACKEND);
  tier(backend, props, BACKEND, props.backend, {
    env: { ...databaseAccess.env, DB_NAME: props.name, DB_CREDENTIALS_DIR: CREDENTIALS_PATH, API_KEYS_DIR: API_KEYS_PATH },
    secrets: [
      { providerClass: credentials, mountPath: CREDENTIALS_PATH },
      { providerClass: backendKeys.name, mountPath: API_KEYS_PATH },
    ],
    serviceAccountAnnotations: irsa,
    // Only the frontend calls the backend; it is not exposed through an ingress controller.
    ingressFrom: [{ podLabels: { app: FRONTEND } }],
    egress: [ALLOW_DNS, ALLOW_HTTPS, databaseAccess.egress],
  });

  const frontend = new Chart(app, names.frontend);
  const frontendKeys = vaultApiKeys(frontend, props, FRONTEND);
  tier(frontend, props, FRONTEND, props.frontend, {
    env: { BACKEND_URL: `http://${BACKEND}.${props.namespace}.svc.cluster.local`, API_KEYS_DIR: API_KEYS_PATH },
    secrets: [{ providerClass: frontendKeys.name, mountPath: API_KEYS_PATH }],
    ...(props.ingress ? { ingress: props.ingress } : {}),
    egress: [ALLOW_DNS, ALLOW_HTTPS, allowTcp([{ podLabels: { app: BACKEND } }], [HTTP_PORT])],
  });

  return [
    ...(database ? [appComponent(database, names.database, props.namespace)] : []),
    appComponent(backend, names.backend, props.namespace, database ? [names.database] : []),
    appComponent(frontend, names.frontend, props.namespace, [names.backend]),
  ];
}
