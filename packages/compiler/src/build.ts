import type { SpecIssue } from '@wavesmith/model';
import { selectClusterFiles } from '@wavesmith/model/cluster-files';
import { compileSourceModules, type SourceModule } from '@wavesmith/model/source-modules';
import { readBuildState, recordFile, scanOutput, verifyOutput, writeBuildState, type ClusterRecord, type FileRecord } from './build-state.js';
import { withOutputLock, type OutputLock } from './output-lock.js';
import { appsKey, pruneRenders, readRender, renderKey, writeRender, type CachedRender } from './render-cache.js';
import type { RenderCheckError, RenderedFile } from './render-cluster.js';
import type { RenderOutcome } from './render-job.js';
import { sha256 } from './serialize.js';
import { readToolchain, type Toolchain } from './toolchain.js';
import { OUTPUT_DIRS, recoverOutput, writeChanges, type WriteOptions } from './write-output.js';

export { readToolchain, StaleBuildError, type Toolchain } from './toolchain.js';

export interface BuildOptions extends Omit<WriteOptions, 'lock'> {
  /** Repository root: holds clusters/, dist/ and argocd-apps/. */
  readonly root: string;
  /** Build only these clusters; the others' output is left as it is. @default every cluster */
  readonly clusters?: readonly string[];
  /**
   * Reuse what is known: the output of clusters whose inputs are unchanged, and renderings in the
   * render cache. Without it every cluster is rendered and every output file read. @default true
   */
  readonly cache?: boolean;
  /**
   * Render only slice `index` of `count` (from 1) of the clusters, into the render cache; the
   * output folders are not touched. A later build (see `merge`) writes them in one transaction.
   */
  readonly shard?: Shard;
  /** Take every cluster from the render cache, rendering none: the merge step after sharded builds. @default false */
  readonly merge?: boolean;
  /** Threads rendering at once. @default the number of processors */
  readonly workers?: number;
  /** The toolchain, when the caller has read it already. @default read from the running code's workspace */
  readonly toolchain?: Toolchain;
  /** Told when each cluster is done, for progress display. */
  readonly onCluster?: (event: ClusterEvent) => void;
}

/** A slice of the fleet: the clusters whose position in name order, counted from 1, is `index` modulo `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface ClusterEvent {
  readonly cluster: string;
  readonly objects: number;
  readonly files: number;
  /** True when the cluster was not rendered: its output was unchanged, or taken from the render cache. */
  readonly cached: boolean;
}

export interface BuildSummary {
  readonly clusters: number;
  readonly objects: number;
  readonly written: number;
  readonly unchanged: number;
  readonly pruned: number;
  /** Clusters not rendered: unchanged, or taken from the render cache. */
  readonly cached: number;
  /** Clusters rendered by this build. */
  readonly rendered: number;
}

/** Thrown when one or more clusters fail their checks; carries every cluster's problems. */
export class BuildCheckError extends Error {
  constructor(readonly failures: readonly RenderCheckError[]) {
    super(failures.map((f) => f.message).join('\n'));
    this.name = 'BuildCheckError';
  }
}

/** Thrown by a merge when the render cache lacks clusters: a shard did not run, or rendered other inputs. */
export class MissingRenderError extends Error {
  constructor(readonly clusters: readonly string[]) {
    super(
      `the render cache has no rendering of ${clusters.join(', ')} for their current inputs; ` +
        'render them with `wavesmith build --shard K/N` (with these sources and lockfile) first, or build without --merge',
    );
    this.name = 'MissingRenderError';
  }
}

/** The clusters of a shard, from the cluster files in name order. */
export function shardOf<T>(sorted: readonly T[], { index, count }: Shard): T[] {
  return sorted.filter((_, i) => i % count === index - 1);
}

/** A cluster of this build: its file compiled, and the key of its inputs (undefined when it did not compile). */
interface Planned {
  readonly name: string;
  readonly module: SourceModule;
  readonly key: string | undefined;
}

