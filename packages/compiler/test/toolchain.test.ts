import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileWorkspace } from '@wavesmith/build-tool';
import { readToolchain, StaleBuildError } from '../src/toolchain.js';
import { toolchainWorkspace } from './fixtures/toolchain-workspace.js';

let workspace: string;
beforeEach(async () => {
  workspace = await toolchainWorkspace();
});
afterEach(() => rm(workspace, { recursive: true, force: true }));

describe('readToolchain', () => {
  it('keys the sources of the compiled packages and the lockfile', async () => {
    const { key } = readToolchain(workspace);
    expect(readToolchain(workspace).key).toBe(key);
    await writeFile(join(workspace, 'packages/tool/src/index.ts'), 'export const version = 2;\n');
    await compileWorkspace(workspace);
    const changed = readToolchain(workspace).key;
    expect(changed).not.toBe(key);
    await writeFile(join(workspace, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n# another\n');
    expect(readToolchain(workspace).key).not.toBe(changed);
  });

  it('refuses compiled code older than its sources, naming the package and the files', async () => {
    await writeFile(join(workspace, 'packages/tool/src/index.ts'), 'export const version = 2;\n');
    await writeFile(join(workspace, 'packages/tool/src/new.ts'), 'export {};\n');
    expect(() => readToolchain(workspace)).toThrow(StaleBuildError);
    expect(() => readToolchain(workspace)).toThrow(expect.objectContaining({ stale: [{ dir: 'packages/tool', files: ['src/index.ts', 'src/new.ts'] }] }));
  });
});
