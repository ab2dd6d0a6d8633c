import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { selectClusterFiles } from '@wavesmith/model/cluster-files';
import { isBlocking, sortFindings, type Finding } from '@wavesmith/model/finding';
import { compileSourceModules, type SourceModule } from '@wavesmith/model/source-modules';
import { appEntries, findAppPackages } from './app-packages.js';
import { readBuildState, recordFile, scanOutput, STATE_FILE, statMatches, verifyOutput, writeBuildState, type ClusterRecord, type FileRecord } from './build-state.js';
import { withOutputLock, type OutputLock } from './output-lock.js';
import { appsKey, pruneRenders, readRender, RENDER_CACHE, renderKey, writeRender, type CachedRender } from './render-cache.js';
import type { RenderedFile } from './render-cluster.js';
import type { RenderPool } from './render-pool.js';
import { sha256 } from './serialize.js';
import { readToolchain, type Toolchain } from './toolchain.js';
import { OUTPUT_DIRS, recoverOutput, Staging, type WriteOptions } from './write-output.js';

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
  /** The day waivers expire against, as YYYY-MM-DD. @default today in UTC */
  readonly today?: string;
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
  /** The findings that did not stop the build: warnings and waived findings. */
  readonly findings: readonly Finding[];
}

/** Thrown when any cluster has a blocking finding; carries every finding of every cluster. Nothing is written then. */
export class BuildCheckError extends Error {
  constructor(
    readonly findings: readonly Finding[],
    /** How many clusters were checked. */
    readonly clusters: number,
  ) {
    const blocking = findings.filter(isBlocking);
    const failed = new Set(blocking.map((f) => f.cluster)).size;
    super(`${blocking.length} error${blocking.length === 1 ? '' : 's'} in ${failed} cluster${failed === 1 ? '' : 's'}`);
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

/** A cluster as rendered (or taken from the render cache): the hash of each file; the content is staged as it comes and not kept. */
interface Produced {
  readonly objects: number;
  readonly files: ReadonlyMap<string, string>;
  readonly findings: readonly Finding[];
  readonly validThrough?: string;
}

/** What rendering clusters gave: those that passed, and the findings of those that did not. */
interface Rendered {
  readonly produced: Map<string, Produced>;
  readonly failed: readonly Finding[];
}

const hashesOf = (files: readonly RenderedFile[]): Map<string, string> => new Map(files.map(({ path, content }) => [path, sha256(content)]));

/** Whether findings kept from an earlier check still hold on `date`: none of the cluster's waivers has expired since. */
const holds = (kept: { readonly validThrough?: string }, date: string): boolean => kept.validThrough === undefined || date <= kept.validThrough;

/**
 * Loads and validates the clusters, renders and checks them (in parallel, those whose inputs
 * changed), and only when none has a blocking finding writes dist/ and argocd-apps/ in one
 * transaction that stages only what changed. It holds the output lock from reading the output to
 * writing it, so a second build waits and then sees the first's files. Whether a cluster changed
 * is decided from the hashes of its inputs (its file and what that imports, the app packages,
 * Wavesmith's packages, the lockfile) and a check of its files on disk by their stat, reading a
 * file only when its stat differs: an unchanged repository is checked in a blink, and a changed
 * dependency or an output file edited by hand is always rebuilt. The findings of a cluster not
 * rendered again are those its last check found, as long as none of its waivers has expired.
 */
export async function build(options: BuildOptions): Promise<BuildSummary> {
  const { root } = options;
  const toolchain = options.toolchain ?? readToolchain();
  const selected = await selectClusterFiles(root, options.clusters);
  const files = options.shard ? shardOf(selected.files, options.shard) : selected.files;
  const date = options.today ?? new Date().toISOString().slice(0, 10);
  const renderers = new Renderers(options, date);
  // With nothing kept to reuse, every cluster renders: the workers load meanwhile.
  if (!options.merge && (options.cache === false || nothingKept(root))) void renderers.start(files.length).catch(() => undefined);
  try {
    // The apps are compiled with the clusters, so that the workers find them compiled.
    const apps = await findAppPackages(root);
    const modules = await compileSourceModules(root, [...files, ...appEntries(apps)]);
    const appsHash = appsKey(root);
    const planned = modules.slice(0, files.length).map((module): Planned => ({
      name: module.file.slice('clusters/'.length, -'.ts'.length),
      module,
      key: module.url === undefined ? undefined : renderKey(toolchain.key, appsHash, module.inputs),
    }));
    const context: BuildContext = { options, date, renderers, fleetFindings: selected.findings };
    if (options.shard) return await renderShard(planned, context);
    return await withOutputLock(root, options, (lock) => buildHoldingLock(planned, context, lock));
  } finally {
    await renderers.close();
  }
}

/** What every step of one build shares. */
interface BuildContext {
  readonly options: BuildOptions;
  readonly date: string;
  readonly renderers: Renderers;
  /** Findings about clusters/ itself: a linked or unreadable file, an unknown --cluster. */
  readonly fleetFindings: readonly Finding[];
}

/** Whether the repository has neither a record of its last build nor renderings to reuse. */
function nothingKept(root: string): boolean {
  return !existsSync(join(root, STATE_FILE)) && !existsSync(join(root, RENDER_CACHE));
}

/** The render pool of a build, made when first needed (or earlier, see `start`) and closed at its end. */
class Renderers {
  private pool: Promise<RenderPool> | undefined;
  constructor(
    private readonly options: BuildOptions,
    private readonly date: string,
  ) {}

  start(clusters: number): Promise<RenderPool> {
    const size = Math.max(1, Math.min(this.options.workers ?? availableParallelism(), clusters));
    this.pool ??= import('./render-pool.js').then(({ RenderPool }) => new RenderPool(this.options.root, size, this.date));
    return this.pool;
  }

  async close(): Promise<void> {
    // A pool that could not be made failed the build already, or was never needed.
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }
}

/** The renderings in the render cache of the clusters that have one whose findings still hold, in the order of `planned`. */
async function fromRenderCache(planned: readonly Planned[], context: BuildContext): Promise<(CachedRender | undefined)[]> {
  if (context.options.cache === false) return planned.map(() => undefined);
  return Promise.all(
    planned.map(async (p) => {
      const render = p.key === undefined ? undefined : await readRender(context.options.root, p.key);
      return render && holds(render, context.date) ? render : undefined;
    }),
  );
}

/** Fails the build when any finding blocks it, with every finding of every cluster. */
function failOnBlocking(findings: readonly Finding[], clusters: number): Finding[] {
  const sorted = sortFindings(findings);
  if (sorted.some(isBlocking)) throw new BuildCheckError(sorted, clusters);
  return sorted;
}

/** A shard: renders the clusters the render cache lacks, into the render cache. */
async function renderShard(planned: readonly Planned[], context: BuildContext): Promise<BuildSummary> {
  const known = await fromRenderCache(planned, context);
  for (const render of known) if (render) announce(context.options, render.cluster, render.objects, render.files.length, true);
  const { produced, failed } = await render(
    planned.filter((_, i) => known[i] === undefined),
    context,
  );
  const findings = failOnBlocking([...context.fleetFindings, ...failed, ...[...known, ...produced.values()].flatMap((r) => r?.findings ?? [])], planned.length);
  const objects = [...known, ...produced.values()].reduce((sum, r) => sum + (r?.objects ?? 0), 0);
  return { clusters: planned.length, objects, written: 0, unchanged: 0, pruned: 0, cached: planned.length - produced.size, rendered: produced.size, findings };
}

/** The part of a build from reading the output to writing it, which runs under the output lock. */
async function buildHoldingLock(planned: readonly Planned[], context: BuildContext, lock: OutputLock): Promise<BuildSummary> {
  const { options, date } = context;
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

  // Each cluster: unchanged (its inputs and its files on disk as recorded, its findings still holding), in the render cache, or to render.
  const kept = new Map<string, ClusterRecord>();
  for (const p of planned) {
    const record = previous.clusters[p.name];
    if (record && record.key === p.key && holds(record, date) && Object.entries(record.files).every(([path, r]) => onDisk.get(path) === r.sha)) {
      kept.set(p.name, record);
      announce(options, p.name, record.objects, Object.keys(record.files).length, true);
    }
  }
  const others = planned.filter((p) => !kept.has(p.name));
  const cached = await fromRenderCache(others, context);
  const toRender = others.filter((_, i) => cached[i] === undefined);
  if (options.merge && toRender.length > 0) throw new MissingRenderError(toRender.map((p) => p.name));

  // The transaction stages each file whose content differs from the disk's as soon as it is known.
  const staging = new Staging(root, { ...options, lock });
  const expected = new Map<string, string>();
  for (const record of kept.values()) for (const [path, r] of Object.entries(record.files)) expected.set(path, r.sha);
  const stage = (files: readonly RenderedFile[], hashes: ReadonlyMap<string, string>): void => {
    for (const { path, content } of files) {
      expected.set(path, hashes.get(path)!);
      if (onDisk.get(path) !== hashes.get(path)) staging.put(path, content);
    }
  };
  const produced = new Map<string, Produced>();
  for (const render of cached) {
    if (!render) continue;
    const hashes = hashesOf(render.files);
    stage(render.files, hashes);
    produced.set(render.cluster, { objects: render.objects, files: hashes, findings: render.findings, ...(render.validThrough ? { validThrough: render.validThrough } : {}) });
    announce(options, render.cluster, render.objects, render.files.length, true);
  }
  let findings: Finding[];
  let rendered: Map<string, Produced>;
  try {
    const result = await render(toRender, context, stage);
    rendered = result.produced;
    // Every cluster's findings: those that passed (left as they were, from the render cache, or rendered now) and those that failed.
    const passed = [...kept.values(), ...produced.values(), ...rendered.values()].flatMap((c) => c.findings);
    findings = failOnBlocking([...context.fleetFindings, ...result.failed, ...passed], planned.length);
  } catch (error) {
    await staging.discard();
    throw error;
  }
  for (const [name, p] of rendered) produced.set(name, p);
  const remove = [...disk.keys()].filter((path) => !expected.has(path));
  const result = await staging.commit({ remove, existing: new Set(disk.keys()) });

  // What the output now is, for the next build: a file written is stat-ed anew, one left as it was keeps the stat read.
  const written = new Set(result.written);
  const record = async (path: string): Promise<FileRecord> => {
    const sha = expected.get(path)!;
    const stats = disk.get(path);
    return written.has(path) || stats === undefined ? recordFile(root, path, sha) : { sha, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
  };
  const clusters: Record<string, ClusterRecord> = options.clusters === undefined ? {} : { ...saved.state.clusters };
  let changed = produced.size + result.written.length + result.pruned.length > 0 || (options.clusters === undefined && planned.length !== Object.keys(saved.state.clusters).length);
  for (const p of planned) {
    const before = kept.get(p.name);
    // A cluster left as it was keeps its record, unless a file's stat moved (after `touch`, a checkout).
    if (before && Object.entries(before.files).every(([path, r]) => statMatches(r, disk.get(path)))) {
      clusters[p.name] = before;
      continue;
    }
    const made = produced.get(p.name);
    const paths = before ? Object.keys(before.files) : [...made!.files.keys()];
    const files = Object.fromEntries(await Promise.all(paths.map(async (path) => [path, await record(path)] as const)));
    const { objects, findings: own, validThrough } = before ?? made!;
    clusters[p.name] = { file: p.module.file, key: p.key!, objects, files, findings: own, ...(validThrough ? { validThrough } : {}) };
    changed = true;
  }
  if (changed) await writeBuildState(root, { clusters });
  if (options.clusters === undefined) await pruneRenders(root, new Set(planned.map((p) => p.key!)));

  return {
    clusters: planned.length,
    objects: planned.reduce((sum, p) => sum + clusters[p.name]!.objects, 0),
    written: result.written.length,
    unchanged: expected.size - result.written.length,
    pruned: result.pruned.length,
    cached: planned.length - rendered.size,
    rendered: rendered.size,
    findings,
  };
}

/**
 * Renders and checks the clusters, storing each that passes in the render cache and handing its
 * files to `stage` as they arrive; the findings of those that fail are returned, not thrown, so
 * the build reports every cluster's.
 */
async function render(
  planned: readonly Planned[],
  context: BuildContext,
  stage: (files: readonly RenderedFile[], hashes: ReadonlyMap<string, string>) => void = () => {},
): Promise<Rendered> {
  const produced = new Map<string, Produced>();
  const failed: Finding[] = [];
  if (planned.length === 0) return { produced, failed };
  const keys = new Map(planned.map((p) => [p.module.file, p.key]));
  const stored: Promise<void>[] = [];
  const pool = await context.renderers.start(planned.length);
  await pool.render(
    planned.map((p) => p.module),
    (outcome) => {
      const key = keys.get(outcome.file);
      if (outcome.output === undefined || key === undefined) {
        failed.push(...outcome.findings);
        return;
      }
      const { objects, files } = outcome.output;
      const validThrough = outcome.validThrough ? { validThrough: outcome.validThrough } : {};
      stored.push(writeRender(context.options.root, key, { cluster: outcome.cluster, objects, files, findings: outcome.findings, ...validThrough }));
      const hashes = hashesOf(files);
      stage(files, hashes);
      produced.set(outcome.cluster, { objects, files: hashes, findings: outcome.findings, ...validThrough });
      announce(context.options, outcome.cluster, objects, files.length, false);
    },
  );
  await Promise.all(stored);
  return { produced, failed };
}

function announce(options: BuildOptions, cluster: string, objects: number, files: number, cached: boolean): void {
  options.onCluster?.({ cluster, objects, files, cached });
}
