import type { KubeObject } from '@wavesmith/model';
import { podSpecOf, restrictedViolations } from './pod-security.js';

type Json = Record<string, unknown>;

/** The label Pod Security admission enforces a namespace's level from. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Repository policy for every rendered object, whoever produced it: no literal Secrets, pinned
 * images, and every pod template in a namespace that enforces Pod Security "restricted" passes
 * it, so a pod admission would refuse fails the build instead of a sync.
 */
export function checkPolicy(objects: readonly { readonly file: string; readonly object: KubeObject }[]): string[] {
  const restricted = new Set(
    objects.filter(({ object }) => object.kind === 'Namespace' && object.metadata.labels?.[ENFORCE_LABEL] === 'restricted').map(({ object }) => object.metadata.name),
  );
  const problems: string[] = [];
  for (const { file, object } of objects) {
    const label = `${file}: ${object.kind} ${object.metadata.name}`;
    if (object.kind === 'Secret' && (object.data !== undefined || object.stringData !== undefined)) {
      problems.push(`${label}: a Secret with literal data; mount secrets through the Secrets Store CSI driver instead`);
    }
    for (const image of containerImages(object)) {
      const problem = imageProblem(image);
      if (problem) problems.push(`${label}: image "${image}" ${problem}`);
    }
    const pod = podSpecOf(object);
    const namespace = object.metadata.namespace;
    if (pod !== undefined && namespace !== undefined && restricted.has(namespace)) {
      for (const violation of restrictedViolations(pod)) problems.push(`${label}: namespace ${namespace} enforces Pod Security "restricted": ${violation}`);
    }
  }
  return problems;
}

/** Why an image reference is not reproducible, or undefined when it is pinned. */
export function imageProblem(image: string): string | undefined {
  const [name = '', digest] = image.split('@');
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (digest !== undefined && !/^sha256:[0-9a-f]{64}$/.test(digest)) return 'has a malformed digest; use @sha256:<64 hex digits>';
  if (digest === undefined && tag === undefined) return 'has no tag or digest; pin one such as repo:1.2.3';
  if (digest === undefined && tag === 'latest') return 'uses the mutable tag "latest"; pin a version or a digest';
  return undefined;
}

/** Images of every container of a Pod, or of the Pod template of a workload or CronJob. */
export function containerImages(object: KubeObject): string[] {
  const podSpec = podSpecOf(object);
  const containers = [...asList(podSpec?.containers), ...asList(podSpec?.initContainers)];
  return containers.map((c) => String((c as Json).image));
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
