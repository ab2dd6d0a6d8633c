import type { Problem } from '@wavesmith/model';
import { objectProblem, type LocatedObject } from './policy.js';

/**
 * Every Ingress names an IngressClass that a controller on the cluster serves: an Ingress
 * nobody serves gets no address, so Argo CD never reports it Healthy and the waves after it
 * wait. `classes` are what the cluster's components and distribution serve.
 */
export function checkIngressClasses(objects: readonly LocatedObject[], classes: readonly { readonly name: string; readonly providedBy: string }[]): Problem[] {
  const served = new Set(classes.map((c) => c.name));
  const known = classes.map((c) => `${c.name} (${c.providedBy})`).join(', ') || 'none';
  return objects.flatMap((located) => {
    const { object } = located;
    if (object.kind !== 'Ingress') return [];
    const name = (object.spec as { ingressClassName?: string } | undefined)?.ingressClassName;
    const at = '/spec/ingressClassName';
    if (name === undefined) return [objectProblem(located, 'ingress-class-unserved', at, `Ingress ${object.metadata.name} names no ingressClassName; allowed: one of the classes the cluster serves: ${known}`)];
    return served.has(name) ? [] : [objectProblem(located, 'ingress-class-unserved', at, `Ingress ${object.metadata.name} uses IngressClass "${name}", which no controller on the cluster serves; allowed: ${known}`, name)];
  });
}
