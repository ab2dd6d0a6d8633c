import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterSpecError, loadClusters } from '../src/index.js';
import { TEST_REGISTRY, validCluster } from './fixtures.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-load-'));
  await mkdir(join(root, 'clusters', 'profiles'), { recursive: true });
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const writeCluster = (file: string, spec: unknown) => writeFile(join(root, 'clusters', file), `export default ${JSON.stringify(spec)};\n`);

async function loadError(options = {}): Promise<ClusterSpecError> {
  const error = await loadClusters(root, TEST_REGISTRY, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ClusterSpecError);
  return error as ClusterSpecError;
}

describe('loadClusters', () => {
  it('loads every cluster file in clusters/, sorted, ignoring profiles', async () => {
    await writeCluster('b-cluster.ts', { ...validCluster, name: 'b-cluster' });
    await writeCluster('a-cluster.ts', { ...validCluster, name: 'a-cluster' });
    await writeFile(join(root, 'clusters', 'profiles', 'base.ts'), 'export const base = {};\n');
    const loaded = await loadClusters(root, TEST_REGISTRY);
    expect(loaded.map((c) => [c.file, c.spec.name])).toEqual([
      ['clusters/a-cluster.ts', 'a-cluster'],
      ['clusters/b-cluster.ts', 'b-cluster'],
    ]);
  });

  it('collects the problems of every file before failing', async () => {
    await writeCluster('one.ts', { ...validCluster, name: 'one', environment: 'qa' });
    await writeCluster('two.ts', { ...validCluster, name: 'two', kubernetesVersion: '2.0' });
    const error = await loadError();
    expect(error.findings.map((i) => [i.cluster, i.rule, i.path])).toEqual([
      ['one', 'schema-enum', '/environment'],
      ['two', 'schema-format', '/kubernetesVersion'],
    ]);
    expect(error.message).toContain('2 problems in cluster descriptions');
  });

  it('rejects a cluster whose name differs from its file name', async () => {
    await writeCluster('demo.ts', { ...validCluster, name: 'other' });
    const [issue] = (await loadError()).findings;
    expect(issue).toMatchObject({ rule: 'cluster-name-mismatch', cluster: 'other', path: '/name', value: 'other', allowed: '"demo": a cluster is named after its file' });
  });

  it('rejects a file that throws, with the reason and where it was thrown', async () => {
    await writeFile(join(root, 'clusters', 'broken.ts'), "const spec = {};\nthrow new Error('profile missing');\n");
    const [issue] = (await loadError()).findings;
    expect(issue).toMatchObject({
      rule: 'cluster-file-load',
      source: { file: 'clusters/broken.ts', line: 2, column: 7 },
      value: 'profile missing (at clusters/broken.ts:2:7)',
      allowed: 'a module that loads without errors',
    });
  });

  it('names the profile a throw came from', async () => {
    await writeFile(join(root, 'clusters', 'profiles', 'base.ts'), "export function base(): object {\n  throw new TypeError('no region');\n}\n");
    await writeFile(join(root, 'clusters', 'demo.ts'), "import { base } from './profiles/base.js';\nexport default base();\n");
    const [issue] = (await loadError()).findings;
    expect(issue).toMatchObject({ cluster: 'demo', source: { file: 'clusters/profiles/base.ts', line: 2, column: 9 }, value: 'no region (at clusters/profiles/base.ts:2:9)' });
  });

  it("rejects a file with syntax errors, keeping the compiler's reason at each line:column", async () => {
    await writeFile(join(root, 'clusters', 'typo.ts'), "export default {\n  name: 'typo',,\n};\n");
    const [issue] = (await loadError()).findings;
    expect(issue).toMatchObject({ source: { file: 'clusters/typo.ts', line: 2, column: 16 }, value: 'clusters/typo.ts:2:16: Expected identifier but found ","' });
  });

  it('rejects a file importing what does not exist, with paths relative to the repository', async () => {
    await writeFile(join(root, 'clusters', 'lost.ts'), "import { base } from './profiles/nope.js';\nexport default base;\n");
    const [issue] = (await loadError()).findings;
    expect(issue!.value).toBe('clusters/lost.ts:1:22: Could not resolve "./profiles/nope.js"');
  });

  it('rejects a file without a default export', async () => {
    await writeFile(join(root, 'clusters', 'empty.ts'), 'export const x = 1;\n');
    const [issue] = (await loadError()).findings;
    expect(issue).toMatchObject({ rule: 'cluster-file-export', source: { file: 'clusters/empty.ts' }, value: undefined });
  });

  it('rejects an unknown cluster name, listing the known ones', async () => {
    await writeCluster('demo.ts', validCluster);
    const [issue] = (await loadError({ only: 'prod' })).findings;
    expect(issue).toMatchObject({ rule: 'cluster-unknown', value: 'prod', allowed: 'one of the clusters in clusters/: demo' });
  });

  it('loads only the clusters named, and names every unknown one with the nearest known name', async () => {
    for (const name of ['demo', 'edge', 'lab']) await writeCluster(`${name}.ts`, { ...validCluster, name });
    expect((await loadClusters(root, TEST_REGISTRY, { only: ['lab', 'demo', 'lab'] })).map((c) => c.spec.name)).toEqual(['demo', 'lab']);
    const error = await loadError({ only: ['dmeo', 'demo', 'prod'] });
    expect(error.findings.map((i) => [i.value, i.allowed])).toEqual([
      ['dmeo', 'did you mean "demo"? one of the clusters in clusters/: demo, edge, lab'],
      ['prod', 'one of the clusters in clusters/: demo, edge, lab'],
    ]);
  });
});
