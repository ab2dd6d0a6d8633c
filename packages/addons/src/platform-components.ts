import { isCustomComponent, type ClusterContext, type ComponentPlan } from '@wavesmith/model';
import type { ComponentDefinition } from './component.js';
import { customComponentPlan } from './custom-component.js';

/**
 * The Argo CD components of a validated cluster's `platform:` list, sorted by name: catalogue
 * entries planned by their definitions (those planned last see the others' plans), custom
 * entries as they are written. A component may become several plans (a controller, then
 * objects using its CRDs in a later wave).
 */
export function platformComponents(cluster: ClusterContext, catalogue: readonly ComponentDefinition[]): ComponentPlan[] {
  const plans: ComponentPlan[] = [];
  const last: (() => ComponentPlan[])[] = [];
  cluster.spec.platform.forEach((entry, i) => {
    const from = (planned: readonly ComponentPlan[]) => planned.map((p) => ({ ...p, entry: `/platform/${i}` }));
    if (isCustomComponent(entry)) {
      plans.push(...from([customComponentPlan(entry, cluster.spec.distribution)]));
      return;
    }
    const definition = catalogue.find((c) => c.name === entry.name);
    if (definition === undefined) throw new Error(`cluster ${cluster.spec.name}: platform entry "${entry.name}" is not in the catalogue`);
    const plan = () => from(definition.planFor(entry as never, cluster, plans));
    if (definition.planLast) last.push(plan);
    else plans.push(...plan());
  });
  for (const plan of last) plans.push(...plan());
  return plans.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
