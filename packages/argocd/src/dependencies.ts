import { groupKind, type ComponentPlan, type Problem } from '@wavesmith/model';

/** Every child is an Application: the component that installs this CRD (Argo CD itself) comes first. */
export const APPLICATION_CRD = 'argoproj.io/Application';

/**
 * API groups the API server serves itself, so no component installs them. Listed, not matched
 * by suffix: `gateway.networking.k8s.io` and `snapshot.storage.k8s.io` are CRDs that need an installer.
 */
export const BUILTIN_API_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** `from` must sync after `to`, because of `reason`: a CRD (`group/Kind`) or `needs`. */
export interface Dependency {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  /** True for the edge every component has to the Argo CD that syncs it. */
  readonly implicit: boolean;
}

/** The components cannot be put in sync waves; carries every problem found, not only the first. */
export class WavePlanError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`sync waves cannot be planned: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'WavePlanError';
  }
}

/** True when `crd` (`group/Kind`) belongs to an API group the API server serves itself. */
export function isBuiltinGroup(crd: string): boolean {
  return BUILTIN_API_GROUPS.has(crd.slice(0, crd.lastIndexOf('/')));
}

/**
 * The dependencies between components, derived from what each one uses: CRDs (from its
 * manifests and `usesCrds`) point at the component that installs them, `needs` at the named
 * component. Throws a WavePlanError listing every duplicate name, CRD installed twice, CRD
 * nobody installs and unknown `needs`. Sorted by `from`, then `to`.
 */
export function componentDependencies(components: readonly ComponentPlan[]): Dependency[] {
  const { dependencies, problems } = analyseDependencies(components);
  if (problems.length > 0) throw new WavePlanError(problems);
  return dependencies;
}

/** The dependencies that can be derived, and the problems that stop the rest; never throws. */
export function analyseDependencies(components: readonly ComponentPlan[]): { dependencies: Dependency[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const names = new Set<string>();
  for (const c of components) {
    if (names.has(c.name)) problems.push(wavePlanProblem(c.name, `two components are named "${c.name}"; each becomes one Application, so names must be unique`));
    names.add(c.name);
  }
  const installers = new Map<string, string>();
  for (const c of components) {
    for (const crd of c.installsCrds) {
      const other = installers.get(crd);
      if (other === undefined) installers.set(crd, c.name);
      else problems.push(wavePlanProblem(c.name, `CRD ${crd} is installed by both "${other}" and "${c.name}"; one component must own it`));
    }
  }
  const edges = new Map<string, Dependency>();
  const add = (dependency: Dependency) => {
    const key = `${dependency.from}\u0000${dependency.to}`;
    if (!edges.has(key)) edges.set(key, dependency);
  };
  for (const c of [...components].sort((a, b) => compare(a.name, b.name))) {
    for (const need of [...c.needs].sort()) {
      if (!names.has(need)) problems.push(wavePlanProblem(c.name, `component "${c.name}" needs "${need}", which is not on this cluster (components: ${[...names].sort().join(', ')})`));
      else if (need !== c.name) add({ from: c.name, to: need, reason: 'needs', implicit: false });
    }
    const declared = new Set(c.usesCrds);
    const used = new Set([...c.manifests.map(groupKind), ...c.usesCrds]);
    for (const crd of [...used].sort()) {
      if (c.installsCrds.includes(crd)) continue;
      const installer = installers.get(crd);
      if (installer !== undefined) add({ from: c.name, to: installer, reason: crd, implicit: false });
      else if (declared.has(crd) || !isBuiltinGroup(crd)) problems.push(wavePlanProblem(c.name, `component "${c.name}" uses ${crd}, but no component on this cluster installs that CRD`));
    }
    const argocd = installers.get(APPLICATION_CRD);
    if (argocd !== undefined && argocd !== c.name) add({ from: c.name, to: argocd, reason: APPLICATION_CRD, implicit: true });
  }
  const dependencies = [...edges.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  return { dependencies, problems };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A problem of wave planning, about one component. */
export function wavePlanProblem(component: string, message: string): Problem {
  return { rule: 'wave-plan', component, message };
}
