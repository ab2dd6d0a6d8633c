import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appsKey, pruneRenders, readRender, RENDER_CACHE, renderKey, writeRender } from '../src/render-cache.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-render-cache-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('renderKey', () => {
  it('is the same for the same inputs in any order, and differs when the toolchain, the apps or any input differ', () => {
    const key = renderKey('tools', 'apps', { 'clusters/a.ts': '1', 'clusters/profiles/p.ts': '2' });
    expect(renderKey('tools', 'apps', { 'clusters/profiles/p.ts': '2', 'clusters/a.ts': '1' })).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const others = [
      renderKey('tools2', 'apps', { 'clusters/a.ts': '1', 'clusters/profiles/p.ts': '2' }),
      renderKey('tools', 'apps2', { 'clusters/a.ts': '1', 'clusters/profiles/p.ts': '2' }),
      renderKey('tools', 'apps', { 'clusters/a.ts': '1', 'clusters/profiles/p.ts': '3' }),
      renderKey('tools', 'apps', { 'clusters/a.ts': '1' }),
    ];
    expect(new Set([key, ...others]).size).toBe(5);
  });
});

describe('appsKey', () => {
  it('changes with the source or the manifest of any app package, not with its tests', async () => {
    await mkdir(join(root, 'apps/shop/src'), { recursive: true });
    await mkdir(join(root, 'apps/shop/test'), { recursive: true });
    await writeFile(join(root, 'apps/shop/package.json'), '{}');
    await writeFile(join(root, 'apps/shop/src/index.ts'), 'export {};');
    const before = appsKey(root);
    await writeFile(join(root, 'apps/shop/test/shop.test.ts'), 'test');
    expect(appsKey(root)).toBe(before);
    await writeFile(join(root, 'apps/shop/src/index.ts'), 'export const x = 1;');
    const changed = appsKey(root);
    expect(changed).not.toBe(before);
    await writeFile(join(root, 'apps/shop/package.json'), '{ "name": "shop" }');
    expect(appsKey(root)).not.toBe(changed);
  });
});

describe('the render cache', () => {
  const render = { cluster: 'a', objects: 1, files: [{ path: 'argocd-apps/a.yaml', content: 'root: a\n' }], findings: [] };

  it('gives back what was stored under a key, and nothing for another key or a damaged entry', async () => {
    await writeRender(root, 'k1', render);
    expect(await readRender(root, 'k1')).toEqual(render);
    expect(await readRender(root, 'k2')).toBeUndefined();
    await writeFile(join(root, RENDER_CACHE, 'k3.json'), '{"cluster": "a", "files": [');
    expect(await readRender(root, 'k3')).toBeUndefined();
  });

  it('keeps only the entries named when pruned', async () => {
    for (const key of ['k1', 'k2', 'k3']) await writeRender(root, key, render);
    await pruneRenders(root, new Set(['k2']));
    expect(['k1', 'k2', 'k3'].map((k) => existsSync(join(root, RENDER_CACHE, `${k}.json`)))).toEqual([false, true, false]);
  });
});
