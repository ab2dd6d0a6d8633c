import { existsSync, renameSync } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileSystemError, isErrnoError } from './file-system-error.js';
import { acquireOutputLock, OutputLockedError, type LockOptions, type OutputLock } from './output-lock.js';

/**
 * The folders a build owns. Nothing else under the repository root is ever written. The order is
 * the order of the commit: argocd-apps/ first, so dist/ never runs ahead of the roots pointing at it.
 */
export const OUTPUT_DIRS = ['argocd-apps', 'dist'] as const;

/** Transaction folder: the new files, links to the files they replace, and the journal. */
const TX = '.wavesmith-tx';
/** The list of changes; its appearance (by rename) is the commit point. */
const JOURNAL = 'JOURNAL';
/** Present once a committed write is being undone after the file system refused part of it. */
const ABORTED = 'ABORTED';
const NEW = 'new';
const OLD = 'old';

const UNTOUCHED = `${OUTPUT_DIRS.map((d) => `${d}/`).join(' and ')} are as they were`;

export interface OutputPlan {
  /** Desired content of every file inside the scopes, by path relative to the root. */
  readonly files: ReadonlyMap<string, string>;
  /**
   * Path prefixes this build is authoritative for (`dist/tbyte-dev/`, `argocd-apps/tbyte-dev.yaml`).
   * Existing files under them that are not in `files` are pruned; files outside them are kept.
   */
  readonly scopes: readonly string[];
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly pruned: readonly string[];
}

/** Steps of the commit protocol, exposed so tests can simulate a crash after any of them. */
export type WriteStep = 'staged' | 'committed' | `put:${string}` | `deleted:${string}` | 'pruned-folders';

/** One change to the file system the writer is about to make: what, and which path relative to the root. */
export interface FileChange {
  readonly action: string;
  readonly path: string;
}

export interface WriteOptions extends LockOptions {
  /**
   * Called after each step; throwing from it simulates the process dying there: the error
   * propagates untouched and the transaction is left for the next run to recover.
   */
  readonly afterStep?: (step: WriteStep) => void;
  /**
   * Called before each change to the file system; throwing an error with an errno code from it
   * simulates the system refusing that change (a full disk, a read-only folder).
   */
  readonly beforeChange?: (change: FileChange) => void;
  /** The output lock, when the caller holds it already; otherwise the write takes it for its duration. */
  readonly lock?: OutputLock;
}

export interface WriteInput {
  /** The output as it is on disk (from `readTree` after `recoverOutput`, under the same lock), when the caller has read it already. */
  readonly current?: ReadonlyMap<string, string>;
}

