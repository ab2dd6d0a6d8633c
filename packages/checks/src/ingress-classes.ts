import type { KubeObject } from '@wavesmith/model';

/**
 * Every Ingress names an IngressClass that a controller on the cluster serves: an Ingress
 * nobody serves gets no address, so Argo CD never reports it Healthy and the waves after it
 * wait. `classes` are what the cluster's components and distribution serve. One sentence per problem.
 */
export function checkIngressClasses(objects: readonly { readonly file: string; readonly object: KubeObject }[], classes: readonly { readonly name: string; readonly providedBy: string }[]): string[] {
  const served = new Set(classes.map((c) => c.name));
  const known = classes.map((c) => `${c.name} (${c.providedBy})`).join(', ') || 'none';
  return objects.flatMap(({ file, object }) => {
    if (object.kind !== 'Ingress') return [];
    const name = (object.spec as { ingressClassName?: string } | undefined)?.ingressClassName;
    if (name === undefined) return [`${file}: Ingress ${object.metadata.name} names no ingressClassName; allowed: one of the classes the cluster serves: ${known}`];
    return served.has(name) ? [] : [`${file}: Ingress ${object.metadata.name} uses IngressClass "${name}", which no controller on the cluster serves; allowed: ${known}`];
  });
}
