/**
 * Pod Security Standards, profiles "baseline" and "restricted" (which includes baseline), as the
 * admission controller checks them: https://kubernetes.io/docs/concepts/security/pod-security-standards/.
 * Judges rendered objects, independently of how they were built.
 */
import { BASELINE_CAPABILITIES, type KubeObject } from '@wavesmith/model';

type Json = Record<string, unknown>;

/** Volume types "restricted" allows. */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'] as const;

const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

/** The Pod Security levels, weakest first; a violation of a level is refused by namespaces that enforce it or a stricter one. */
export const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

/** One breach of Pod Security in a pod template. */
export interface PodViolation {
  /** The rule (pod-run-as-root, pod-privileged, ...). */
  readonly rule: string;
  /** The weakest level that forbids it. */
  readonly level: Exclude<PodSecurityLevel, 'privileged'>;
  /** The fields that cause it, as JSON Pointers from the object's root, with their values (the first is where it is reported). */
  readonly fields: readonly { readonly path: string; readonly value: unknown }[];
  /** What is wrong, in words. */
  readonly problem: string;
}

/** The pod spec of a Pod, or of the template of a workload, Job or CronJob, with its JSON Pointer; undefined for other kinds. */
export function podSpecAt(object: { readonly kind: string; readonly [key: string]: unknown }): { readonly pod: Json; readonly at: string } | undefined {
  const spec = object.spec as Json | undefined;
  const template = (s: Json | undefined) => (s?.template as Json | undefined)?.spec as Json | undefined;
  let pod: Json | undefined;
  let at = '';
  switch (object.kind) {
    case 'Pod':
      [pod, at] = [spec, '/spec'];
      break;
    case 'CronJob':
      [pod, at] = [template((spec?.jobTemplate as Json | undefined)?.spec as Json | undefined), '/spec/jobTemplate/spec/template/spec'];
      break;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      [pod, at] = [template(spec), '/spec/template/spec'];
      break;
  }
  return pod === undefined ? undefined : { pod, at };
}

/** The pod spec of a Pod, or of the template of a workload, Job or CronJob; undefined for other kinds. */
export function podSpecOf(object: { readonly kind: string; readonly [key: string]: unknown }): Json | undefined {
  return podSpecAt(object)?.pod;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Every breach of "baseline" and "restricted" in a pod spec found at `at` in its object; empty when it passes restricted. */
export function podViolations(pod: Json, at = '/spec'): PodViolation[] {
  const violations: PodViolation[] = [];
  const add = (rule: string, level: PodViolation['level'], problem: string, ...fields: PodViolation['fields']) => violations.push({ rule, level, problem, fields });
  const podContext = (pod.securityContext ?? {}) as Json;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod[field] === true) add('pod-host-namespaces', 'baseline', `${field} must not be true`, { path: `${at}/${field}`, value: true });
  }
  list(pod.volumes).forEach((volume, i) => {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (type === undefined || !(RESTRICTED_VOLUME_TYPES as readonly string[]).includes(type)) {
      add('pod-volume-type', type === 'hostPath' ? 'baseline' : 'restricted', `volume ${String(volume.name)} of type ${type ?? 'none'} is not allowed; allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')}`, {
        path: `${at}/volumes/${i}/${type ?? ''}`,
        value: type,
      });
    }
  });
  const podSeccomp = (podContext.seccompProfile as Json | undefined)?.type;
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.includes(String(podSeccomp))) {
    add('pod-seccomp', podSeccomp === 'Unconfined' ? 'baseline' : 'restricted', `seccompProfile ${String(podSeccomp)} is not allowed; allowed: RuntimeDefault, Localhost`, {
      path: `${at}/securityContext/seccompProfile/type`,
      value: podSeccomp,
    });
  }
  if (podContext.runAsUser === 0) add('pod-run-as-root', 'restricted', 'runAsUser must not be 0', { path: `${at}/securityContext/runAsUser`, value: 0 });

  const containers = [
    ...list(pod.initContainers).map((c, i) => [`${at}/initContainers/${i}`, c] as const),
    ...list(pod.containers).map((c, i) => [`${at}/containers/${i}`, c] as const),
    ...list(pod.ephemeralContainers).map((c, i) => [`${at}/ephemeralContainers/${i}`, c] as const),
  ];
  for (const [where, container] of containers) {
    const name = `container ${String(container.name)}`;
    const sc = `${where}/securityContext`;
    const context = (container.securityContext ?? {}) as Json;
    if (context.privileged === true) add('pod-privileged', 'baseline', `${name}: privileged must not be true`, { path: `${sc}/privileged`, value: true });
    if (context.allowPrivilegeEscalation !== false) {
      add('pod-privilege-escalation', 'restricted', `${name}: allowPrivilegeEscalation must be false`, { path: `${sc}/allowPrivilegeEscalation`, value: context.allowPrivilegeEscalation });
    }
    const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    const root = [
      ...(context.runAsUser === 0 ? [{ path: `${sc}/runAsUser`, value: 0 }] : []),
      ...(runAsNonRoot !== true ? [{ path: context.runAsNonRoot === undefined ? `${at}/securityContext/runAsNonRoot` : `${sc}/runAsNonRoot`, value: runAsNonRoot }] : []),
    ];
    if (root.length > 0) add('pod-run-as-root', 'restricted', `${name}: may run as root (runAsNonRoot must be true here or on the pod, runAsUser not 0)`, ...root);
    const seccomp = ((context.seccompProfile as Json | undefined)?.type ?? podSeccomp) as string | undefined;
    if ((context.seccompProfile as Json | undefined)?.type !== undefined && !SECCOMP_ALLOWED.includes(seccomp!)) {
      add('pod-seccomp', seccomp === 'Unconfined' ? 'baseline' : 'restricted', `${name}: seccompProfile ${seccomp} is not allowed; allowed: RuntimeDefault, Localhost`, {
        path: `${sc}/seccompProfile/type`,
        value: seccomp,
      });
    } else if (seccomp === undefined) add('pod-seccomp', 'restricted', `${name}: seccompProfile must be RuntimeDefault or Localhost (here or on the pod)`, { path: `${sc}/seccompProfile`, value: undefined });
    const capabilities = (context.capabilities ?? {}) as Json;
    if (!list(capabilities.drop).includes('ALL' as unknown as Json)) add('pod-capabilities', 'restricted', `${name}: capabilities.drop must include ALL`, { path: `${sc}/capabilities/drop`, value: capabilities.drop });
    list(capabilities.add).forEach((added, i) => {
      const capability = String(added);
      if (capability === 'NET_BIND_SERVICE') return;
      add('pod-capabilities', BASELINE_CAPABILITIES.includes(capability) ? 'restricted' : 'baseline', `${name}: adds capability ${capability}; allowed: NET_BIND_SERVICE`, {
        path: `${sc}/capabilities/add/${i}`,
        value: capability,
      });
    });
    list(container.ports).forEach((p, i) => {
      if (p.hostPort !== undefined && p.hostPort !== 0) add('pod-host-port', 'baseline', `${name}: hostPort ${String(p.hostPort)} is not allowed`, { path: `${where}/ports/${i}/hostPort`, value: p.hostPort });
    });
  }
  return violations;
}

/** Every violation of "restricted" in the pod templates of `objects`, as `<Kind> <name>: <problem>`. */
export function restrictedProblems(objects: readonly KubeObject[]): string[] {
  return objects.flatMap((object) => {
    const found = podSpecAt(object);
    return found ? podViolations(found.pod, found.at).map((v) => `${object.kind} ${object.metadata.name}: ${v.problem}`) : [];
  });
}
