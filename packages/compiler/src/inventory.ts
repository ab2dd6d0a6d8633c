import type { ClusterSpec, ComponentPlan, KubeObject } from '@wavesmith/model';

/** Components in the order Argo CD syncs them: by wave, then by name. */
export function inSyncOrder(components: readonly ComponentPlan[], waves: ReadonlyMap<string, number>): ComponentPlan[] {
  return [...components].sort((a, b) => waveOf(waves, a) - waveOf(waves, b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function waveOf(waves: ReadonlyMap<string, number>, component: ComponentPlan): number {
  const wave = waves.get(component.name);
  if (wave === undefined) throw new Error(`no sync wave was planned for component ${component.name}`);
  return wave;
}

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
  const appsDir = `dist/${spec.name}/apps`;
  return {
    cluster: spec.name,
    environment: spec.environment,
    distribution: spec.distribution,
    provider: { cloud: spec.provider.cloud, region: spec.provider.region },
    kubernetesVersion: spec.kubernetesVersion,
    gitops: { repoURL: spec.gitops.repoURL, targetRevision: spec.gitops.targetRevision, path: `dist/${spec.name}/argocd` },
    components: inSyncOrder(components, waves).map((c) => ({
      name: c.name,
      tier: c.tier,
      wave: waveOf(waves, c),
      namespace: c.namespace,
      chart: c.chart ? { repoURL: c.chart.repoURL, chart: c.chart.chart, version: c.chart.version } : null,
      objects: [...objectFiles]
        .filter(([path]) => path.startsWith(`${appsDir}/${c.name}/`))
        .flatMap(([, objects]) => objects.map(objectId)),
    })),
    terraform: { resources: terraformResourceCounts(terraform) },
    files: fileHashes,
  };
}
