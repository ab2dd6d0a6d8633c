import { existsSync } from 'node:fs';
import { mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build, readTree } from '@wavesmith/compiler';
import { DiffError } from './diff-error.js';

export interface DriftReport {
  /** Committed with other content than a fresh build gives. */
  readonly modified: readonly string[];
  /** Rendered by a fresh build but not committed. */
  readonly missing: readonly string[];
  /** Committed but not rendered by a fresh build (left over, or added by hand). */
  readonly extra: readonly string[];
  readonly committed: ReadonlyMap<string, string>;
  readonly fresh: ReadonlyMap<string, string>;
  readonly clusters: number;
}

/**
 * Builds every cluster afresh into a temporary folder (its clusters/ and apps/ are links to the
 * repository's, so the same sources and packages are used; the repository is not written) and
 * compares the result with the committed dist/ and argocd-apps/, file by file.
 */
export async function checkOutput(root: string): Promise<DriftReport> {
  const scratch = await mkdtemp(join(tmpdir(), 'wavesmith-check-'));
  try {
    // Linked by real path; the apps' tsconfig.json extend ../../tsconfig.base.json, which must resolve from here too.
    const links: [string, string][] = [];
    for (const folder of ['clusters', 'apps']) if (existsSync(join(root, folder))) links.push([await realpath(join(root, folder)), folder]);
    const apps = links.find(([, name]) => name === 'apps')?.[0];
    const tsconfig = [apps && join(dirname(apps), 'tsconfig.base.json'), join(root, 'tsconfig.base.json')].find((p) => p && existsSync(p));
    if (tsconfig) links.push([tsconfig, 'tsconfig.base.json']);
    for (const [target, name] of links) {
      await symlink(target, join(scratch, name)).catch((error: Error) => {
        throw new DiffError(`cannot link ${target} into the temporary folder ${scratch} for a fresh build: ${error.message}`);
      });
    }
    const summary = await build({ root: scratch, cache: false });
    const [fresh, committed] = await Promise.all([readTree(scratch), readTree(root)]);
    const paths = [...new Set([...fresh.keys(), ...committed.keys()])].sort();
    return {
      modified: paths.filter((p) => fresh.has(p) && committed.has(p) && fresh.get(p) !== committed.get(p)),
      missing: paths.filter((p) => fresh.has(p) && !committed.has(p)),
      extra: paths.filter((p) => !fresh.has(p) && committed.has(p)),
      committed,
      fresh,
      clusters: summary.clusters,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
