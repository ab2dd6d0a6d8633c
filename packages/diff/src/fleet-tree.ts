import { DiffError } from './diff-error.js';
import { groupOf, refKey, refLabel, type KubeRef } from './object-ref.js';
import { parseJsonFile, parseYamlDocuments } from './yaml-documents.js';

/** The rendered output of a repository: file path (relative to the root) to content, as `readTree` returns it. */
export type RenderedTree = ReadonlyMap<string, string>;

/** Objects of the app-of-apps itself (AppProject, root Application) belong to this pseudo-component. */
export const APP_OF_APPS = 'app-of-apps';

/** A component as the cluster's inventory.json describes it. */
export interface ComponentInfo {
  readonly name: string;
  readonly tier?: string;
  readonly wave?: number;
  readonly namespace?: string;
  readonly chart?: { readonly repoURL: string; readonly chart: string; readonly version: string };
}

export interface LocatedObject {
  readonly ref: KubeRef;
  readonly component: string;
  readonly file: string;
  readonly body: Record<string, unknown>;
}

/** One addressable block of a Terraform JSON document: a resource, data source, output, variable, local, provider. */
export interface TerraformBlock {
  /** `aws_vpc.main`, `data.aws_ami.ubuntu`, `output.cluster_name`, `var.region`, `local.tags`, `provider.aws`, `terraform`. */
  readonly address: string;
  readonly section: string;
  /** Resource or data source type; empty for the other sections. */
  readonly type: string;
  readonly body: unknown;
  readonly file: string;
}

export interface ClusterOutput {
  readonly name: string;
  readonly components: ReadonlyMap<string, ComponentInfo>;
  /** By `refKey`. */
  readonly objects: ReadonlyMap<string, LocatedObject>;
  /** By address. */
  readonly terraform: ReadonlyMap<string, TerraformBlock>;
  /** Files of the cluster that are neither objects, Terraform nor derived summaries, compared as text. */
  readonly files: ReadonlyMap<string, string>;
}

export interface FleetOutput {
  readonly clusters: ReadonlyMap<string, ClusterOutput>;
}

/** Summaries derived from the rest of the output (README: Mermaid and tables; inventory: index and file hashes). */
const DERIVED = new Set(['README.md', 'inventory.json']);

interface MutableCluster {
  name: string;
  components: Map<string, ComponentInfo>;
  objects: Map<string, LocatedObject>;
  terraform: Map<string, TerraformBlock>;
  files: Map<string, string>;
}

/**
 * Reads a rendered tree (the output contract: argocd-apps/<cluster>.yaml, dist/<cluster>/argocd/,
 * apps/<component>/, terraform/*.tf.json, inventory.json) into objects keyed by identity, so that
 * the order of files, documents and keys plays no part in what is compared.
 */
