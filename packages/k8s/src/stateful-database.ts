import type { ResourcesSpec, SecuritySpec, UnsafeOptIn } from '@wavesmith/model';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodDisruptionBudget } from './disruption-budget.js';
import { workloadLabels } from './labels.js';
import { ALLOW_DNS, allowTcp, type NetworkPeer, type NetworkRule } from './network-rules.js';
import { podTemplate, type SecretMount } from './pod-template.js';
import { commandProbes } from './probes.js';
import { WorkloadIdentity } from './workload-identity.js';
import { WorkloadNetworkPolicy } from './workload-network-policy.js';

/** Database engines with what a StatefulSet needs to know about each. */
export type DatabaseEngine = 'postgres' | 'mongodb';

interface EngineTraits {
  readonly port: number;
  readonly dataPath: string;
  /** Where the engine writes outside its data volume (the root filesystem is read-only). */
  readonly writablePaths: readonly string[];
  readonly probeCommand: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Allowed replica counts, in words, and the check. */
  readonly replicas: { readonly allowed: string; readonly valid: (n: number) => boolean };
}

const ENGINES: Readonly<Record<DatabaseEngine, EngineTraits>> = {
  postgres: {
    port: 5432,
    dataPath: '/var/lib/postgresql/data',
    writablePaths: ['/tmp', '/var/run/postgresql'],
    probeCommand: ['pg_isready', '--host=127.0.0.1', '--port=5432'],
    // A subdirectory, since the volume's root holds lost+found, which initdb refuses.
    env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    replicas: { allowed: '1 (a single PostgreSQL primary; replicas need an operator)', valid: (n) => n === 1 },
  },
  mongodb: {
    port: 27017,
    dataPath: '/data/db',
    writablePaths: ['/tmp'],
    probeCommand: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping').ok"],
    env: {},
    replicas: { allowed: 'an odd number from 3 to 7 (a replica set needs a majority)', valid: (n) => n >= 3 && n <= 7 && n % 2 === 1 },
  },
};

/** Name of the MongoDB replica set. */
export const MONGODB_REPLICA_SET = 'rs0';

export interface StatefulDatabaseProps {
  /** Name of the StatefulSet, its headless Service and its other objects. */
  readonly name: string;
  readonly namespace: string;
  /** @default name */
  readonly partOf?: string;
  readonly engine: DatabaseEngine;
  readonly image: string;
  /** @default 1 for postgres, 3 for mongodb */
  readonly replicas?: number;
  /** Size of each member's data volume. @default '10Gi' */
  readonly storage?: string;
  /** @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** @default DEFAULT_RESOURCES */
  readonly resources?: ResourcesSpec;
  /** @default the "restricted" security context */
  readonly security?: SecuritySpec;
  /** @default none */
  readonly allowUnsafe?: UnsafeOptIn;
  /** Literal, non-secret environment added to the engine's. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Credentials mounted as files (e.g. POSTGRES_PASSWORD_FILE points into them). @default [] */
  readonly secrets?: readonly SecretMount[];
  /** Pods that may connect on the database port. */
  readonly clients: readonly NetworkPeer[];
  /** Annotations of its ServiceAccount, such as the IAM role the CSI driver reads credentials with. @default {} */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
}

/**
 * A database as a restricted StatefulSet with a volume claim template per member, a headless
 * Service, a PodDisruptionBudget of one member at a time and a NetworkPolicy admitting only its
 * clients (and, for a replica set, its own members). MongoDB runs as a replica set initiated by a
 * PostSync Job, since members must know each other before `rs.initiate`.
 */
export class StatefulDatabase extends Construct {
  readonly name: string;
  readonly port: number;
  /** Labels selecting the database pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** DNS names of the members, `<name>-<i>.<name>.<namespace>.svc.cluster.local:<port>`. */
  readonly memberHosts: readonly string[];

