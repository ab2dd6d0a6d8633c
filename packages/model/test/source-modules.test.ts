import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedInputs, compileSourceModules, MODULE_CACHE } from '../src/source-modules.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-modules-'));
  await mkdir(join(root, 'clusters', 'profiles'), { recursive: true });
  // The repository's packages, as a cluster file finds them; the cache goes into node_modules/.cache beside them.
  await mkdir(join(root, 'node_modules'));
  await symlink(join(repo, 'node_modules/@wavesmith'), join(root, 'node_modules/@wavesmith'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const PROFILE = "export const base = { environment: 'dev' } as const;\n";
const CLUSTER = "import { composeCluster } from '@wavesmith/model';\nimport { base } from './profiles/base.js';\nexport default composeCluster(base, { name: 'demo' });\n";

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) await writeFile(join(root, path), content);
}

describe('compileSourceModules', () => {
  it('bundles the files a cluster imports by relative path and imports packages by the file Node.js loads for them', async () => {
    await write({ 'clusters/profiles/base.ts': PROFILE, 'clusters/demo.ts': CLUSTER });
    const [module] = await compileSourceModules(root, ['clusters/demo.ts']);
    expect(module!.inputs).toEqual({ 'clusters/demo.ts': sha(CLUSTER), 'clusters/profiles/base.ts': sha(PROFILE) });
    const code = await readFile(fileURLToPath(module!.url!), 'utf8');
    expect(code).toContain(`from "file://${join(repo, 'packages/model/dist/index.js')}"`);
    expect(code).not.toContain('./profiles/base.js');
    expect(((await import(module!.url!)) as { default: unknown }).default).toEqual({ name: 'demo', environment: 'dev' });
  });

  it('takes a module from the cache until one of its files changes, and then compiles it anew', async () => {
    await write({ 'clusters/profiles/base.ts': PROFILE, 'clusters/demo.ts': CLUSTER });
    const [first] = await compileSourceModules(root, ['clusters/demo.ts']);
    expect(await cachedInputs(root, 'clusters/demo.ts')).toEqual(first!.inputs);
    const [again] = await compileSourceModules(root, ['clusters/demo.ts']);
    expect(again).toEqual(first);
    await write({ 'clusters/profiles/base.ts': PROFILE.replace('dev', 'prod') });
    expect(await cachedInputs(root, 'clusters/demo.ts')).toBeUndefined();
    const [changed] = await compileSourceModules(root, ['clusters/demo.ts']);
    expect(changed!.url).not.toBe(first!.url);
    expect(changed!.inputs['clusters/profiles/base.ts']).toBe(sha(PROFILE.replace('dev', 'prod')));
    expect(((await import(changed!.url!)) as { default: unknown }).default).toEqual({ name: 'demo', environment: 'prod' });
  });

  it('compiles the same source the same way wherever the cache is, reading no tsconfig.json', async () => {
    await write({ 'clusters/profiles/base.ts': PROFILE, 'clusters/demo.ts': CLUSTER, 'clusters/tsconfig.json': '{ "compilerOptions": { "verbatimModuleSyntax": true } }' });
    const [module] = await compileSourceModules(root, ['clusters/demo.ts']);
    expect(module!.url).toMatch(new RegExp(`^file://${join(root, MODULE_CACHE)}/[0-9a-f]{64}\\.mjs$`));
    await write({ 'clusters/tsconfig.json': '{}' });
    expect((await compileSourceModules(root, ['clusters/demo.ts']))[0]!.url).toBe(module!.url);
  });

  it('reports each file that does not compile, at its line and column, and still compiles the others', async () => {
    await write({ 'clusters/profiles/base.ts': PROFILE, 'clusters/demo.ts': CLUSTER, 'clusters/typo.ts': "export default {\n  name: 'typo',,\n};\n" });
    const [demo, typo] = await compileSourceModules(root, ['clusters/demo.ts', 'clusters/typo.ts']);
    expect(demo!.url).toBeDefined();
    expect(typo).toMatchObject({ file: 'clusters/typo.ts', error: 'clusters/typo.ts:2:16: Expected identifier but found ","' });
    expect(typo!.url).toBeUndefined();
  });
});
