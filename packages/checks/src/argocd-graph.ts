import { groupKind, type KubeObject, type Problem as Finding } from '@wavesmith/model';
import { objectRef } from './policy.js';

// Read from the output contract, not imported from the renderer: this check judges what was written.
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const INSTALLS_CRDS = 'wavesmith.io/installs-crds';
const USES_CRDS = 'wavesmith.io/uses-crds';
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export interface ArgoGraphInput {
  readonly cluster: string;
  readonly rootApplication: KubeObject;
  /** The AppProject and child Applications (`dist/<cluster>/argocd/`). */
  readonly argocdObjects: readonly KubeObject[];
  /** Every rendered file, by repository-relative path, with the objects in it. */
  readonly files: ReadonlyMap<string, readonly KubeObject[]>;
}

interface Source {
  readonly repoURL?: string;
  readonly chart?: string;
  readonly path?: string;
  readonly targetRevision?: string;
}

interface Application {
  readonly name: string;
  readonly wave: number;
  readonly object: KubeObject;
  readonly sources: readonly Source[];
  /** Objects synced from the GitOps repository, with the file each is in. */
  readonly objects: readonly { readonly file: string; readonly object: KubeObject }[];
}

/**
 * Checks that the app-of-apps of a cluster will sync as planned: charts pinned to exact
 * versions, every repository path present and non-empty, each object owned by one Application,
 * every CRD synced in an earlier wave than its users, and every Application inside the
 * cluster's AppProject. Returns one problem per finding, naming the object and its file.
 */
export function checkArgoGraph(input: ArgoGraphInput): Finding[] {
  const problems: Finding[] = [];
  const fileOf = new Map<KubeObject, string>([...input.files].flatMap(([file, objects]) => objects.map((o) => [o, file] as const)));
  const problem: Problem = (rule, object, text, path = '') => {
    const file = fileOf.get(object);
    const component = object.kind === 'Application' ? object.metadata.name : undefined;
    problems.push({ rule, object: objectRef(object), path, message: `${object.kind} ${object.metadata.name}: ${text}`, ...(file ? { file } : {}), ...(component ? { component } : {}) });
  };
  const gitRepo = (sourcesOf(input.rootApplication)[0] ?? {}).repoURL;
  const applicationOf = (object: KubeObject, wave: number): Application => {
    const sources = sourcesOf(object);
    const objects = sources
      .filter((s) => s.path !== undefined && s.repoURL === gitRepo)
      .flatMap((s) => [...input.files].filter(([file]) => file.startsWith(`${s.path}/`)).flatMap(([file, list]) => list.map((o) => ({ file, object: o }))));
    return { name: object.metadata.name, wave, object, sources, objects };
  };

  const root = applicationOf(input.rootApplication, Number.NEGATIVE_INFINITY);
  const children = input.argocdObjects.filter((o) => o.kind === 'Application').map((o) => applicationOf(o, waveOf(o, problem)));
  for (const app of [root, ...children]) checkSources(app, gitRepo, input.files, problem);
  checkOwnership([root, ...children], problem);
  checkCrdOrder(children, problem);
  checkProject(input.cluster, input.argocdObjects, children, problem, problems);
  return problems;
}

type Problem = (rule: string, object: KubeObject, text: string, path?: string) => void;

function sourcesOf(object: KubeObject): Source[] {
  const spec = (object.spec ?? {}) as { source?: Source; sources?: Source[] };
  return spec.sources ?? (spec.source ? [spec.source] : []);
}

function waveOf(object: KubeObject, problem: Problem): number {
  const text = object.metadata.annotations?.[SYNC_WAVE] ?? '0';
  const wave = Number(text);
  if (!Number.isInteger(wave)) problem('argocd-sync-wave', object, `sync wave "${text}" is not an integer`, `/metadata/annotations/${SYNC_WAVE.replace('/', '~1')}`);
  return wave;
}

function checkSources(app: Application, gitRepo: string | undefined, files: ArgoGraphInput['files'], problem: Problem): void {
  app.sources.forEach((source, i) => {
    if (source.chart !== undefined && !EXACT_VERSION.test(source.targetRevision ?? '')) {
      problem('argocd-chart-unpinned', app.object, `chart ${source.chart} is pinned to "${source.targetRevision ?? ''}"; allowed: an exact version such as 1.2.3`, sourcePath(app.object, i, 'targetRevision'));
    }
    if (source.path === undefined || source.repoURL !== gitRepo) return;
    const inPath = [...files].filter(([file]) => file.startsWith(`${source.path}/`));
    if (inPath.length === 0) problem('argocd-path-missing', app.object, `path ${source.path} does not exist in the rendered files`, sourcePath(app.object, i, 'path'));
    else if (inPath.every(([, objects]) => objects.length === 0)) problem('argocd-path-missing', app.object, `path ${source.path} holds no objects`, sourcePath(app.object, i, 'path'));
  });
}

