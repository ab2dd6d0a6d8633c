import { argocdPath, componentPath, inSyncOrder, waveOf } from '@wavesmith/argocd';
import type { ClusterSpec, ComponentPlan, KubeObject } from '@wavesmith/model';

/** Count of Terraform resources by type, sorted by type. */
export function terraformResourceCounts(terraform: Record<string, unknown>): Record<string, number> {
  const resources = (terraform.resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.keys(resources)
      .sort()
      .map((type) => [type, Object.keys(resources[type]!).length]),
  );
}

const objectId = (o: KubeObject) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

/** The machine-readable index of a cluster's output: components, waves, objects, Terraform resources, file hashes. */
export function renderInventory(
  spec: ClusterSpec,
  components: readonly ComponentPlan[],
  waves: ReadonlyMap<string, number>,
  objectFiles: ReadonlyMap<string, readonly KubeObject[]>,
  terraform: Record<string, unknown>,
  fileHashes: Readonly<Record<string, string>>,
): unknown {
  return {
    cluster: spec.name,
    environment: spec.environment,
    distribution: spec.distribution,
    provider: { cloud: spec.provider.cloud, region: spec.provider.region },
    kubernetesVersion: spec.kubernetesVersion,
    gitops: { repoURL: spec.gitops.repoURL, targetRevision: spec.gitops.targetRevision, path: argocdPath(spec.name) },
    components: inSyncOrder(components, waves).map((c) => ({
      name: c.name,
      tier: c.tier,
      wave: waveOf(waves, c),
      namespace: c.namespace,
      chart: c.chart ? { repoURL: c.chart.repoURL, chart: c.chart.chart, version: c.chart.version } : null,
      objects: [...objectFiles]
        .filter(([path]) => path.startsWith(`${componentPath(spec.name, c.name)}/`))
        .flatMap(([, objects]) => objects.map(objectId)),
    })),
    terraform: { resources: terraformResourceCounts(terraform) },
    files: fileHashes,
  };
}