  constructor(scope: Construct, id: string, props: StatefulDatabaseProps) {
    super(scope, id);
    const { name, namespace, engine } = props;
    const traits = ENGINES[engine];
    const replicas = props.replicas ?? (engine === 'mongodb' ? 3 : 1);
    if (!traits.replicas.valid(replicas)) {
      throw new Error(`workload "${name}": replicas = ${replicas} is not allowed; allowed: ${traits.replicas.allowed} for ${engine}`);
    }
    const partOf = props.partOf ?? name;
    const labels = workloadLabels(name, partOf, 'database');
    this.name = name;
    this.port = traits.port;
    this.selector = labels.selector;
    this.memberHosts = Array.from({ length: replicas }, (_, i) => `${name}-${i}.${name}.${namespace}.svc.cluster.local:${traits.port}`);
    const metadata = { name, namespace, labels: { ...labels.all } };
    const replicaSet = engine === 'mongodb';

    const identity = new WorkloadIdentity(this, 'Identity', {
      name,
      namespace,
      labels: labels.all,
      apiAccess: 'none',
      ...(props.serviceAccountAnnotations ? { annotations: props.serviceAccountAnnotations } : {}),
    });

    new k8s.KubeService(this, 'Service', {
      metadata,
      spec: {
        clusterIp: 'None',
        // Members resolve each other before they are ready, which a replica set needs to form.
        publishNotReadyAddresses: replicaSet,
        selector: { ...labels.selector },
        ports: [{ name: engine, port: traits.port, targetPort: k8s.IntOrString.fromString(engine), protocol: 'TCP' }],
      },
    });

    new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata,
      spec: {
        serviceName: name,
        replicas,
        podManagementPolicy: replicaSet ? 'Parallel' : 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        selector: { matchLabels: { ...labels.selector } },
        template: podTemplate({
          name,
          labels: labels.all,
          image: props.image,
          ...(replicaSet ? { args: ['--replSet', MONGODB_REPLICA_SET, '--bind_ip_all'] } : {}),
          ports: [{ name: engine, containerPort: traits.port }],
          env: { ...traits.env, ...props.env },
          ...(props.resources ? { resources: props.resources } : {}),
          probes: commandProbes(traits.probeCommand),
          ...(props.security ? { security: props.security } : {}),
          ...(props.allowUnsafe ? { allowUnsafe: props.allowUnsafe } : {}),
          writablePaths: traits.writablePaths,
          ...(props.secrets ? { secrets: props.secrets } : {}),
          volumes: [{ name: 'data', mountPath: traits.dataPath }],
          serviceAccountName: identity.serviceAccountName,
          automountServiceAccountToken: false,
        }),
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels: { ...labels.all } },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(props.storageClass ? { storageClassName: props.storageClass } : {}),
              resources: { requests: { storage: k8s.Quantity.fromString(props.storage ?? '10Gi') } },
            },
          },
        ],
      },
    });

    // One member at a time: a single instance may still be drained, a replica set keeps its majority.
    new PodDisruptionBudget(this, 'DisruptionBudget', { name, namespace, labels: labels.all, podSelector: labels.selector, budget: { maxUnavailable: 1 } });

    const initLabels = workloadLabels(`${name}-init`, partOf, 'job');
    const members: NetworkRule[] = replicaSet ? [allowTcp([{ podLabels: labels.selector }], [traits.port])] : [];
    new WorkloadNetworkPolicy(this, 'NetworkPolicy', {
      name,
      namespace,
      labels: labels.all,
      podSelector: labels.selector,
      ingress: [allowTcp(props.clients, [traits.port]), ...members, ...(replicaSet ? [allowTcp([{ podLabels: initLabels.selector }], [traits.port])] : [])],
      egress: [ALLOW_DNS, ...members],
    });

    if (replicaSet) this.replicaSetInit(props, initLabels.all, initLabels.selector);
  }

  /** A PostSync Job that initiates the replica set once; on later syncs `rs.status()` succeeds and it does nothing. */
  private replicaSetInit(props: StatefulDatabaseProps, labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): void {
    const name = `${props.name}-init`;
    const members = this.memberHosts.map((host, i) => `{ _id: ${i}, host: "${host}" }`).join(', ');
    const script = `try { rs.status() } catch (e) { rs.initiate({ _id: "${MONGODB_REPLICA_SET}", members: [${members}] }) }`;
    const identity = new WorkloadIdentity(this, 'InitIdentity', { name, namespace: props.namespace, labels, apiAccess: 'none' });
    new k8s.KubeJob(this, 'Init', {
      metadata: {
        name,
        namespace: props.namespace,
        labels: { ...labels },
        annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded' },
      },
      spec: {
        backoffLimit: 10,
        template: podTemplate({
          name,
          labels,
          image: props.image,
          command: ['mongosh', '--quiet', '--host', this.memberHosts[0] ?? props.name, '--eval', script],
          ...(props.security ? { security: props.security } : {}),
          ...(props.allowUnsafe ? { allowUnsafe: props.allowUnsafe } : {}),
          serviceAccountName: identity.serviceAccountName,
          restartPolicy: 'OnFailure',
        }),
      },
    });
    new WorkloadNetworkPolicy(this, 'InitNetworkPolicy', {
      name,
      namespace: props.namespace,
      labels,
      podSelector: selector,
      ingress: [],
      egress: [ALLOW_DNS, allowTcp([{ podLabels: this.selector }], [this.port])],
    });
  }
}