/**
 * Loads and validates the clusters, renders and checks them in memory (in parallel, those whose
 * inputs changed), and only when all of them pass writes dist/ and argocd-apps/ in one
 * transaction that stages only what changed. It holds the output lock from reading the output
 * to writing it, so a second build waits and then sees the first's files. Whether a cluster
 * changed is decided from the hashes of its inputs (its file and what that imports, the app
 * packages, Wavesmith's packages, the lockfile) and a check of its files on disk by their stat,
 * reading a file only when its stat differs: an unchanged repository is checked in a blink, and
 * a changed dependency or an output file edited by hand is always rebuilt.
 */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const { root } = options;
  const toolchain = options.toolchain ?? readToolchain();
  let files = await selectClusterFiles(root, options.clusters);
  if (options.shard) files = shardOf(files, options.shard);
  const modules = await compileSourceModules(root, files);
  const apps = appsKey(root);
  const planned = modules.map((module): Planned => ({
    name: module.file.slice('clusters/'.length, -'.ts'.length),
    module,
    key: module.url === undefined ? undefined : renderKey(toolchain.key, apps, module.inputs),
  }));
  if (options.shard) return renderShard(planned, options);
  return withOutputLock(root, options, (lock) => buildHoldingLock(planned, options, lock));
}

/** A shard: renders the clusters the render cache lacks, into the render cache. */
async function renderShard(planned: readonly Planned[], options: BuildOptions): Promise<BuildSummary> {
  const useCache = options.cache ?? true;
  const known = await Promise.all(planned.map(async (p) => (useCache && p.key ? await readRender(options.root, p.key) : undefined)));
  for (const render of known) if (render) announce(options, render, true);
  const toRender = planned.filter((_, i) => known[i] === undefined);
  const rendered = await render(toRender, options);
  await Promise.all(toRender.map((p) => writeRender(options.root, p.key!, rendered.get(p.name)!)));
  const objects = [...known, ...rendered.values()].reduce((sum, r) => sum + (r?.objects ?? 0), 0);
  return { clusters: planned.length, objects, written: 0, unchanged: 0, pruned: 0, cached: planned.length - rendered.size, rendered: rendered.size };
}

