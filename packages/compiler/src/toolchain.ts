import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledPackages, sourceHashes, staleSources } from '@wavesmith/build-tool/sources';

/** The code that renders: Wavesmith's compiled packages and the dependencies locked for them. */
export interface Toolchain {
  /** The workspace holding the packages that run (this package's parent's parent). */
  readonly workspace: string;
  /** SHA-256 over the lockfile and the sources each package was compiled from: equal keys render equally. */
  readonly key: string;
}

/** Thrown when a package's compiled JavaScript is older than its TypeScript sources. */
export class StaleBuildError extends Error {
  constructor(readonly stale: readonly { readonly dir: string; readonly files: readonly string[] }[]) {
    const described = stale.map(({ dir, files }) => `${dir} (${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''})`);
    super(
      `the compiled code of ${described.join('; ')} is older than its sources; ` +
        'run `corepack pnpm exec wavesmith-compile` (or `corepack pnpm build`) and run again',
    );
    this.name = 'StaleBuildError';
  }
}

/** The workspace of the running code: packages/compiler/{src,dist}/toolchain.* is three folders below it. */
const WORKSPACE = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Reads the toolchain: the sources of every compiled package, checked against what its `dist/`
 * was compiled from (the CLI never runs code older than its sources), and the lockfile.
 */
export function readToolchain(workspace = WORKSPACE): Toolchain {
  const hash = createHash('sha256');
  hash.update(readOptional(`${workspace}/pnpm-lock.yaml`));
  const stale: { dir: string; files: string[] }[] = [];
  for (const dir of compiledPackages(workspace)) {
    const sources = sourceHashes(dir);
    const files = staleSources(dir, sources);
    if (files.length > 0) stale.push({ dir: relative(workspace, dir), files });
    hash.update(`\0${relative(workspace, dir)}\0${readOptional(`${dir}/package.json`)}\0${JSON.stringify(sources)}`);
  }
  if (stale.length > 0) throw new StaleBuildError(stale);
  return { workspace, key: hash.digest('hex') };
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
