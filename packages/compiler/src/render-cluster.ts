import { checkBundled, checkChartFacts, checkIngressClasses, checkStorage, checkPolicy, checkSchemas, checkArgoGraph, checkSecretLiterals, checkTerraform } from '@wavesmith/checks';
import { platformComponents } from '@wavesmith/addons';
import { APPLICATION_CRD, argocdPath, componentPath, planWaves, renderArgoCd, WavePlanError, wavesMermaid } from '@wavesmith/argocd';
import { bundledOverlaps, clusterContext, registeredApp, rke2Replaced, type AppDefinition, type ClusterContext, type ClusterSpec, type ComponentPlan, type KubeObject } from '@wavesmith/model';
import { renderTerraform } from '@wavesmith/terraform';
import { objectFileNames } from './file-names.js';
import type { Registry } from './registry.js';
import { renderInventory } from './inventory.js';
import { renderReadme } from './readme.js';
import { sha256, toJson, toYaml } from './serialize.js';

/** A file of the output contract, with its path relative to the repository root. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

export interface RenderedCluster {
  readonly cluster: string;
  /** Every file of the cluster, sorted by path. */
  readonly files: readonly RenderedFile[];
  readonly objectCount: number;
}

/** Thrown when rendered output fails its checks; nothing of any cluster is written then. */
export class RenderCheckError extends Error {
  constructor(
    readonly cluster: string,
    readonly problems: readonly string[],
  ) {
    super(`cluster ${cluster}: ${problems.length} check${problems.length === 1 ? '' : 's'} failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RenderCheckError';
  }
}

/** Every component of a cluster: its platform components (catalogue and custom), then its business apps. */
export function clusterComponents(spec: ClusterSpec, registry: Registry): ComponentPlan[] {
  const cluster = clusterContext(spec, registry);
  return [...platformComponents(cluster, registry.platform), ...businessComponents(cluster, registry)];
}

/**
 * The business tier: one or more plans per `apps:` entry, in the entries' order and, within an
 * app, in the order the app renders them (its database first).
 */
function businessComponents(cluster: ClusterContext, registry: Registry): ComponentPlan[] {
  return cluster.spec.apps.flatMap((entry) => {
    const app = registeredApp(registry, entry.chart) as AppDefinition | undefined;
    if (app === undefined) throw new Error(`cluster ${cluster.spec.name}: app "${entry.name}" uses chart "${entry.chart}", which no package in apps/ defines`);
    return app.render(entry as never, cluster).map((c) => ({
      name: c.name,
      tier: 'business' as const,
      namespace: c.namespace,
      manifests: c.manifests,
      installsCrds: [],
      usesCrds: [],
      needs: c.needs,
    }));
  });
}

/** The cluster's sync waves as a Mermaid flowchart. */
export function clusterGraph(spec: ClusterSpec, registry: Registry): string {
  const components = clusterComponents(spec, registry);
  return wavesMermaid(components, planned(spec, () => planWaves(components)));
}

/** Renders one validated cluster into the files of the output contract, checked before returning. */
export async function renderCluster(spec: ClusterSpec, registry: Registry): Promise<RenderedCluster> {
  const context = clusterContext(spec, registry);
  const components = clusterComponents(spec, registry);
  const argo = planned(spec, () => renderArgoCd(spec, components));
  // The infrastructure installs Argo CD as the component that installs the Application CRD will
  // manage it (the catalogue's argocd), and the root Application.
  const argocd = components.find((c) => c.installsCrds.includes(APPLICATION_CRD));
  const overlaps = bundledOverlaps(spec, components);
  const terraform = renderTerraform(spec, context, {
    argocd: argocd?.chart && { chart: argocd.chart, namespace: argocd.namespace, rootApplication: argo.rootApplication },
    rke2Replaced: rke2Replaced(overlaps),
  });

  const dir = `dist/${spec.name}`;
  const objectFiles = new Map<string, readonly KubeObject[]>();
  const place = (folder: string, objects: readonly KubeObject[]) =>
    objectFileNames(objects).forEach((name, i) => objectFiles.set(`${folder}/${name}`, [objects[i]!]));
  objectFiles.set(`argocd-apps/${spec.name}.yaml`, [argo.rootApplication]);
  place(argocdPath(spec.name), argo.objects);
  for (const component of components) place(componentPath(spec.name, component.name), component.manifests);

  const located = [...objectFiles].flatMap(([file, objects]) => objects.map((object) => ({ file, object })));
  const problems = [
    ...(await checkSchemas(located)),
    ...checkPolicy(located),
    ...checkArgoGraph({ cluster: spec.name, rootApplication: argo.rootApplication, argocdObjects: argo.objects, files: objectFiles }),
    ...checkChartFacts(spec, components).map((p) => `${argocdPath(spec.name)}: ${p}`),
    ...checkStorage(located, components, context),
    ...checkIngressClasses(located, context.ingressClasses),
    ...checkBundled(overlaps, spec.distribution).map((p) => `${argocdPath(spec.name)}: ${p}`),
    ...checkTerraform(terraform).map((p) => `${dir}/terraform/main.tf.json: ${p}`),
  ];
  if (problems.length > 0) throw new RenderCheckError(spec.name, problems);

  const files: RenderedFile[] = [...objectFiles].map(([path, objects]) => ({ path, content: toYaml(objects) }));
  files.push({ path: `${dir}/terraform/main.tf.json`, content: toJson(terraform) });
  files.push({ path: `${dir}/README.md`, content: renderReadme(spec, components, argo.waves, wavesMermaid(components, argo.waves), terraform) });
  const hashes = Object.fromEntries(files.map((f) => [f.path, sha256(f.content)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  files.push({ path: `${dir}/inventory.json`, content: toJson(renderInventory(spec, components, argo.waves, objectFiles, terraform, hashes)) });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const leaks = checkSecretLiterals(files);
  if (leaks.length > 0) throw new RenderCheckError(spec.name, leaks);
  return { cluster: spec.name, files, objectCount: located.length };
}

/** Runs wave planning; a cluster whose components cannot be put in waves fails like any other check, naming the cluster. */
function planned<T>(spec: ClusterSpec, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof WavePlanError) throw new RenderCheckError(spec.name, error.problems);
    throw error;
  }
}
