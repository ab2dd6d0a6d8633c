import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The folders a build owns. Nothing else under the repository root is ever written. */
export const OUTPUT_DIRS = ['dist', 'argocd-apps'] as const;

/** Transaction folder: the staged trees, and the marker that makes them the committed state. */
const TX = '.wavesmith-tx';
const COMMITTED = 'COMMITTED';
const OWNER = 'PID';

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
export type WriteStep = 'staged' | 'committed' | `moved-aside:${string}` | `swapped:${string}`;

export interface WriteOptions {
  /** Called after each step; throwing from it simulates the process dying there. */
  readonly afterStep?: (step: WriteStep) => void;
}

export interface WriteInput {
  /** The output as it is on disk (from `readTree` after `recoverOutput`), when the caller has read it already. */
  readonly current?: ReadonlyMap<string, string>;
}

/**
 * Replaces the output folders all at once. The new trees are staged next to the old ones
 * (unchanged files hard-linked), a marker file is renamed into place as the single commit
 * point, then each folder is swapped by rename. A build that dies before the marker leaves the
 * old output; one that dies after it is rolled forward by the next build's `recoverOutput`.
 */
export async function writeOutput(root: string, plan: OutputPlan & WriteInput, options: WriteOptions = {}): Promise<WriteResult> {
  for (const path of plan.files.keys()) assertOwned(path);
  await recoverOutput(root);
  const current = plan.current ?? (await readTree(root));
  const inScope = (path: string) => plan.scopes.some((s) => path === s || path.startsWith(s));

  const next = new Map<string, string>();
  for (const [path, content] of current) if (!inScope(path)) next.set(path, content);
  for (const [path, content] of plan.files) next.set(path, content);

  const written = [...plan.files.keys()].filter((p) => current.get(p) !== plan.files.get(p)).sort();
  const unchanged = [...plan.files.keys()].filter((p) => current.get(p) === plan.files.get(p)).sort();
  const pruned = [...current.keys()].filter((p) => !next.has(p)).sort();
  if (written.length === 0 && pruned.length === 0) return { written, unchanged, pruned };

  const changedDirs = OUTPUT_DIRS.filter((d) => [...written, ...pruned].some((p) => p.startsWith(`${d}/`)));
  const tx = await claimTransaction(root);
  for (const dir of changedDirs) {
    for (const [path, content] of next) {
      if (!path.startsWith(`${dir}/`)) continue;
      const target = join(tx, path);
      await mkdir(dirname(target), { recursive: true });
      if (current.get(path) === content) await linkOrCopy(join(root, path), target);
      else await writeFile(target, content);
    }
    await mkdir(join(tx, dir), { recursive: true });
  }
  options.afterStep?.('staged');
  await writeFile(join(tx, `${COMMITTED}.tmp`), changedDirs.join('\n'));
  await rename(join(tx, `${COMMITTED}.tmp`), join(tx, COMMITTED));
  options.afterStep?.('committed');
  await swapIn(root, changedDirs, options);
  return { written, unchanged, pruned };
}

/**
 * Creates the transaction folder with its owner already recorded: it is prepared under a name
 * of this process and renamed into place, so no other build ever sees it without an owner, and
 * of two builds racing for it the second's rename fails.
 */
async function claimTransaction(root: string): Promise<string> {
  const tx = join(root, TX);
  const draft = join(root, `${TX}-${process.pid}`);
  await rm(draft, { recursive: true, force: true });
  await mkdir(draft);
  await writeFile(join(draft, OWNER), String(process.pid));
  try {
    await rename(draft, tx);
  } catch (error) {
    await rm(draft, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`another build is writing ${OUTPUT_DIRS.join('/ and ')}/; wait for it to finish`);
    }
    throw error;
  }
  return tx;
}

/** Finishes or discards a transaction left by a build that died; a no-op when there is none. */
export async function recoverOutput(root: string): Promise<'none' | 'rolled-forward' | 'rolled-back'> {
  // Drafts of builds that died before claiming the transaction hold nothing committed.
  for (const name of await readdir(root)) {
    const pid = Number(name.slice(TX.length + 1));
    if (name.startsWith(`${TX}-`) && pid !== process.pid && !isAlive(pid)) await rm(join(root, name), { recursive: true, force: true });
  }
  const tx = join(root, TX);
  if (!existsSync(tx)) return 'none';
  const owner = Number(await readFile(join(tx, OWNER), 'utf8').catch(() => '0'));
  if (owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(`another build (process ${owner}) is writing ${OUTPUT_DIRS.join('/ and ')}/; wait for it to finish`);
  }
  if (!existsSync(join(tx, COMMITTED))) {
    await rm(tx, { recursive: true, force: true });
    return 'rolled-back';
  }
  const dirs = (await readFile(join(tx, COMMITTED), 'utf8')).split('\n').filter(Boolean);
  await swapIn(root, dirs, {});
  return 'rolled-forward';
}

async function swapIn(root: string, dirs: readonly string[], options: WriteOptions): Promise<void> {
  const tx = join(root, TX);
  for (const dir of dirs) {
    const staged = join(tx, dir);
    const aside = join(tx, `old-${dir}`);
    if (!existsSync(staged)) continue; // swapped before the crash
    if (existsSync(join(root, dir)) && !existsSync(aside)) await rename(join(root, dir), aside);
    options.afterStep?.(`moved-aside:${dir}`);
    await rename(staged, join(root, dir));
    options.afterStep?.(`swapped:${dir}`);
  }
  await rm(tx, { recursive: true, force: true });
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

function assertOwned(path: string): void {
  if (!OUTPUT_DIRS.some((d) => path.startsWith(`${d}/`)) || path.split('/').includes('..')) {
    throw new Error(`refusing to write ${path}: a build writes only under ${OUTPUT_DIRS.join('/ and ')}/`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}
