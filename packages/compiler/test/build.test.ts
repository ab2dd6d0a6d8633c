import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vetDev from '../../../clusters/vet-rke2-dev.js';
import { build, BuildCheckError } from '../src/build.js';
import { acquireOutputLock, type LockOwner } from '../src/output-lock.js';
import { readTree, writeOutput } from '../src/write-output.js';

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
  for (const name of ['broken-one', 'broken-two', 'healthy', 'healthy-two']) {
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
    const failures = (error as BuildCheckError).findings.map((f) => [f.cluster, f.rule, f.component, f.message]);
    const problems = (cluster: string) => [
      [cluster, 'wave-plan', 'grafana', expect.stringMatching(/^component "grafana" needs "prometheus", which is not on this cluster/)],
      [cluster, 'wave-plan', 'routes', 'component "routes" uses gateway.networking.k8s.io/HTTPRoute, but no component on this cluster installs that CRD'],
    ];
    expect(failures).toEqual([...problems('broken-one'), ...problems('broken-two')]);
    expect((error as Error).message).toBe('4 errors in 2 clusters');
    // Each finding points at the entry of its component in the cluster file.
    expect((error as BuildCheckError).findings.map((f) => f.source?.file)).toEqual(['clusters/broken-one.ts', 'clusters/broken-one.ts', 'clusters/broken-two.ts', 'clusters/broken-two.ts']);
    expect([existsSync(join(root, 'dist')), existsSync(join(root, 'argocd-apps'))]).toEqual([false, false]);
  });
});

describe('two builds at once', () => {
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((done) => setTimeout(done, 5));
  };
  const files = async (cluster: string) => [...(await readTree(root)).keys()].filter((p) => p.startsWith(`dist/${cluster}/`) || p === `argocd-apps/${cluster}.yaml`);

  it('reads the output only once it holds the lock, so it sees what the build before it wrote', async () => {
    await build({ root, clusters: ['healthy'] });
    const other = await acquireOutputLock(root);
    const waited: LockOwner[] = [];
    const second = build({ root, clusters: ['healthy'], cache: false, onWait: (owner) => waited.push(owner) });
    await until(() => waited.length > 0);
    // While the second build waits, the one holding the lock leaves a file the second must prune.
    await writeOutput(root, { files: new Map([['dist/healthy/left-over.yaml', 'x']]), scopes: [] }, { lock: other });
    await other.release();
    expect((await second).pruned).toBe(1);
    expect(await files('healthy')).not.toContain('dist/healthy/left-over.yaml');
    expect(waited).toEqual([other.owner]);
  });

  it('runs two builds of different clusters one after the other and keeps the files of both', async () => {
    const held = await acquireOutputLock(root);
    const waiting = new Set<string>();
    const builds = ['healthy', 'healthy-two'].map((cluster) => build({ root, clusters: [cluster], onWait: () => waiting.add(cluster) }));
    await until(() => waiting.size === 2);
    await held.release();
    const summaries = await Promise.all(builds);
    expect(summaries.map((s) => s.pruned)).toEqual([0, 0]);
    const [one, two] = [await files('healthy'), await files('healthy-two')];
    expect(one.length).toBeGreaterThan(10);
    expect(two.map((p) => p.replaceAll('healthy-two', 'healthy')).sort()).toEqual(one);
    const cache = JSON.parse(await readFile(join(root, 'node_modules/.cache/wavesmith/render-cache.json'), 'utf8')) as { clusters: object };
    expect(Object.keys(cache.clusters).sort()).toEqual(['healthy', 'healthy-two']);
  });

  it('builds each cluster named, and only those', async () => {
    const summary = await build({ root, clusters: ['healthy', 'healthy-two'] });
    expect(summary.clusters).toBe(2);
    const clusters = new Set([...(await readTree(root)).keys()].map((p) => p.split('/')[1]!.replace(/\.yaml$/, '')));
    expect([...clusters].sort()).toEqual(['healthy', 'healthy-two']);
  });
});