export function parseFleet(tree: RenderedTree): FleetOutput {
  const clusters = new Map<string, MutableCluster>();
  const cluster = (name: string): MutableCluster => {
    let c = clusters.get(name);
    if (!c) clusters.set(name, (c = { name, components: new Map(), objects: new Map(), terraform: new Map(), files: new Map() }));
    return c;
  };
  for (const [path, content] of [...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts = path.split('/');
    if (parts[0] === 'argocd-apps' && parts.length === 2 && path.endsWith('.yaml')) {
      addObjects(cluster(parts[1]!.slice(0, -'.yaml'.length)), path, content, () => APP_OF_APPS);
      continue;
    }
    if (parts[0] !== 'dist' || parts.length < 3) continue;
    const c = cluster(parts[1]!);
    const rest = parts.slice(2);
    if (rest.length === 1 && rest[0] === 'inventory.json') readInventory(c, path, content);
    else if (rest.length === 1 && DERIVED.has(rest[0]!)) continue;
    else if (rest[0] === 'argocd' && rest.length === 2 && path.endsWith('.yaml')) {
      addObjects(c, path, content, (ref) => (ref.group === 'argoproj.io' && ref.kind === 'Application' ? ref.name : APP_OF_APPS));
    } else if (rest[0] === 'apps' && rest.length === 3 && path.endsWith('.yaml')) addObjects(c, path, content, () => rest[1]!);
    else if (rest[0] === 'terraform' && path.endsWith('.tf.json')) addTerraform(c, path, content);
    else c.files.set(path, content);
  }
  return { clusters };
}

function addObjects(c: MutableCluster, file: string, content: string, componentOf: (ref: KubeRef) => string): void {
  parseYamlDocuments(file, content).forEach((doc, i) => {
    const where = `${file} (document ${i + 1})`;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new DiffError(`${where}: expected a Kubernetes object, got ${JSON.stringify(doc).slice(0, 60)}`);
    const body = doc as Record<string, unknown>;
    const metadata = (body.metadata ?? {}) as Record<string, unknown>;
    for (const [field, value] of [['apiVersion', body.apiVersion], ['kind', body.kind], ['metadata.name', metadata.name]] as const) {
      if (typeof value !== 'string' || value === '') throw new DiffError(`${where}: ${field} is ${JSON.stringify(value)}; every object needs a non-empty ${field}`);
    }
    const ref: KubeRef = {
      group: groupOf(body.apiVersion as string),
      kind: body.kind as string,
      ...(typeof metadata.namespace === 'string' && metadata.namespace !== '' ? { namespace: metadata.namespace } : {}),
      name: metadata.name as string,
    };
    const key = refKey(ref);
    const other = c.objects.get(key);
    if (other) throw new DiffError(`${where}: ${refLabel(ref)} is also in ${other.file}; an object may appear once per cluster`);
    c.objects.set(key, { ref, component: componentOf(ref), file, body });
  });
}

function readInventory(c: MutableCluster, file: string, content: string): void {
  const inventory = parseJsonFile(file, content) as { components?: unknown };
  if (!Array.isArray(inventory.components)) throw new DiffError(`${file}: components is missing; expected the list of the cluster's components`);
  for (const raw of inventory.components as Record<string, unknown>[]) {
    if (typeof raw?.name !== 'string') throw new DiffError(`${file}: a component has no name`);
    const chart = raw.chart as ComponentInfo['chart'] | null | undefined;
    c.components.set(raw.name, {
      name: raw.name,
      ...(typeof raw.tier === 'string' ? { tier: raw.tier } : {}),
      ...(typeof raw.wave === 'number' ? { wave: raw.wave } : {}),
      ...(typeof raw.namespace === 'string' ? { namespace: raw.namespace } : {}),
      ...(chart ? { chart } : {}),
    });
  }
}

const NAMED_SECTIONS: Record<string, string> = { output: 'output', variable: 'var', module: 'module' };
const TYPED_SECTIONS: Record<string, string> = { resource: '', data: 'data.' };

function addTerraform(c: MutableCluster, file: string, content: string): void {
  const doc = parseJsonFile(file, content);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new DiffError(`${file}: expected a Terraform JSON object at the top level`);
  const add = (address: string, section: string, type: string, body: unknown) => {
    if (c.terraform.has(address)) throw new DiffError(`${file}: ${address} is defined twice (also in ${c.terraform.get(address)!.file})`);
    c.terraform.set(address, { address, section, type, body, file });
  };
  for (const [section, value] of Object.entries(doc as Record<string, unknown>)) {
    if (section in TYPED_SECTIONS) {
      for (const [type, byName] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        for (const [name, body] of Object.entries(byName)) add(`${TYPED_SECTIONS[section]}${type}.${name}`, section, type, body);
      }
    } else if (section in NAMED_SECTIONS) {
      for (const [name, body] of Object.entries(value as Record<string, unknown>)) add(`${NAMED_SECTIONS[section]}.${name}`, section, '', body);
    } else if (section === 'locals') {
      for (const [name, body] of Object.entries(value as Record<string, unknown>)) add(`local.${name}`, section, '', body);
    } else if (section === 'provider') {
      for (const [name, body] of Object.entries(value as Record<string, unknown>)) add(`provider.${name}`, section, '', body);
    } else add(section, section, '', value);
  }
}
