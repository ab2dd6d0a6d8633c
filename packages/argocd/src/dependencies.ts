import { groupKind, type ComponentPlan } from '@wavesmith/model';

/** Every child is an Application: the component that installs this CRD (Argo CD itself) comes first. */
export const APPLICATION_CRD = 'argoproj.io/Application';

/** `from` must sync after `to`, because of `reason`: a CRD (`group/Kind`) or `needs`. */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** True for the edge every component has to the Argo CD that syncs it. */
  readonly implicit: boolean;
}

/** Groups served by Kubernetes itself (core, apps, storage.k8s.io, ...): no component installs them. */
export function isBuiltinGroup(crd: string): boolean {
  const group = crd.slice(0, crd.lastIndexOf('/'));
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * The dependencies between components, derived from what each one uses: CRDs (from its
 * manifests and `usesCrds`) point at the component that installs them, `needs` at the named
 * component. Throws on a duplicate name, a CRD installed twice, a CRD nobody installs, or an
 * unknown `needs`. Sorted by `from`, then `to`.
 */
export function componentDependencies(components: readonly ComponentPlan[]): Dependency[] {
  const names = new Set<string>();
  for (const c of components) {
    if (names.has(c.name)) throw new Error(`two components are named "${c.name}"; each becomes one Application, so names must be unique`);
    names.add(c.name);
  }
  const installers = new Map<string, string>();
  for (const c of components) {
    for (const crd of c.installsCrds) {
      const other = installers.get(crd);
      if (other !== undefined) throw new Error(`CRD ${crd} is installed by both "${other}" and "${c.name}"; one component must own it`);
      installers.set(crd, c.name);
    }
  }
  const edges = new Map<string, Dependency>();
  const add = (dependency: Dependency) => {
    const key = `${dependency.from}\u0000${dependency.to}`;
    if (!edges.has(key)) edges.set(key, dependency);
  };
  for (const c of [...components].sort((a, b) => compare(a.name, b.name))) {
    for (const need of [...c.needs].sort()) {
      if (!names.has(need)) throw new Error(`component "${c.name}" needs "${need}", which is not on this cluster (components: ${[...names].sort().join(', ')})`);
      if (need !== c.name) add({ from: c.name, to: need, reason: 'needs', implicit: false });
    }
    const declared = new Set(c.usesCrds);
    const used = new Set([...c.manifests.map(groupKind), ...c.usesCrds]);
    for (const crd of [...used].sort()) {
      if (c.installsCrds.includes(crd)) continue;
      const installer = installers.get(crd);
      if (installer !== undefined) add({ from: c.name, to: installer, reason: crd, implicit: false });
      else if (declared.has(crd) || !isBuiltinGroup(crd)) {
        throw new Error(`component "${c.name}" uses ${crd}, but no component on this cluster installs that CRD`);
      }
    }
    const argocd = installers.get(APPLICATION_CRD);
    if (argocd !== undefined && argocd !== c.name) add({ from: c.name, to: argocd, reason: APPLICATION_CRD, implicit: true });
  }
  return [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
