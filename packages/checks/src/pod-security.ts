/**
 * Pod Security Standards, profile "restricted" (which includes "baseline"), as the admission
 * controller checks it: https://kubernetes.io/docs/concepts/security/pod-security-standards/.
 * Judges rendered objects, independently of how they were built.
 */
import type { KubeObject } from '@wavesmith/model';

type Json = Record<string, unknown>;

/** Volume types "restricted" allows. */
export const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'] as const;

const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

/** The pod spec of a Pod, or of the template of a workload, Job or CronJob; undefined for other kinds. */
export function podSpecOf(object: { readonly kind: string; readonly [key: string]: unknown }): Json | undefined {
  const spec = object.spec as Json | undefined;
  switch (object.kind) {
    case 'Pod':
      return spec;
    case 'CronJob':
      return (((spec?.jobTemplate as Json | undefined)?.spec as Json | undefined)?.template as Json | undefined)?.spec as Json | undefined;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return (spec?.template as Json | undefined)?.spec as Json | undefined;
    default:
      return undefined;
  }
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Every violation of "restricted" in a pod spec, as `<field path>: <problem>`; empty when it passes. */
export function restrictedViolations(pod: Json): string[] {
  const problems: string[] = [];
  const podContext = (pod.securityContext ?? {}) as Json;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod[field] === true) problems.push(`spec.${field}: must not be true`);
  }
  list(pod.volumes).forEach((volume, i) => {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (type === undefined || !(RESTRICTED_VOLUME_TYPES as readonly string[]).includes(type)) {
      problems.push(`spec.volumes[${i}] (${String(volume.name)}): type ${type ?? 'none'} is not allowed; allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')}`);
    }
  });
  const podSeccomp = (podContext.seccompProfile as Json | undefined)?.type;
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.includes(String(podSeccomp))) problems.push(`spec.securityContext.seccompProfile.type: ${String(podSeccomp)} is not allowed`);
  if (podContext.runAsUser === 0) problems.push('spec.securityContext.runAsUser: must not be 0');

  const containers = [
    ...list(pod.initContainers).map((c) => ['initContainers', c] as const),
    ...list(pod.containers).map((c) => ['containers', c] as const),
    ...list(pod.ephemeralContainers).map((c) => ['ephemeralContainers', c] as const),
  ];
  for (const [kind, container] of containers) {
    const at = `spec.${kind}[${String(container.name)}].securityContext`;
    const context = (container.securityContext ?? {}) as Json;
    if (context.privileged === true) problems.push(`${at}.privileged: must not be true`);
    if (context.allowPrivilegeEscalation !== false) problems.push(`${at}.allowPrivilegeEscalation: must be false`);
    const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    if (runAsNonRoot !== true) problems.push(`${at}.runAsNonRoot: must be true (here or on the pod)`);
    if (context.runAsUser === 0) problems.push(`${at}.runAsUser: must not be 0`);
    const seccomp = ((context.seccompProfile as Json | undefined)?.type ?? podSeccomp) as string | undefined;
    if (seccomp === undefined || !SECCOMP_ALLOWED.includes(seccomp)) problems.push(`${at}.seccompProfile.type: must be RuntimeDefault or Localhost (here or on the pod)`);
    const capabilities = (context.capabilities ?? {}) as Json;
    if (!list(capabilities.drop).includes('ALL' as unknown as Json)) problems.push(`${at}.capabilities.drop: must include ALL`);
    for (const added of list(capabilities.add)) {
      if ((added as unknown) !== 'NET_BIND_SERVICE') problems.push(`${at}.capabilities.add: ${String(added)} is not allowed; allowed: NET_BIND_SERVICE`);
    }
    if (list(container.ports).some((p) => p.hostPort !== undefined && p.hostPort !== 0)) problems.push(`spec.${kind}[${String(container.name)}].ports: hostPort is not allowed`);
  }
  return problems;
}

/** Every violation of "restricted" in the pod templates of `objects`, as `<Kind> <name>: <violation>`. */
export function restrictedProblems(objects: readonly KubeObject[]): string[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    return pod ? restrictedViolations(pod).map((v) => `${object.kind} ${object.metadata.name}: ${v}`) : [];
  });
}
