import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vetDev from '../../../clusters/vet-rke2-dev.js';
import { compileWorkspace } from '@wavesmith/build-tool';
import { ClusterSpecError } from '@wavesmith/model';
import { build, BuildCheckError, MissingRenderError, readToolchain, shardOf, StaleBuildError, type BuildOptions } from '../src/build.js';
import { acquireOutputLock, type LockOwner } from '../src/output-lock.js';
import { RENDER_CACHE } from '../src/render-cache.js';
import { readTree, writeOutput } from '../src/write-output.js';
import { toolchainWorkspace } from './fixtures/toolchain-workspace.js';

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
    const state = JSON.parse(await readFile(join(root, 'node_modules/.cache/wavesmith/build-state.json'), 'utf8')) as { clusters: object };
    expect(Object.keys(state.clusters).sort()).toEqual(['healthy', 'healthy-two']);
  });

  it('builds each cluster named, and only those', async () => {
    const summary = await build({ root, clusters: ['healthy', 'healthy-two'] });
    expect(summary.clusters).toBe(2);
    const clusters = new Set([...(await readTree(root)).keys()].map((p) => p.split('/')[1]!.replace(/\.yaml$/, '')));
    expect([...clusters].sort()).toEqual(['healthy', 'healthy-two']);
  });
});

/**
 * What a build decides from the hashes of its inputs and a stat of its output (issue 13): an
 * unchanged repository is not rendered, and any change of a cluster file, a profile, a package
 * source, the lockfile or an output file is. The toolchain is a workspace of this test's own, so
 * that its package source and lockfile can change.
 */
