import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTree, recoverOutput, writeOutput, type WriteStep } from '../src/write-output.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-write-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const FULL = ['dist/', 'argocd-apps/'];
const plan = (files: Record<string, string>, scopes = FULL) => ({ files: new Map(Object.entries(files)), scopes });

async function seed(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const OLD = { 'dist/a/x.yaml': 'old x', 'dist/a/gone.yaml': 'gone', 'argocd-apps/a.yaml': 'old root' };
const NEW = { 'dist/a/x.yaml': 'new x', 'dist/a/y.yaml': 'new y', 'argocd-apps/a.yaml': 'new root' };

class Crash extends Error {}

describe('writeOutput', () => {
  it('writes new files, keeps unchanged ones and prunes the rest, reporting each', async () => {
    await seed({ ...OLD, 'argocd-apps/a.yaml': 'new root' });
    const result = await writeOutput(root, plan(NEW));
    expect(result).toEqual({ written: ['dist/a/x.yaml', 'dist/a/y.yaml'], unchanged: ['argocd-apps/a.yaml'], pruned: ['dist/a/gone.yaml'] });
    expect(Object.fromEntries(await readTree(root))).toEqual(NEW);
  });

  it('leaves files outside its scopes alone and prunes inside them exactly', async () => {
    await seed({ 'dist/a/x.yaml': 'a', 'dist/b/x.yaml': 'b', 'argocd-apps/b.yaml': 'b root', 'clusters/keep.ts': 'source' });
    await writeOutput(root, plan({ 'dist/b/y.yaml': 'b2', 'argocd-apps/b.yaml': 'b root' }, ['dist/b/', 'argocd-apps/b.yaml']));
    expect(Object.fromEntries(await readTree(root))).toEqual({ 'dist/a/x.yaml': 'a', 'dist/b/y.yaml': 'b2', 'argocd-apps/b.yaml': 'b root' });
    expect(await readFile(join(root, 'clusters/keep.ts'), 'utf8')).toBe('source');
  });

  it('touches nothing when the output is already up to date', async () => {
    await seed(NEW);
    const result = await writeOutput(root, plan(NEW));
    expect(result.written).toEqual([]);
    expect(result.pruned).toEqual([]);
    expect(existsSync(join(root, '.wavesmith-tx'))).toBe(false);
  });

  it('rejects a path outside dist/ and argocd-apps/', async () => {
    await expect(writeOutput(root, plan({ 'clusters/x.ts': 'no' }))).rejects.toThrow('refusing to write clusters/x.ts');
    await expect(writeOutput(root, plan({ 'dist/../x': 'no' }))).rejects.toThrow('refusing to write dist/../x');
  });

  const steps: WriteStep[] = ['staged', 'committed', 'moved-aside:dist', 'swapped:dist', 'moved-aside:argocd-apps', 'swapped:argocd-apps'];
  for (const crashAt of steps) {
    it(`never leaves a half-written output when the build dies after "${crashAt}"`, async () => {
      await seed(OLD);
      const crashed = writeOutput(root, plan(NEW), {
        afterStep: (step) => {
          if (step === crashAt) throw new Crash(step);
        },
      });
      await expect(crashed).rejects.toBeInstanceOf(Crash);
      const outcome = await recoverOutput(root);
      const tree = Object.fromEntries(await readTree(root));
      // Before the commit marker the old output stands; after it the new one is completed.
      expect(tree).toEqual(crashAt === 'staged' ? OLD : NEW);
      expect(outcome).toBe(crashAt === 'staged' ? 'rolled-back' : 'rolled-forward');
      expect(existsSync(join(root, '.wavesmith-tx'))).toBe(false);
    });
  }

  it('recovers an interrupted build before writing the next one', async () => {
    await seed(OLD);
    await writeOutput(root, plan(NEW), {
      afterStep: (step) => {
        if (step === 'moved-aside:dist') throw new Crash(step);
      },
    }).catch(() => undefined);
    expect(existsSync(join(root, 'dist'))).toBe(false);
    const result = await writeOutput(root, plan({ ...NEW, 'dist/a/z.yaml': 'z' }));
    expect(result.written).toEqual(['dist/a/z.yaml']);
    expect(Object.fromEntries(await readTree(root))).toEqual({ ...NEW, 'dist/a/z.yaml': 'z' });
  });

  it('removes the draft of a build that died before claiming the transaction', async () => {
    await seed(OLD);
    const dead = 2 ** 22 + 1; // above the largest pid Linux allows, so no such process
    await mkdir(join(root, `.wavesmith-tx-${dead}`));
    await writeOutput(root, plan(NEW));
    expect(existsSync(join(root, `.wavesmith-tx-${dead}`))).toBe(false);
    expect(Object.fromEntries(await readTree(root))).toEqual(NEW);
  });

  it('fails while another live build owns the transaction', async () => {
    await mkdir(join(root, '.wavesmith-tx'));
    await writeFile(join(root, '.wavesmith-tx', 'PID'), String(process.ppid));
    await expect(writeOutput(root, plan(NEW))).rejects.toThrow(`another build (process ${process.ppid}) is writing dist/ and argocd-apps/`);
  });
});