/** The part of a build from reading the output to writing it, which runs under the output lock. */
async function buildHoldingLock(planned: readonly Planned[], options: BuildOptions, lock: OutputLock): Promise<BuildSummary> {
  const { root } = options;
  const useCache = options.cache ?? true;
  await recoverOutput(root, { lock });
  const saved = readBuildState(root);
  // Without the cache nothing recorded is trusted: every cluster is rendered, every output file read.
  const { state: previous, savedAtMs } = useCache ? saved : { state: { clusters: {} }, savedAtMs: 0 };

  const scopes = options.clusters === undefined ? OUTPUT_DIRS.map((d) => `${d}/`) : planned.flatMap((p) => [`dist/${p.name}/`, `argocd-apps/${p.name}.yaml`]);
  const inScope = (path: string) => scopes.some((s) => path === s || path.startsWith(s));
  const disk = new Map([...scanOutput(root, OUTPUT_DIRS)].filter(([path]) => inScope(path)));
  const records = new Map<string, FileRecord>(Object.values(previous.clusters).flatMap((c) => Object.entries(c.files)));
  const onDisk = verifyOutput(root, disk, records, savedAtMs);

  // Each cluster: unchanged (its inputs and its files on disk as recorded), in the render cache, or to render.
  const kept = new Map<string, ClusterRecord>();
  const restored = new Map<string, CachedRender>();
  const toRender: Planned[] = [];
  for (const p of planned) {
    const record = previous.clusters[p.name];
    if (record && record.key === p.key && Object.entries(record.files).every(([path, r]) => onDisk.get(path) === r.sha)) {
      kept.set(p.name, record);
      options.onCluster?.({ cluster: p.name, objects: record.objects, files: Object.keys(record.files).length, cached: true });
      continue;
    }
    const cached = useCache && p.key ? await readRender(root, p.key) : undefined;
    if (cached) {
      restored.set(p.name, cached);
      announce(options, cached, true);
    } else toRender.push(p);
  }
  if (options.merge && toRender.length > 0) throw new MissingRenderError(toRender.map((p) => p.name));
  const rendered = await render(toRender, options);

  // The transaction: files whose content differs from the disk's, and files no cluster renders.
  const expected = new Map<string, string>();
  for (const record of kept.values()) for (const [path, r] of Object.entries(record.files)) expected.set(path, r.sha);
  const put = new Map<string, string>();
  for (const render of [...restored.values(), ...rendered.values()]) {
    for (const { path, content } of render.files) {
      const sha = sha256(content);
      expected.set(path, sha);
      if (onDisk.get(path) !== sha) put.set(path, content);
    }
  }
  const remove = [...disk.keys()].filter((path) => !expected.has(path));
  const result = await writeChanges(root, { put, remove, existing: new Set(disk.keys()) }, { ...options, lock });

  // What the output now is, for the next build: a file written is stat-ed anew, one left as it was keeps the stat read.
  const record = async (path: string): Promise<FileRecord> => {
    const sha = expected.get(path)!;
    const stats = disk.get(path);
    return put.has(path) || stats === undefined ? recordFile(root, path, sha) : { sha, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
  };
  const clusters: Record<string, ClusterRecord> = options.clusters === undefined ? {} : { ...saved.state.clusters };
  for (const p of planned) {
    const render = restored.get(p.name) ?? rendered.get(p.name);
    const before = kept.get(p.name);
    const paths = render ? render.files.map((f) => f.path) : Object.keys(before!.files);
    const files = Object.fromEntries(await Promise.all(paths.map(async (path) => [path, await record(path)] as const)));
    clusters[p.name] = { file: p.module.file, key: p.key!, objects: render?.objects ?? before!.objects, files };
  }
  if (restored.size + rendered.size + result.written.length + result.pruned.length > 0 || planned.some((p) => !sameFiles(kept.get(p.name), clusters[p.name]!))) {
    await writeBuildState(root, { clusters });
  }
  const keys = new Map(planned.map((p) => [p.name, p.key!]));
  await Promise.all([...rendered].map(([name, r]) => writeRender(root, keys.get(name)!, r)));
  if (options.clusters === undefined) await pruneRenders(root, new Set(keys.values()));

  return {
    clusters: planned.length,
    objects: planned.reduce((sum, p) => sum + clusters[p.name]!.objects, 0),
    written: result.written.length,
    unchanged: expected.size - result.written.length,
    pruned: result.pruned.length,
    cached: kept.size + restored.size,
    rendered: rendered.size,
  };
}

/**
 * Renders the clusters (on all processors, see render-pool.ts), failing with every problem of
 * every cluster: invalid descriptions first (a ClusterSpecError), then failed checks.
 */
async function render(planned: readonly Planned[], options: BuildOptions): Promise<Map<string, CachedRender>> {
  if (planned.length === 0) return new Map();
  const { renderModules } = await import('./render-pool.js');
  const outcomes = await renderModules(
    options.root,
    planned.map((p) => p.module),
    {
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      onOutcome: (o) => {
        if (o.kind === 'rendered') announce(options, o, false);
      },
    },
  );
  await failOn(outcomes);
  const rendered = new Map<string, CachedRender>();
  for (const outcome of outcomes) if (outcome.kind === 'rendered') rendered.set(outcome.cluster, { cluster: outcome.cluster, objects: outcome.objects, files: outcome.files });
  return rendered;
}

async function failOn(outcomes: readonly RenderOutcome[]): Promise<void> {
  const issues: SpecIssue[] = outcomes.flatMap((o) => (o.kind === 'invalid' ? o.issues : []));
  if (issues.length > 0) {
    const { ClusterSpecError } = await import('@wavesmith/model');
    throw new ClusterSpecError(issues);
  }
  const failed = outcomes.flatMap((o) => (o.kind === 'failed' ? [o] : []));
  if (failed.length > 0) {
    const { RenderCheckError } = await import('./render-cluster.js');
    throw new BuildCheckError(failed.map((f) => new RenderCheckError(f.cluster, f.problems)));
  }
}

function announce(options: BuildOptions, render: { readonly cluster: string; readonly objects: number; readonly files: readonly RenderedFile[] }, cached: boolean): void {
  options.onCluster?.({ cluster: render.cluster, objects: render.objects, files: render.files.length, cached });
}

/** Whether a kept cluster's files are recorded as before (a file whose stat changed but content did not, as after `touch`, is not). */
function sameFiles(before: ClusterRecord | undefined, after: ClusterRecord): boolean {
  if (before === undefined) return false;
  return Object.entries(after.files).every(([path, r]) => {
    const b = before.files[path];
    return b !== undefined && b.size === r.size && b.mtimeMs === r.mtimeMs && b.ctimeMs === r.ctimeMs && b.ino === r.ino;
  });
}
