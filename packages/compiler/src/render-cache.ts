import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Finding } from '@wavesmith/model/finding';
import type { RenderedFile } from './render-cluster.js';
import { sha256 } from './serialize.js';

/**
 * Rendered clusters by the key of everything they were rendered from: the cluster file and the
 * files it imports, the app packages, Wavesmith's packages and the lockfile. One file per key,
 * whose name is the key: equal inputs render equal bytes, so an entry is valid wherever the key
 * is computed, on this machine or another. CI shares the folder between runners (shards fill it,
 * the merge step reads it; the GitHub Actions cache keeps it between runs).
 */
export const RENDER_CACHE = 'node_modules/.cache/wavesmith/render';

export interface CachedRender {
  readonly cluster: string;
  readonly objects: number;
  /** Every file of the cluster, sorted by path. */
  readonly files: readonly RenderedFile[];
  /** What its checks found that did not stop it (warnings, waived findings), printed again when it is reused. */
  readonly findings: readonly Finding[];
  /** The last day (YYYY-MM-DD) its findings hold: the earliest expiry of its waivers; afterwards it is checked anew. */
  readonly validThrough?: string;
}

/** Bumped when what a key covers changes, so entries made under other rules are not used. */
const FORMAT = 2;

/**
 * The key of a cluster's rendering: the toolchain, the app packages and the cluster's own
 * inputs (paths relative to the root, so the key is the same in any checkout).
 */
export function renderKey(toolchain: string, apps: string, inputs: Readonly<Record<string, string>>): string {
  const sorted = Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256(JSON.stringify({ format: FORMAT, toolchain, apps, inputs: sorted }));
}

/** Hash of the app packages in `apps/` (sources and manifests): every cluster's schema and rendering depend on them. */
export function appsKey(root: string): string {
  const parts: string[] = [];
  const folder = join(root, 'apps');
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .sort();
    } catch {
      return [];
    }
  };
  let apps: string[] = [];
  try {
    apps = readdirSync(folder).sort();
  } catch {
    // No apps/ folder: no apps.
  }
  for (const app of apps) {
    const manifest = join(folder, app, 'package.json');
    if (!statSync(manifest, { throwIfNoEntry: false })?.isFile()) continue;
    for (const file of [manifest, ...list(join(folder, app, 'src'))]) parts.push(relative(root, file), sha256(readFileSync(file, 'utf8')));
  }
  return sha256(parts.join('\0'));
}

export async function readRender(root: string, key: string): Promise<CachedRender | undefined> {
  try {
    const entry = JSON.parse(await readFile(join(root, RENDER_CACHE, `${key}.json`), 'utf8')) as CachedRender;
    return Array.isArray(entry.files) && Array.isArray(entry.findings) && typeof entry.cluster === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a rendering under its key; written aside and renamed, so a reader never sees half an entry. */
export async function writeRender(root: string, key: string, render: CachedRender): Promise<void> {
  const dir = join(root, RENDER_CACHE);
  await mkdir(dir, { recursive: true });
  const draft = join(dir, `${key}.${process.pid}.tmp`);
  await writeFile(draft, JSON.stringify(render));
  await rename(draft, join(dir, `${key}.json`));
}

/** Removes the entries not in `keep`: a full build keeps what it used, so the folder holds one fleet. */
export async function pruneRenders(root: string, keep: ReadonlySet<string>): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(join(root, RENDER_CACHE));
  } catch {
    return;
  }
  const stale = names.filter((name) => name.endsWith('.json') && !keep.has(name.slice(0, -'.json'.length)));
  await Promise.all(stale.map((name) => unlink(join(root, RENDER_CACHE, name)).catch(() => undefined)));
}
