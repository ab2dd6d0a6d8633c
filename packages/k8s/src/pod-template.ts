import type { ResourcesSpec, SecuritySpec, UnsafeOptIn } from '@wavesmith/model';
import type { k8s } from 'cdk8s-plus-28';
import { imageProblems } from './image.js';
import { renderProbe, type ProbeSet } from './probes.js';
import { resourceRequirements } from './resources.js';
import { securityContexts, securityProblems } from './security-context.js';
import { assertNoProblems } from './workload-error.js';

/** Where a SecretProviderClass's files appear in the container. */
export interface SecretMount {
  /** Name of the SecretProviderClass in the same namespace. */
  readonly providerClass: string;
  readonly mountPath: string;
}

/** A volume defined outside the pod spec (a StatefulSet volume claim template) or a PersistentVolumeClaim to mount. */
export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  /** Mount this PersistentVolumeClaim as the volume; omit for volume claim templates. */
  readonly claimName?: string;
  /**
   * The claim is ReadWriteOnce: it attaches to one node at a time, so every pod mounting it must
   * run there (a replica elsewhere hangs in ContainerCreating with a Multi-Attach error).
   * @default false
   */
  readonly readWriteOnce?: boolean;
}

/** The container of a workload and the pod around it; shared by Deployments, StatefulSets and Jobs. */
export interface PodTemplateOptions {
  /** Workload name: container name and the name errors are reported under. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name: string; readonly containerPort: number }[];
  readonly env?: Readonly<Record<string, string>>;
  /** ConfigMap whose keys become environment variables. */
  readonly envFromConfigMap?: string;
  /** @default DEFAULT_RESOURCES */
  readonly resources?: ResourcesSpec;
  /** Probes; Jobs have none. */
  readonly probes?: ProbeSet;
  /** @default the "restricted" security context */
  readonly security?: SecuritySpec;
  /** Explicit opt-in for settings weaker than "restricted". */
  readonly allowUnsafe?: UnsafeOptIn;
  /** Paths the app writes to, each an emptyDir, since the root filesystem is read-only. @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** @default [] */
  readonly secrets?: readonly SecretMount[];
  /** @default [] */
  readonly volumes?: readonly VolumeMount[];
  readonly serviceAccountName: string;
  /** Mount a Kubernetes API token; only workloads that call the API need one. @default false */
  readonly automountServiceAccountToken?: boolean;
  /** @default 'Always' */
  readonly restartPolicy?: 'Always' | 'OnFailure';
  /** Require every pod on the node of another pod with these labels (the workload's own selector). */
  readonly sameNodeAs?: Readonly<Record<string, string>>;
}

/** `/var/run/postgresql` -> `var-run-postgresql`: a volume name derived from its path. */
function volumeName(path: string): string {
  return path.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/g, '-');
}

/**
 * A pod template that passes Pod Security "restricted", with seed 002's resources and probes.
 * Throws a WorkloadError listing every unpinned image or unsafe setting without opt-in.
 */
export function podTemplate(o: PodTemplateOptions): k8s.PodTemplateSpec {
  assertNoProblems(o.name, [...imageProblems(o.image), ...securityProblems(o.security, o.allowUnsafe)]);
  const security = securityContexts(o.security);
  const writable = (o.writablePaths ?? ['/tmp']).map((path) => ({ name: volumeName(path), path }));
  const secrets = (o.secrets ?? []).map((s) => ({ ...s, name: `secrets-${s.providerClass}` }));
  const volumes = o.volumes ?? [];
  const env = Object.entries(o.env ?? {})
    // Code-point order: localeCompare depends on the machine's locale, and the output must not.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));
  const container: k8s.Container = {
    name: o.name,
    image: o.image,
    imagePullPolicy: 'IfNotPresent',
    ...(o.command ? { command: [...o.command] } : {}),
    ...(o.args ? { args: [...o.args] } : {}),
    ...(o.ports ? { ports: o.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' })) } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(o.envFromConfigMap ? { envFrom: [{ configMapRef: { name: o.envFromConfigMap } }] } : {}),
    resources: resourceRequirements(o.resources),
    ...(o.probes
      ? {
          livenessProbe: renderProbe(o.probes.liveness),
          readinessProbe: renderProbe(o.probes.readiness),
          startupProbe: renderProbe(o.probes.startup),
        }
      : {}),
    securityContext: security.container,
    volumeMounts: [
      ...writable.map((w) => ({ name: w.name, mountPath: w.path })),
      ...secrets.map((s) => ({ name: s.name, mountPath: s.mountPath, readOnly: true })),
      ...volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
    ],
  };
  return {
    metadata: { labels: { ...o.labels } },
    spec: {
      serviceAccountName: o.serviceAccountName,
      automountServiceAccountToken: o.automountServiceAccountToken ?? false,
      restartPolicy: o.restartPolicy ?? 'Always',
      securityContext: security.pod,
      ...(o.sameNodeAs
        ? {
            affinity: {
              podAffinity: {
                // The scheduler lets the first pod through when it matches its own selector.
                requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...o.sameNodeAs } }, topologyKey: 'kubernetes.io/hostname' }],
              },
            },
          }
        : {}),
      containers: [container],
      volumes: [
        ...writable.map((w) => ({ name: w.name, emptyDir: {} })),
        ...secrets.map((s) => ({
          name: s.name,
          csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: s.providerClass } },
        })),
        ...volumes.flatMap((v) => (v.claimName ? [{ name: v.name, persistentVolumeClaim: { claimName: v.claimName } }] : [])),
      ],
    },
  };
}
