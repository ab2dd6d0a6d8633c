import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository these tests run in. */
export const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** A change to a source file: the text to find (it must be there) and what to put instead. */
export type Edit = readonly [file: string, from: string, to: string];

/**
 * A scratch Wavesmith root inside the repository (so cluster files resolve @wavesmith/model from
 * its node_modules) holding a copy of clusters/ (all clusters, or `only` these) with the edits
 * applied, and a link to the business apps of apps/.
 */
export async function plantedRoot(name: string, edits: readonly Edit[], only?: readonly string[]): Promise<string> {
  await mkdir(join(repo, '.test-roots'), { recursive: true });
  const root = await mkdtemp(join(repo, '.test-roots', `${name}-`));
  const wanted = (src: string) => only === undefined || !/\/clusters\/[^/]+\.ts$/.test(src) || only.some((c) => src.endsWith(`/clusters/${c}.ts`));
  await cp(join(repo, 'clusters'), join(root, 'clusters'), { recursive: true, filter: (src) => !src.includes('/test') && !src.includes('node_modules') && wanted(src) });
  await symlink(join(repo, 'apps'), join(root, 'apps'));
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  for (const [file, from, to] of edits) {
    const original = await readFile(join(root, file), 'utf8');
    expect(original, `${file} should contain ${from}`).toContain(from);
    await writeFile(join(root, file), original.replace(from, to));
  }
  return root;
}

/** The planted change of the README sample and several tests: a profile every EKS cluster imports, and the TByte profile. */
export const PROFILE_EDITS: readonly Edit[] = [
  ['clusters/profiles/eks.ts', "adminCidrs: ['203.0.113.0/24']", "adminCidrs: ['198.51.100.0/24']"],
  ['clusters/tbyte-dev.ts', "postgres: { storage: '20Gi' }", "postgres: { storage: '50Gi' }"],
];

export const EKS_CLUSTERS = ['production-cluster', 'rocketchat-eks', 'tbyte-dev', 'tbyte-prod'];

/** The planted change of the README's sample comment: the profile edits above, and Loki on TByte keeping its data on disk instead of in S3. */
export const SAMPLE_EDITS: readonly Edit[] = [
  ...PROFILE_EDITS,
  ['clusters/profiles/tbyte.ts', "{ name: 'loki', storage: 's3' }", "{ name: 'loki' }"],
  ['clusters/profiles/tbyte.ts', "    buckets: [\n      { purpose: 'loki-chunks', access: ['loki'] },\n      { purpose: 'loki-ruler', access: ['loki'] },\n    ],\n", ''],
];
