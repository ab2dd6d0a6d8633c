import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePackage, CompileError, compileWorkspace } from '../src/compile-package.mjs';
import { compiledFrom, compiledPackages, SOURCES_FILE, staleSources } from '../src/sources.mjs';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-compile-'));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const EXPORTS = { '.': { source: './src/index.ts', default: './dist/index.js' } };

async function writePackage(name: string, files: Record<string, string>, exports: unknown = EXPORTS): Promise<string> {
  const dir = join(root, 'packages', name);
  for (const [path, content] of Object.entries({ 'package.json': JSON.stringify({ name, type: 'module', exports }), ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const SOURCES = {
  'src/index.ts': "import type { Unit } from './unit.js';\nimport data from './data/sizes.json' with { type: 'json' };\nimport { double } from './unit.js';\nexport const sizes: Unit[] = data.sizes.map(double);\n",
  'src/unit.ts': 'export type Unit = number;\nexport const double = (n: number): number => n * 2;\n',
  'src/data/sizes.json': '{ "sizes": [1, 2] }\n',
};

describe('compilePackage', () => {
  it('compiles each module to its own file, keeping its imports and inlining the JSON it imports', async () => {
    const dir = await writePackage('one', SOURCES);
    expect(await compilePackage(dir)).toEqual({ modules: 2, warnings: [] });
    const index = await readFile(join(dir, 'dist/index.js'), 'utf8');
    expect(index).toContain('from "./unit.js"');
    expect(index).not.toContain('sizes.json"');
    expect(existsSync(join(dir, 'dist/unit.js'))).toBe(true);
    expect(((await import(pathToFileURL(join(dir, 'dist/index.js')).href)) as { sizes: number[] }).sizes).toEqual([2, 4]);
  });

  it('records the hash of every source, and then finds exactly the sources changed, added or removed since', async () => {
    const dir = await writePackage('one', SOURCES);
    await compilePackage(dir);
    expect(Object.keys(compiledFrom(dir) ?? {})).toEqual(['src/data/sizes.json', 'src/index.ts', 'src/unit.ts']);
    expect(staleSources(dir)).toEqual([]);
    await writeFile(join(dir, 'src/unit.ts'), 'export const double = (n: number): number => n + n;\n');
    await writeFile(join(dir, 'src/extra.ts'), 'export {};\n');
    await unlink(join(dir, 'src/data/sizes.json'));
    expect(staleSources(dir)).toEqual(['src/data/sizes.json', 'src/extra.ts', 'src/unit.ts']);
  });

  it('treats a package without its record of sources (never compiled, or compiled halfway) as stale in every source', async () => {
    const dir = await writePackage('one', SOURCES);
    expect(staleSources(dir)).toEqual(['src/data/sizes.json', 'src/index.ts', 'src/unit.ts']);
    await compilePackage(dir);
    await unlink(join(dir, SOURCES_FILE));
    expect(staleSources(dir)).toHaveLength(3);
  });

  it('rejects a source that does not compile, naming the file, line and column', async () => {
    const dir = await writePackage('one', { 'src/index.ts': 'export const x = ;\n' });
    await expect(compilePackage(dir)).rejects.toThrow(new CompileError('src/index.ts:1:18: Unexpected ";"'));
  });
});

describe('compileWorkspace', () => {
  it('compiles the packages with a source condition whose dist/ is older than src/, and only those', async () => {
    const one = await writePackage('one', SOURCES);
    await writePackage('two', SOURCES);
    await writePackage('plain', { 'src/index.js': 'export {};\n' }, { '.': './src/index.js' });
    expect(compiledPackages(root)).toEqual([one, join(root, 'packages/two')]);
    expect((await compileWorkspace(root)).compiled).toEqual(['packages/one', 'packages/two']);
    expect((await compileWorkspace(root)).compiled).toEqual([]);
    await writeFile(join(one, 'src/unit.ts'), 'export const double = (n: number): number => n + n;\n');
    expect((await compileWorkspace(root)).compiled).toEqual(['packages/one']);
    expect((await compileWorkspace(root, { force: true })).compiled).toEqual(['packages/one', 'packages/two']);
  });

  it('reports the errors of every package that does not compile, each under its package', async () => {
    await writePackage('one', { 'src/index.ts': 'export const x = ;\n' });
    await writePackage('two', { 'src/index.ts': 'export const y = (;\n' });
    const error = await compileWorkspace(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompileError);
    expect((error as Error).message).toBe('packages/one: src/index.ts:1:18: Unexpected ";"\npackages/two: src/index.ts:1:19: Unexpected ";"');
  });
});
