/** What identifies a Kubernetes object within one cluster: API group (not version), kind, namespace, name. */
export interface KubeRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** `apps/v1` -> `apps`; `v1` -> `` (the core group). A version change alone is not a different object. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function refKey(ref: KubeRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `StatefulSet tbyte/postgres`, `StorageClass ebs-gp3`. */
export function refLabel(ref: KubeRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Kinds whose deletion destroys data or everything inside them. */
const DATA_KINDS = new Set(['/PersistentVolumeClaim', 'apps/StatefulSet', '/Namespace', 'apiextensions.k8s.io/CustomResourceDefinition']);

export function holdsData(ref: KubeRef): boolean {
  return DATA_KINDS.has(`${ref.group}/${ref.kind}`);
}

export function isApplication(ref: KubeRef): boolean {
  return ref.group === 'argoproj.io' && ref.kind === 'Application';
}
