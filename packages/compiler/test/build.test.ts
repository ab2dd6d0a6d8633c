import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vetDev from '../../../clusters/vet-rke2-dev.js';
import { build, BuildCheckError } from '../src/build.js';

/** Custom components that cannot be put in waves: one needs a component the cluster lacks, one uses a CRD nobody installs. */
const broken = (name: string, parts: Record<string, unknown>) => ({
  name,
  tier: 'platform',
  namespace: name,
  helm: { repoURL: 'https://charts.example.com', chart: name, version: '1.0.0' },
  ...parts,
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-build-'));
  await mkdir(join(root, 'clusters'));
  // ESM like the repository, so a cluster file's `export default` is what the loader reads.
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  for (const name of ['broken-one', 'broken-two', 'healthy']) {
    const platform = name.startsWith('broken')
      ? [...vetDev.platform!, broken('grafana', { needs: ['prometheus'] }), broken('routes', { usesCrds: ['gateway.networking.k8s.io/HTTPRoute'] })]
      : vetDev.platform;
    // No apps/ folder here: the clusters run platform components only.
    await writeFile(join(root, 'clusters', `${name}.ts`), `export default ${JSON.stringify({ ...vetDev, name, platform, apps: [] })};\n`);
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('build', () => {
  it('fails naming every cluster whose components cannot be put in waves, with all their problems, and writes nothing', async () => {
    const error = await build({ root, cache: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildCheckError);
    const failures = (error as BuildCheckError).failures.map((f) => [f.cluster, f.problems]);
    const problems = [
      expect.stringMatching(/^component "grafana" needs "prometheus", which is not on this cluster/),
      'component "routes" uses gateway.networking.k8s.io/HTTPRoute, but no component on this cluster installs that CRD',
    ];
    expect(failures).toEqual([
      ['broken-one', problems],
      ['broken-two', problems],
    ]);
    expect((error as Error).message).toContain('cluster broken-one: 2 checks failed');
    expect([existsSync(join(root, 'dist')), existsSync(join(root, 'argocd-apps'))]).toEqual([false, false]);
  });
});