describe('a build of what changed', () => {
  let workspace: string;
  const toolchain = () => readToolchain(workspace);
  const run = (options: Partial<BuildOptions> = {}) => build({ root, toolchain: toolchain(), ...options });
  const tree = async () => Object.fromEntries(await readTree(root));
  const statOf = (path: string) => statSync(join(root, path), { bigint: true });
  const PROFILED = "import { base } from './profiles/base.js';\nexport default { ...base, name: 'profiled' };\n";

  beforeEach(async () => {
    for (const name of ['broken-one', 'broken-two']) await rm(join(root, 'clusters', `${name}.ts`));
    await mkdir(join(root, 'clusters/profiles'));
    await writeFile(join(root, 'clusters/profiles/base.ts'), `export const base = ${JSON.stringify({ ...vetDev, apps: [] })};\n`);
    await writeFile(join(root, 'clusters/profiled.ts'), PROFILED);
    workspace = await toolchainWorkspace();
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('renders every cluster once, then reuses them all while nothing changes, writing nothing', async () => {
    expect(await run()).toMatchObject({ clusters: 3, rendered: 3, cached: 0, written: expect.any(Number), pruned: 0 });
    const first = await tree();
    expect(await run()).toMatchObject({ clusters: 3, rendered: 0, cached: 3, written: 0, pruned: 0, unchanged: Object.keys(first).length });
    expect(await tree()).toEqual(first);
  });

  it('renders again every cluster when a package source changes, and refuses to run code older than its sources', async () => {
    await run();
    const first = await tree();
    await writeFile(join(workspace, 'packages/tool/src/index.ts'), 'export const version = 2;\n');
    expect(() => toolchain()).toThrow(StaleBuildError);
    await compileWorkspace(workspace);
    expect(await run()).toMatchObject({ rendered: 3, cached: 0, written: 0 });
    expect(await tree()).toEqual(first);
  });

  it('renders again every cluster when the lockfile changes', async () => {
    await run();
    await writeFile(join(workspace, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n# another dependency\n');
    expect(await run()).toMatchObject({ rendered: 3, cached: 0, written: 0 });
  });

  it('puts back an output file edited by hand, from the render cache or by rendering its cluster, writing that file only', async () => {
    await run();
    const first = await tree();
    const file = 'dist/healthy/README.md';
    await writeFile(join(root, file), `${first[file]}edited\n`);
    expect(await run()).toMatchObject({ rendered: 0, cached: 3, written: 1 });
    expect(await tree()).toEqual(first);
    await writeFile(join(root, file), `${first[file]}edited again\n`);
    await rm(join(root, RENDER_CACHE), { recursive: true });
    expect(await run()).toMatchObject({ rendered: 1, cached: 2, written: 1 });
    expect(await tree()).toEqual(first);
  });

  it('removes a file added by hand to the output, and puts back one removed', async () => {
    await run();
    const first = await tree();
    await writeFile(join(root, 'dist/healthy/apps/extra.yaml'), 'kind: Extra\n');
    await rm(join(root, 'argocd-apps/profiled.yaml'));
    expect(await run()).toMatchObject({ rendered: 0, written: 1, pruned: 1 });
    expect(await tree()).toEqual(first);
  });

  it('renders only the cluster whose file changed, and writes only its changed files, touching no other', async () => {
    await run();
    const before = await tree();
    const others = Object.keys(before).filter((p) => !p.includes('healthy-two'));
    const stats = new Map(others.map((p) => [p, statOf(p)]));
    const file = join(root, 'clusters/healthy-two.ts');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"maxSize":2', '"maxSize":3'));
    const summary = await run();
    expect(summary).toMatchObject({ rendered: 1, cached: 2, pruned: 0 });
    const after = await tree();
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed.length).toBe(summary.written);
    expect(changed.every((p) => p.startsWith('dist/healthy-two/'))).toBe(true);
    for (const [path, stat] of stats) expect([statOf(path).ino, statOf(path).mtimeNs], path).toEqual([stat.ino, stat.mtimeNs]);
  });

  it('renders the clusters that import a profile when the profile changes', async () => {
    await run();
    const before = await tree();
    const profile = join(root, 'clusters/profiles/base.ts');
    await writeFile(profile, (await readFile(profile, 'utf8')).replace('"environment":"dev"', '"environment":"staging"'));
    expect(await run()).toMatchObject({ rendered: 1, cached: 2 });
    const after = await tree();
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed).toContain('dist/profiled/README.md');
    expect(changed.filter((p) => !p.startsWith('dist/profiled/'))).toEqual([]);
  });

  it('renders every cluster and reads every output file with the cache off, writing nothing when nothing differs', async () => {
    await run();
    expect(await run({ cache: false })).toMatchObject({ rendered: 3, cached: 0, written: 0, pruned: 0 });
  });

  it('renders the same bytes in worker threads as in this one', async () => {
    await run({ workers: 1 });
    const one = await tree();
    await rm(join(root, 'dist'), { recursive: true });
    await rm(join(root, 'argocd-apps'), { recursive: true });
    expect(await run({ workers: 3, cache: false })).toMatchObject({ rendered: 3 });
    expect(await tree()).toEqual(one);
  });

  it('reports an app package that does not load once, from whichever thread loads it first, and writes nothing', async () => {
    await mkdir(join(root, 'apps/broken/src'), { recursive: true });
    await writeFile(join(root, 'apps/broken/package.json'), JSON.stringify({ exports: { '.': './src/index.ts' } }));
    await writeFile(join(root, 'apps/broken/src/index.ts'), "throw new Error('missing dependency');\n");
    const error = await run({ workers: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterSpecError);
    expect((error as ClusterSpecError).findings.map((f) => [f.rule, f.source?.file, f.value])).toEqual([['app-package-invalid', 'apps/broken/package.json', 'missing dependency']]);
    expect([existsSync(join(root, 'dist')), existsSync(join(root, 'argocd-apps'))]).toEqual([false, false]);
  });

  it('reports the findings of an unchanged cluster as its last check found them, and checks it anew once a waiver of it expires', async () => {
    const waived = { ...vetDev, name: 'waived', apps: [], network: { ...vetDev.network, adminCidrs: ['12.0.0.0/7'] }, waivers: [{ rule: 'admin-cidr-broad', reason: 'the old office range', expires: '2026-12-31' }] };
    await writeFile(join(root, 'clusters/waived.ts'), `export default ${JSON.stringify(waived)};\n`);
    const first = await run({ today: '2026-12-30' });
    expect(first).toMatchObject({ rendered: 4 });
    expect(first.findings.map((f) => [f.cluster, f.rule, f.waived?.reason, f.source?.file])).toEqual([['waived', 'admin-cidr-broad', 'the old office range', 'clusters/waived.ts']]);
    const again = await run({ today: '2026-12-31' });
    expect(again).toMatchObject({ rendered: 0, cached: 4, written: 0 });
    expect(again.findings).toEqual(first.findings);
    // The day after the waiver's last day, the kept findings no longer hold: the cluster is checked, and fails.
    const before = await tree();
    const error = await run({ today: '2027-01-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildCheckError);
    expect((error as BuildCheckError).findings.map((f) => [f.cluster, f.rule, f.severity, f.waived === undefined])).toEqual([
      ['waived', 'admin-cidr-broad', 'error', true],
      ['waived', 'waiver-expired', 'warning', true],
    ]);
    expect(await tree()).toEqual(before);
  });

  it('renders a shard into the render cache only, and a merge writes the output of all shards rendering nothing', async () => {
    expect(shardOf(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 })).toEqual(['b', 'd']);
    expect(await run({ shard: { index: 1, count: 2 } })).toMatchObject({ clusters: 2, rendered: 2, written: 0 });
    expect([existsSync(join(root, 'dist')), existsSync(join(root, 'argocd-apps'))]).toEqual([false, false]);
    const missing = await run({ merge: true }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MissingRenderError);
    // In name order healthy-two, healthy, profiled: the first shard has the first and the third.
    expect((missing as MissingRenderError).clusters).toEqual(['healthy']);
    expect(await run({ shard: { index: 2, count: 2 } })).toMatchObject({ clusters: 1, rendered: 1 });
    expect(await run({ shard: { index: 2, count: 2 } })).toMatchObject({ clusters: 1, rendered: 0, cached: 1 });
    expect(await run({ merge: true })).toMatchObject({ clusters: 3, rendered: 0, cached: 3 });
    const merged = await tree();
    await rm(join(root, 'node_modules'), { recursive: true });
    await run({ cache: false });
    expect(await tree()).toEqual(merged);
  });
});
