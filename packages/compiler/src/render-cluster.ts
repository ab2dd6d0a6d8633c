import { checkBundled, checkChartFacts, checkIngressClasses, checkStorage, checkPolicy, checkSchemas, checkArgoGraph, checkSecretLiterals, checkTerraform, type LocatedObject } from '@wavesmith/checks';
import { platformComponents } from '@wavesmith/addons';
import { APPLICATION_CRD, argocdPath, componentPath, planWaves, renderArgoCd, WavePlanError, wavesMermaid } from '@wavesmith/argocd';
import { bundledOverlaps, clusterContext, registeredApp, rke2Replaced, type AppDefinition, type ClusterContext, type ClusterSpec, type ComponentPlan, type KubeObject, type Problem } from '@wavesmith/model';
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
  /** Every file of the cluster, sorted by path; none when its sync waves cannot be planned. */
  readonly files: readonly RenderedFile[];
  readonly objectCount: number;
  /** What the output checks found; the files must not be written while any of them blocks (see clusterFindings). */
  readonly problems: readonly Problem[];
  /** The spec entry (`/platform/3`) of each component, by name, where its findings are traced back to. */
  readonly entries: Readonly<Record<string, string>>;
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
  return cluster.spec.apps.flatMap((entry, i) => {
    const app = registeredApp(registry, entry.chart) as AppDefinition | undefined;
    if (app === undefined) throw new Error(`cluster ${cluster.spec.name}: app "${entry.name}" uses chart "${entry.chart}", which no package in apps/ defines`);
    return app.render(entry as never, cluster).map((c) => ({
      entry: `/apps/${i}`,
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

/** The cluster's sync waves as a Mermaid flowchart; throws the WavePlanError of a cluster that cannot be planned. */
export function clusterGraph(spec: ClusterSpec, registry: Registry): string {
  const components = clusterComponents(spec, registry);
  return wavesMermaid(components, planWaves(components));
}

/** Renders one validated cluster into the files of the output contract, with every problem the output checks find. */
export async function renderCluster(spec: ClusterSpec, registry: Registry): Promise<RenderedCluster> {
  const context = clusterContext(spec, registry);
  const components = clusterComponents(spec, registry);
  const entries = Object.fromEntries(components.flatMap((c) => (c.entry === undefined ? [] : [[c.name, c.entry] as const])));
  let argo: ReturnType<typeof renderArgoCd>;
  try {
    argo = renderArgoCd(spec, components);
  } catch (error) {
    // A cluster whose components cannot be put in waves fails like any other check.
    if (error instanceof WavePlanError) return { cluster: spec.name, files: [], objectCount: 0, problems: error.problems, entries };
    throw error;
  }
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
  const componentOf = new Map<string, string>();
  const place = (folder: string, objects: readonly KubeObject[], component?: string) =>
    objectFileNames(objects).forEach((name, i) => {
      objectFiles.set(`${folder}/${name}`, [objects[i]!]);
      if (component !== undefined) componentOf.set(`${folder}/${name}`, component);
    });
  objectFiles.set(`argocd-apps/${spec.name}.yaml`, [argo.rootApplication]);
  place(argocdPath(spec.name), argo.objects);
  for (const component of components) place(componentPath(spec.name, component.name), component.manifests, component.name);

  const located: LocatedObject[] = [...objectFiles].flatMap(([file, objects]) => {
    const component = componentOf.get(file);
    return objects.map((object) => ({ file, object, ...(component ? { component } : {}) }));
  });
  const problems: Problem[] = [
    ...(await checkSchemas(located)),
    ...checkPolicy(located),
    ...checkArgoGraph({ cluster: spec.name, rootApplication: argo.rootApplication, argocdObjects: argo.objects, files: objectFiles }),
    ...checkChartFacts(spec, components),
    ...checkStorage(located, components, context),
    ...checkIngressClasses(located, context.ingressClasses),
    ...checkBundled(overlaps, spec.distribution),
    ...checkTerraform(terraform).map((p) => ({ ...p, file: `${dir}/terraform/main.tf.json` })),
  ];

  const files: RenderedFile[] = [...objectFiles].map(([path, objects]) => ({ path, content: toYaml(objects) }));
  files.push({ path: `${dir}/terraform/main.tf.json`, content: toJson(terraform) });
  files.push({ path: `${dir}/README.md`, content: renderReadme(spec, components, argo.waves, wavesMermaid(components, argo.waves), terraform) });
  const hashes = Object.fromEntries(files.map((f) => [f.path, sha256(f.content)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  files.push({ path: `${dir}/inventory.json`, content: toJson(renderInventory(spec, components, argo.waves, objectFiles, terraform, hashes)) });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  problems.push(...checkSecretLiterals(files));
  return { cluster: spec.name, files, objectCount: located.length, problems, entries };
}
