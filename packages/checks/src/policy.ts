import type { KubeObject, ObjectRef, Problem } from '@wavesmith/model';
import { podSpecAt, podViolations, POD_SECURITY_LEVELS, type PodSecurityLevel } from './pod-security.js';

type Json = Record<string, unknown>;

/** The label Pod Security admission enforces a namespace's level from. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** A rendered object, the file it is written to and the component (Argo CD Application) it belongs to. */
export interface LocatedObject {
  readonly file: string;
  readonly object: KubeObject;
  readonly component?: string;
}

/** The object a finding is about, as findings name it. */
export function objectRef(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
    name: String(object.metadata?.name),
  };
}

/** A problem of one rendered object. */
export function objectProblem(located: LocatedObject, rule: string, path: string, message: string, value?: unknown): Problem {
  const { file, object, component } = located;
  return { rule, file, object: objectRef(object), path, message, ...(component ? { component } : {}), ...(value === undefined ? {} : { value }) };
}

/**
 * Repository policy for every rendered object, whoever produced it: no literal Secrets, pinned
 * images, and Pod Security. Every weakening of "restricted" in a pod template is a finding of
 * its rule (which `allowUnsafe` or a waiver may accept); a pod that breaks the level its
 * namespace enforces is a finding no waiver covers, since admission would refuse it at sync.
 */
export function checkPolicy(objects: readonly LocatedObject[]): Problem[] {
  const enforced = new Map(
    objects
      .filter(({ object }) => object.kind === 'Namespace' && object.metadata.labels?.[ENFORCE_LABEL] !== undefined)
      .map(({ object }) => [object.metadata.name, object.metadata.labels![ENFORCE_LABEL] as PodSecurityLevel]),
  );
  const problems: Problem[] = [];
  for (const located of objects) {
    const { object } = located;
    if (object.kind === 'Secret') {
      for (const field of ['data', 'stringData'] as const) {
        if (object[field] !== undefined) problems.push(objectProblem(located, 'secret-literal-data', `/${field}`, `a Secret with literal ${field}; mount secrets through the Secrets Store CSI driver instead`));
      }
    }
    const found = podSpecAt(object);
    if (found === undefined) continue;
    for (const { path, image } of containerImages(found.pod, found.at)) {
      const problem = imageProblem(image);
      if (problem) problems.push(objectProblem(located, 'image-unpinned', path, `image "${image}" ${problem}`, image));
    }
    const violations = podViolations(found.pod, found.at);
    for (const v of violations) {
      problems.push({ ...objectProblem(located, v.rule, v.fields[0]!.path, v.problem, v.fields[0]!.value), evidence: v.fields });
    }
    const namespace = object.metadata.namespace;
    const level = namespace === undefined ? undefined : enforced.get(namespace);
    const refused = level === undefined ? [] : violations.filter((v) => POD_SECURITY_LEVELS.indexOf(v.level) <= POD_SECURITY_LEVELS.indexOf(level));
    if (refused.length > 0) {
      problems.push({
        ...objectProblem(located, 'pod-security-admission', refused[0]!.fields[0]!.path, `namespace ${namespace} enforces Pod Security "${level}", whose admission would refuse this pod: ${refused.map((v) => v.problem).join('; ')}`),
        evidence: refused.flatMap((v) => v.fields),
      });
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

/** The image of every container of a pod spec found at `at`, with its JSON Pointer. */
export function containerImages(pod: Json, at: string): { readonly path: string; readonly image: string }[] {
  return (['initContainers', 'containers'] as const).flatMap((key) =>
    (Array.isArray(pod[key]) ? (pod[key] as Json[]) : []).map((c, i) => ({ path: `${at}/${key}/${i}/image`, image: String(c.image) })),
  );
}
