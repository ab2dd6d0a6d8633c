import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ClusterSpec, Problem } from '@wavesmith/model';
import { canonical, sha256 } from './serialize.js';

/**
 * Remembers, per cluster, the input that produced its files and their hashes, so a build can
 * skip clusters whose spec and toolchain are unchanged and whose files are still as rendered.
 * Lives in node_modules/.cache: a fresh clone (and so CI) always renders everything.
 */
export interface RenderCache {
  readonly clusters: Record<
    string,
    {
      readonly input: string;
      readonly objects: number;
      readonly files: Record<string, string>;
      /** What the output checks found (warnings and waived findings of a cluster that passed), judged again on reuse. */
      readonly problems?: readonly Problem[];
      readonly entries?: Readonly<Record<string, string>>;
    }
  >;
}

const CACHE_FILE = 'node_modules/.cache/wavesmith/render-cache.json';

/** Source folders whose code decides what a spec renders to. */
const SOURCE_GLOBS = [{ parent: 'packages', sub: 'src' }, { parent: 'apps', sub: 'src' }];

export async function readRenderCache(root: string): Promise<RenderCache> {
  try {
    return JSON.parse(await readFile(join(root, CACHE_FILE), 'utf8')) as RenderCache;
  } catch {
    return { clusters: {} };
  }
}

export async function writeRenderCache(root: string, cache: RenderCache): Promise<void> {
  await mkdir(dirname(join(root, CACHE_FILE)), { recursive: true });
  await writeFile(join(root, CACHE_FILE), JSON.stringify(cache));
}

/** Hash of everything besides the spec that shapes the output: our source code and the locked dependencies. */
export async function toolchainHash(root: string): Promise<string> {
  const parts: string[] = [await readFile(join(root, 'pnpm-lock.yaml'), 'utf8').catch(() => '')];
  for (const { parent, sub } of SOURCE_GLOBS) {
    const packages = await readdir(join(root, parent)).catch(() => [] as string[]);
    for (const pkg of packages.sort()) {
      for (const file of await listFiles(join(root, parent, pkg, sub))) parts.push(file, await readFile(file, 'utf8'));
    }
  }
  return sha256(parts.join('\0'));
}

export function inputKey(toolchain: string, spec: ClusterSpec): string {
  return sha256(`${toolchain}\0${JSON.stringify(canonical(spec))}`);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}
