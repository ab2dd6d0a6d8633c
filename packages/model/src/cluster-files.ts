import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { closest } from './suggest.js';
import { ClusterSpecError } from './errors.js';

/** Cluster files are the `*.ts` files directly in `clusters/`; profiles and tests live in subfolders. */
export async function listClusterFiles(root: string): Promise<string[]> {
  const dir = join(root, 'clusters');
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => `clusters/${e.name}`)
    .sort();
}

/**
 * The cluster files to load: all of them, or those named by `only` (an unknown name is an error
 * listing the known ones, with the nearest as a suggestion).
 */
export async function selectClusterFiles(root: string, only?: string | readonly string[]): Promise<string[]> {
  const files = await listClusterFiles(root);
  if (only === undefined) return files;
  const known = files.map((f) => f.slice('clusters/'.length, -3));
  const wanted = [...new Set([only].flat())];
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ClusterSpecError(
      unknown.map((name) => {
        const hint = closest(name, known);
        return { cluster: name, file: `clusters/${name}.ts`, path: '', value: name, allowed: `${hint ? `did you mean "${hint}"? ` : ''}one of the clusters in clusters/: ${known.join(', ')}` };
      }),
    );
  }
  return wanted.map((name) => `clusters/${name}.ts`).sort();
}