/** Thrown when the transaction folder holds a journal this program did not write: a person has to decide what the output is. */
export class ForeignJournalError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not a journal Wavesmith wrote; restore dist/ and argocd-apps/ with git and delete ${TX}/`);
    this.name = 'ForeignJournalError';
  }
}

/** One entry of the journal. `existed` says whether the path held a file before, which undoing needs to know. */
interface Operation {
  readonly op: 'put' | 'delete';
  readonly path: string;
  readonly existed: boolean;
}

/**
 * Replaces the changed files of the output as one transaction, holding the output lock.
 *
 * The protocol keeps dist/ and argocd-apps/ present and readable at every instant, since no
 * folder is ever moved; only files are, each by an atomic rename:
 * 1. stage: every new file is written (and flushed) under `.wavesmith-tx/new/`, and every file it
 *    replaces or prunes is hard-linked under `.wavesmith-tx/old/`;
 * 2. commit: the journal (each put or delete, argocd-apps/ first, then dist/) is written and
 *    renamed into place. Before this, a crash leaves the old output and the next run discards
 *    the transaction; after it, the next run finishes it;
 * 3. apply: the journal is carried out in order, each new file renamed over the old one, pruned
 *    files removed, then emptied folders. Each step can be repeated, so finishing after a crash
 *    is doing it again. A reader sees argocd-apps/ change first and dist/ only after all of
 *    argocd-apps/ is new: never new dist/ files beside old argocd-apps/ files;
 * 4. the journal is removed, then the transaction folder.
 * If the file system refuses a step of 3 (permission, full disk), the applied steps are undone
 * from the old links in reverse order, so the output is as it was.
 */
export async function writeOutput(root: string, plan: OutputPlan & WriteInput, options: WriteOptions = {}): Promise<WriteResult> {
  for (const path of plan.files.keys()) assertOwned(path);
  return withLock(root, options, async () => {
    // The new write's steps are its own: a test crashing at one must not crash the recovery.
    await finishInterrupted(root, { beforeChange: options.beforeChange });
    const current = plan.current ?? (await readTree(root));
    const inScope = (path: string) => plan.scopes.some((s) => path === s || path.startsWith(s));
    const put = new Map([...plan.files].filter(([path, content]) => current.get(path) !== content));
    const unchanged = [...plan.files.keys()].filter((p) => current.get(p) === plan.files.get(p)).sort();
    const remove = [...current.keys()].filter((p) => inScope(p) && !plan.files.has(p));
    return { ...(await transact(root, { put, remove, existing: new Set(current.keys()) }, options)), unchanged };
  });
}

/** The changes of one write: files to put (new or replaced) and files to remove, and which paths exist now. */
export interface Changes {
  readonly put: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
  /** The files of the output on disk (at least those put or removed), so replacing and adding are told apart. */
  readonly existing: ReadonlySet<string>;
}

/** Stages, commits and applies the changes; the caller holds the lock and has finished any interrupted write. */
async function transact(root: string, changes: Changes, options: WriteOptions): Promise<Pick<WriteResult, 'written' | 'pruned'>> {
  const staging = new Staging(root, options);
  for (const [path, content] of changes.put) staging.put(path, content);
  return staging.commit(changes);
}

/**
 * A write being prepared, for a caller holding the output lock: each new file is written (and
 * flushed) under `.wavesmith-tx/new/` as soon as it is known, so a build stages one cluster's
 * files while others still render; the output itself is not touched before `commit`. A staging
 * that is discarded, or whose process dies, leaves a transaction folder without a journal, which
 * the next run removes.
 */
export class Staging {
  private readonly folders = new Set<string>(['./', TX]);
  private readonly paths = new Set<string>();
  private readonly writes: Promise<void>[] = [];
  private readonly limit = limiter(32);
  private created: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly root: string,
    private readonly options: WriteOptions,
  ) {}

  /** Stages a file to put in place at commit; the transaction folder is created with the first. */
  put(path: string, content: string): void {
    assertOwned(path);
    this.paths.add(path);
    const staged = `${TX}/${NEW}/${path}`;
    const write = this.limit(async () => {
      if (this.failure) return;
      this.created ??= change(this.options, 'create the folder', TX, () => mkdir(join(this.root, TX)));
      await this.created;
      await makeFolder(this.root, dirname(staged), this.folders, this.options);
      await change(this.options, 'write', staged, () => writeDurably(join(this.root, staged), content));
    }).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.writes.push(write);
  }

  /**
   * Puts the staged files in place and removes `remove`, as one transaction (see writeOutput):
   * links to the files replaced or removed are kept beside the staged ones, the journal is
   * written (the commit point), then applied.
   */
  async commit({ remove, existing }: Pick<Changes, 'remove' | 'existing'>): Promise<Pick<WriteResult, 'written' | 'pruned'>> {
    const { root, options } = this;
    const written = [...this.paths].sort();
    const pruned = [...remove].sort();
    for (const path of pruned) assertOwned(path);
    await this.settled();
    if (written.length === 0 && pruned.length === 0) return { written, pruned };
    const operations = OUTPUT_DIRS.flatMap((dir) => [
      ...written.filter((p) => p.startsWith(`${dir}/`)).map((path): Operation => ({ op: 'put', path, existed: existing.has(path) })),
      ...pruned.filter((p) => p.startsWith(`${dir}/`)).map((path): Operation => ({ op: 'delete', path, existed: true })),
    ]);
    try {
      this.created ??= change(options, 'create the folder', TX, () => mkdir(join(root, TX)));
      await this.created;
      const kept = operations.filter((o) => o.existed).map((o) => o.path);
      for (const path of kept) await makeFolder(root, dirname(`${TX}/${OLD}/${path}`), this.folders, options);
      await inParallel(kept, (path) => change(options, 'link', `${TX}/${OLD}/${path}`, () => linkOrCopy(join(root, path), join(root, TX, OLD, path))));
      // The staged files' names must be on disk before the journal that points at them.
      await inParallel([...this.folders], (folder) => change(options, 'flush to disk', folder, () => syncFolder(join(root, folder))));
    } catch (error) {
      throw await this.discarding(error);
    }
    options.afterStep?.('staged');
    await commit(root, operations, options);
    options.afterStep?.('committed');
    await applyOrUndo(root, operations, options);
    return { written, pruned };
  }

  /** Gives the staged write up: removes the transaction folder. */
  async discard(): Promise<void> {
    await Promise.all(this.writes);
    if (this.created) await rm(join(this.root, TX), { recursive: true, force: true }).catch(() => undefined);
  }

  /** Waits for every staged write; the first that failed fails the staging, which is then discarded. */
  private async settled(): Promise<void> {
    await Promise.all(this.writes);
    if (this.failure) throw await this.discarding(this.failure.error);
  }

  private async discarding(error: unknown): Promise<unknown> {
    if (!(error instanceof FileSystemError)) return error;
    await this.discard();
    return error.withOutcome(UNTOUCHED);
  }
}

/**
 * Finishes a write that a build left when it died: one past the commit point is completed (or
 * its undoing is), an earlier one is discarded. Takes the output lock unless given it; when a
 * live build holds the lock it does nothing and says `busy`, as that build recovers first.
 * Every command that reads the output calls it before reading.
 */
export async function recoverOutput(
  root: string,
  options: Pick<WriteOptions, 'lock' | 'afterStep' | 'beforeChange'> = {},
): Promise<'none' | 'busy' | 'rolled-forward' | 'rolled-back'> {
  if (!existsSync(join(root, TX))) return 'none';
  try {
    return await withLock(root, { ...options, waitMs: 0 }, () => finishInterrupted(root, options));
  } catch (error) {
    if (error instanceof OutputLockedError && error.owner !== undefined) return 'busy';
    throw error;
  }
}

async function withLock<T>(root: string, options: WriteOptions, work: () => Promise<T>): Promise<T> {
  if (options.lock) return work();
  const lock = await acquireOutputLock(root, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

async function finishInterrupted(root: string, options: WriteOptions): Promise<'none' | 'rolled-forward' | 'rolled-back'> {
  const tx = join(root, TX);
  if (!existsSync(tx)) return 'none';
  if (!existsSync(join(tx, JOURNAL))) {
    await change(options, 'remove', TX, () => rm(tx, { recursive: true, force: true }));
    return 'rolled-back';
  }
  const operations = await readJournal(root);
  if (existsSync(join(tx, ABORTED))) {
    await undo(root, operations, options);
    return 'rolled-back';
  }
  await applyOrUndo(root, operations, options);
  return 'rolled-forward';
}

async function commit(root: string, operations: readonly Operation[], options: WriteOptions): Promise<void> {
  const tx = join(root, TX);
  const draft = `${TX}/${JOURNAL}.tmp`;
  try {
    await change(options, 'write', draft, () => writeDurably(join(root, draft), JSON.stringify({ operations }, null, 1)));
    await change(options, 'move', draft, () => rename(join(root, draft), join(tx, JOURNAL)));
    await change(options, 'flush to disk', TX, () => syncFolder(tx));
  } catch (error) {
    // A journal that is not in place did not commit; one that is, is: finish it now.
    if (!(error instanceof FileSystemError)) throw error;
    if (existsSync(join(tx, JOURNAL))) return;
    await rm(tx, { recursive: true, force: true }).catch(() => undefined);
    throw error.withOutcome(UNTOUCHED);
  }
}

/** Carries out the journal; when the file system refuses a step, undoes the steps taken and reports the refusal. */
async function applyOrUndo(root: string, operations: readonly Operation[], options: WriteOptions): Promise<void> {
  const tx = join(root, TX);
  try {
    const touched = new Set<string>();
    for (const { op, path } of operations) {
      if (op === 'put') {
        const staged = join(tx, NEW, path);
        if (existsSync(staged)) {
          await makeFolder(root, dirname(path), touched, options);
          // In order and in this thread: a rename takes microseconds, a round trip to the I/O threads more.
          await change(options, 'replace', path, async () => renameSync(staged, join(root, path)));
        }
        options.afterStep?.(`put:${path}`);
      } else {
        await change(options, 'remove', path, () => removeFile(join(root, path)));
        options.afterStep?.(`deleted:${path}`);
      }
      touched.add(dirname(path));
    }
    await removeEmptyFolders(root, operations.filter((o) => o.op === 'delete').map((o) => o.path), options);
    options.afterStep?.('pruned-folders');
    const present = [...touched].filter((folder) => existsSync(join(root, folder)));
    await inParallel(present, (folder) => change(options, 'flush to disk', folder, () => syncFolder(join(root, folder))));
  } catch (error) {
    if (!(error instanceof FileSystemError)) throw error;
    try {
      await undo(root, operations, options);
    } catch (failed) {
      if (!(failed instanceof FileSystemError)) throw failed;
      throw error.withOutcome(`undoing the write failed too (${failed.message}); the next build finishes undoing it`);
    }
    throw error.withOutcome(UNTOUCHED);
  }
  await clear(root, options);
}

/**
 * Puts back every file the journal replaced or removed and removes the ones it added, last step
 * first. A step not taken is left alone (its new file is still staged, or its file still in
 * place), so undoing touches only what the write touched.
 */
async function undo(root: string, operations: readonly Operation[], options: WriteOptions): Promise<void> {
  const tx = join(root, TX);
  await change(options, 'write', `${TX}/${ABORTED}`, () => writeDurably(join(tx, ABORTED), ''));
  for (const { op, path, existed } of [...operations].reverse()) {
    const kept = join(tx, OLD, path);
    const taken = op === 'put' ? !existsSync(join(tx, NEW, path)) : !existsSync(join(root, path));
    if (!taken) continue;
    if (!existed) await change(options, 'remove', path, () => removeFile(join(root, path)));
    else if (existsSync(kept)) {
      await makeFolder(root, dirname(path), new Set(), options);
      await change(options, 'restore', path, () => rename(kept, join(root, path)));
    }
  }
  await removeEmptyFolders(root, operations.filter((o) => !o.existed).map((o) => o.path), options);
  await clear(root, options);
}

/** Ends a transaction: the journal goes first, so a crash while removing the rest leaves nothing to redo. */
async function clear(root: string, options: WriteOptions): Promise<void> {
  await change(options, 'remove', `${TX}/${JOURNAL}`, () => removeFile(join(root, TX, JOURNAL)));
  await change(options, 'remove', TX, () => rm(join(root, TX), { recursive: true, force: true }));
}

async function readJournal(root: string): Promise<Operation[]> {
  const file = `${TX}/${JOURNAL}`;
  const text = await change({}, 'read', file, () => readFile(join(root, file), 'utf8'));
  let operations: unknown;
  try {
    operations = (JSON.parse(text) as { operations?: unknown }).operations;
  } catch {
    operations = undefined;
  }
  const valid =
    Array.isArray(operations) &&
    operations.every((o: Partial<Operation>) => (o.op === 'put' || o.op === 'delete') && typeof o.path === 'string' && isOwned(o.path) && typeof o.existed === 'boolean');
  if (!valid) throw new ForeignJournalError(file);
  return operations as Operation[];
}

/** Every file under the output folders, by relative path. */
export async function readTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(root, rel), { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else files.set(path, await readFile(join(root, path), 'utf8'));
    }
  }
  for (const dir of OUTPUT_DIRS) await walk(dir);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Runs one change to the file system, naming its path in any error. */
async function change<T>(options: WriteOptions, action: string, path: string, run: () => Promise<T>): Promise<T> {
  try {
    options.beforeChange?.({ action, path });
    return await run();
  } catch (error) {
    if (isErrnoError(error)) throw new FileSystemError(action, path, error);
    throw error;
  }
}

/** Creates a folder and its parents, each named on its own in an error; `made` remembers what exists already. */
async function makeFolder(root: string, folder: string, made: Set<string>, options: WriteOptions): Promise<void> {
  if (made.has(folder) || folder === '.') return;
  await makeFolder(root, dirname(folder), made, options);
  if (!existsSync(join(root, folder))) {
    await change(options, 'create the folder', folder, () => mkdir(join(root, folder)).catch(ignore('EEXIST')));
  }
  made.add(folder);
}

/** Removes the folders left empty by removing `paths`, deepest first, up to but not including the output folders. */
async function removeEmptyFolders(root: string, paths: readonly string[], options: WriteOptions): Promise<void> {
  const folders = new Set<string>();
  for (const path of paths) for (let dir = dirname(path); dir.includes('/'); dir = dirname(dir)) folders.add(dir);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    await change(options, 'remove the folder', folder, () => rmdir(join(root, folder)).catch(ignore('ENOTEMPTY', 'EEXIST', 'ENOENT')));
  }
}

/**
 * Runs `work` on every item, many at a time: a file system commits flushes that wait together in
 * one go, where one after the other each waits for the disk. Stops at the first failure and
 * reports it once every item under way has ended.
 */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>, width = 32): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) await work(items[next++]!).catch((error: unknown) => (failure ??= { error }));
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Runs the tasks given to it at most `width` at a time, in the order given; a task ending hands its place to the next. */
function limiter(width: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < width) active++;
    else await new Promise<void>((go) => waiting.push(go));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

async function writeDurably(path: string, content: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch(ignore('ENOENT'));
}

function ignore(...codes: string[]): (error: unknown) => void {
  return (error) => {
    if (!(isErrnoError(error) && codes.includes(error.code))) throw error;
  };
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

function isOwned(path: string): boolean {
  return OUTPUT_DIRS.some((d) => path.startsWith(`${d}/`)) && !path.split('/').includes('..');
}

function assertOwned(path: string): void {
  if (!isOwned(path)) throw new Error(`refusing to write ${path}: a build writes only under ${OUTPUT_DIRS.map((d) => `${d}/`).join(' and ')}`);
}
