import type { ClusterSpec, ComponentPlan, HelmChart, KubeObject } from '@wavesmith/model';
import { compare } from './dependencies.js';
import { planWaves } from './waves.js';

/** Namespace Argo CD runs in; every Application and the AppProject live there. */
export const ARGOCD_NAMESPACE = 'argocd';
/** The cluster Argo CD runs in, as Argo CD names it: each cluster runs its own Argo CD. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';
const KUBE_SYSTEM = 'kube-system';
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Deleting an Application deletes what it synced, so removing a component prunes it. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/**
 * CRDs (`group/Kind`, comma-separated) a child's chart installs and uses without rendering
 * them here: what checks need to verify the waves from the output alone.
 */
export const INSTALLS_CRDS_ANNOTATION = 'wavesmith.io/installs-crds';
export const USES_CRDS_ANNOTATION = 'wavesmith.io/uses-crds';

export interface ArgoCdOutput {
  /** `argocd-apps/<cluster>.yaml`: applied by the cluster's Terraform at bootstrap; syncs `dist/<cluster>/argocd`. */
  readonly rootApplication: KubeObject;
  /** The AppProject, then one Application per component by wave and name. */
  readonly objects: KubeObject[];
  readonly waves: ReadonlyMap<string, number>;
}

/** Repository path of the manifests rendered for a component. */
export function componentPath(cluster: string, component: string): string {
  return `dist/${cluster}/apps/${component}`;
}

/** Repository path the root Application syncs. */
export function argocdPath(cluster: string): string {
  return `dist/${cluster}/argocd`;
}

/**
 * The cluster's app-of-apps: an AppProject limited to the repositories and namespaces its
 * components use, one Application per component in its planned sync wave, and the root
 * Application that syncs them.
 */
export function renderArgoCd(spec: ClusterSpec, components: readonly ComponentPlan[]): ArgoCdOutput {
  const waves = planWaves(components);
  const project = appProject(spec, components, Math.min(...waves.values()) - 1);
  const applications = [...components]
    .sort((a, b) => waves.get(a.name)! - waves.get(b.name)! || compare(a.name, b.name))
    .map((c) => childApplication(spec, c, waves.get(c.name)!));
  return { rootApplication: rootApplication(spec), objects: [project, ...applications], waves };
}

function appProject(spec: ClusterSpec, components: readonly ComponentPlan[], wave: number): KubeObject {
  const repos = new Set<string>(components.flatMap((c) => (c.chart ? [c.chart.repoURL] : [])));
  if (components.some((c) => c.manifests.length > 0)) repos.add(spec.gitops.repoURL);
  const namespaces = new Set<string>([
    // Charts write into kube-system whatever their own namespace: kube-prometheus-stack's
    // coredns/kube-* exporter Services, cert-manager's leader-election Role.
    KUBE_SYSTEM,
    ...components.flatMap((c) => [c.namespace, ...c.manifests.flatMap((o) => (o.metadata.namespace === undefined ? [] : [o.metadata.namespace]))]),
  ]);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: spec.name,
      namespace: ARGOCD_NAMESPACE,
      // Before every Application: they name this project and are refused until it exists.
      annotations: { [SYNC_WAVE_ANNOTATION]: String(wave) },
    },
    spec: {
      description: `Components of cluster ${spec.name}`,
      sourceRepos: [...repos].sort(compare),
      destinations: [...namespaces].sort(compare).map((namespace) => ({ server: IN_CLUSTER, namespace })),
      // Controllers bring CRDs, ClusterRoles and webhooks; namespaces and repositories are what is restricted.
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}

function childApplication(spec: ClusterSpec, component: ComponentPlan, wave: number): KubeObject {
  const sources = [
    ...(component.chart ? [helmSource(component.chart)] : []),
    ...(component.manifests.length > 0
      ? [{ repoURL: spec.gitops.repoURL, targetRevision: spec.gitops.targetRevision, path: componentPath(spec.name, component.name) }]
      : []),
  ];
  const ignored = (component.ignoreDifferences ?? []).map((d) => ({ group: d.group, kind: d.kind, ...(d.name ? { name: d.name } : {}), jsonPointers: [...d.jsonPointers] }));
  if (sources.length === 0) throw new Error(`component "${component.name}" has neither a chart nor manifests; its Application would sync nothing`);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: component.name,
      namespace: ARGOCD_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': spec.name, 'wavesmith.io/tier': component.tier },
      annotations: {
        [SYNC_WAVE_ANNOTATION]: String(wave),
        ...crdAnnotation(INSTALLS_CRDS_ANNOTATION, component.installsCrds),
        ...crdAnnotation(USES_CRDS_ANNOTATION, component.usesCrds),
      },
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: spec.name,
      destination: { server: IN_CLUSTER, namespace: component.namespace },
      ...(sources.length === 1 ? { source: sources[0] } : { sources }),
      ...(ignored.length > 0 ? { ignoreDifferences: ignored } : {}),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: [
          'CreateNamespace=true',
          ...(component.serverSideApply ? ['ServerSideApply=true'] : []),
          // Without it, a sync re-applies the ignored fields and fights the controller that owns them.
          ...(ignored.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
        ],
        retry: RETRY,
      },
    },
  };
}

function crdAnnotation(key: string, crds: readonly string[]): Record<string, string> {
  return crds.length === 0 ? {} : { [key]: [...crds].sort(compare).join(',') };
}

/** Retries ride out a CRD or webhook that is still starting when a later wave applies. */
const RETRY = { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } as const;

function helmSource(chart: HelmChart) {
  return {
    repoURL: chart.repoURL,
    chart: chart.chart,
    targetRevision: chart.version,
    helm: { releaseName: chart.releaseName, valuesObject: chart.values },
  };
}

function rootApplication(spec: ClusterSpec): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${spec.name}-root`,
      namespace: ARGOCD_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': spec.name },
      // No resources finalizer: deleting the bootstrap Application must not tear the cluster down.
    },
    spec: {
      // The cluster's AppProject is synced by this Application, so it cannot belong to it yet.
      project: 'default',
      destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
      source: { repoURL: spec.gitops.repoURL, targetRevision: spec.gitops.targetRevision, path: argocdPath(spec.name) },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: RETRY },
    },
  };
}