function checkOwnership(apps: readonly Application[], problem: Problem): void {
  const owners = new Map<string, { app: string; file: string }>();
  for (const app of apps) {
    for (const { file, object } of app.objects) {
      const key = `${object.apiVersion} ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, { app: app.name, file });
      else if (owner.app !== app.name) problem('argocd-owned-twice', object, `${key} (${file}) is owned by both Application ${owner.app} (${owner.file}) and Application ${app.name}`);
    }
  }
}

/** Providers: Applications that install a CRD (annotation or a CustomResourceDefinition they sync), one per CRD. */
function checkCrdOrder(apps: readonly Application[], problem: Problem): void {
  const providers = new Map<string, Application>();
  for (const app of apps) {
    const rendered = app.objects.filter(({ object }) => object.kind === 'CustomResourceDefinition').map(({ object }) => crdOf(object));
    for (const crd of new Set([...listAnnotation(app.object, INSTALLS_CRDS), ...rendered])) {
      const other = providers.get(crd);
      if (other === undefined) providers.set(crd, app);
      else problem('argocd-crd-installed-twice', app.object, `installs ${crd}, which Application ${other.name} installs too; one Application must own each CRD`);
    }
  }
  for (const app of apps) {
    const used = new Set([...listAnnotation(app.object, USES_CRDS), ...app.objects.map(({ object }) => groupKind(object))]);
    for (const crd of [...used].sort()) {
      const provider = providers.get(crd);
      if (provider === undefined || provider === app) continue;
      if (app.wave <= provider.wave) {
        const user = app.objects.find(({ object }) => groupKind(object) === crd)?.object ?? app.object;
        problem('argocd-crd-order', user, `Application ${app.name} uses ${crd} in wave ${app.wave}, not after Application ${provider.name} that installs it (wave ${provider.wave})`);
      }
    }
  }
}

function checkProject(cluster: string, argocdObjects: readonly KubeObject[], apps: readonly Application[], problem: Problem, problems: Finding[]): void {
  const project = argocdObjects.find((o) => o.kind === 'AppProject' && o.metadata.name === cluster);
  if (project === undefined) {
    problems.push({ rule: 'argocd-project', object: { kind: 'AppProject', name: cluster }, path: '', message: `AppProject ${cluster} is missing from the Argo CD objects` });
    return;
  }
  const spec = (project.spec ?? {}) as { sourceRepos?: string[]; destinations?: { server?: string; name?: string; namespace?: string }[] };
  const repos = spec.sourceRepos ?? [];
  const destinations = spec.destinations ?? [];
  for (const app of apps) {
    const appSpec = (app.object.spec ?? {}) as { project?: string; destination?: { server?: string; namespace?: string } };
    if (appSpec.project !== cluster) problem('argocd-project', app.object, `belongs to project "${appSpec.project ?? ''}"; allowed: "${cluster}"`);
    const destination = appSpec.destination ?? {};
    const allowedDestination = destinations.some(
      (d) => matches(d.server ?? '*', destination.server ?? '') && matches(d.namespace ?? '*', destination.namespace ?? ''),
    );
    if (!allowedDestination) {
      problem('argocd-project', app.object, `destination ${destination.server ?? ''} namespace ${destination.namespace ?? ''} is not among the destinations of AppProject ${cluster}`);
    }
    for (const source of app.sources) {
      if (!repos.some((r) => matches(r, source.repoURL ?? ''))) problem('argocd-project', app.object, `source ${source.repoURL ?? ''} is not among the sourceRepos of AppProject ${cluster}`);
    }
  }
}

/** Argo CD's AppProject patterns: `*` matches any run of characters. */
function matches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

function listAnnotation(object: KubeObject, key: string): string[] {
  const text = object.metadata.annotations?.[key];
  return text === undefined || text === '' ? [] : text.split(',');
}

function crdOf(object: KubeObject): string {
  const spec = (object.spec ?? {}) as { group?: string; names?: { kind?: string } };
  return `${spec.group ?? ''}/${spec.names?.kind ?? ''}`;
}

/** JSON Pointer of a field of an Application's `source`, or of its `sources[i]`. */
function sourcePath(object: KubeObject, i: number, field: string): string {
  return (object.spec as { sources?: unknown } | undefined)?.sources ? `/spec/sources/${i}/${field}` : `/spec/source/${field}`;
}
