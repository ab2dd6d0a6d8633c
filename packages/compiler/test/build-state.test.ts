import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBuildState, recordFile, scanOutput, verifyOutput, writeBuildState, type FileRecord } from '../src/build-state.js';
import { sha256 } from '../src/serialize.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-state-'));
  await mkdir(join(root, 'dist/a/apps'), { recursive: true });
  await mkdir(join(root, 'argocd-apps'));
  await writeFile(join(root, 'dist/a/apps/x.yaml'), 'x: 1\n');
  await writeFile(join(root, 'argocd-apps/a.yaml'), 'root: a\n');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A state saved well after every record was made: no record is racy. */
const SAVED_AFTER_RECORDS = Date.now() + 60_000;

describe('scanOutput', () => {
  it('lists every file under the output folders with its stat, and nothing for a folder not there', () => {
    expect([...scanOutput(root, ['argocd-apps', 'dist']).keys()].sort()).toEqual(['argocd-apps/a.yaml', 'dist/a/apps/x.yaml']);
    expect(scanOutput(root, ['missing']).size).toBe(0);
  });
});

describe('verifyOutput', () => {
  const records = async (): Promise<Map<string, FileRecord>> =>
    new Map([
      ['dist/a/apps/x.yaml', await recordFile(root, 'dist/a/apps/x.yaml', sha256('x: 1\n'))],
      ['argocd-apps/a.yaml', await recordFile(root, 'argocd-apps/a.yaml', sha256('root: a\n'))],
    ]);

  it('takes the recorded hash of a file whose stat is the one recorded, without reading it', async () => {
    const recorded = new Map([...(await records())].map(([path, r]) => [path, { ...r, sha: 'recorded' }]));
    expect(verifyOutput(root, scanOutput(root, ['argocd-apps', 'dist']), recorded, SAVED_AFTER_RECORDS)).toEqual(
      new Map([
        ['argocd-apps/a.yaml', 'recorded'],
        ['dist/a/apps/x.yaml', 'recorded'],
      ]),
    );
  });

  it('reads a file edited by hand, though its size stays the same', async () => {
    const recorded = await records();
    await writeFile(join(root, 'dist/a/apps/x.yaml'), 'x: 2\n');
    expect(verifyOutput(root, scanOutput(root, ['dist']), recorded, SAVED_AFTER_RECORDS).get('dist/a/apps/x.yaml')).toBe(sha256('x: 2\n'));
  });

  it('reads a file whose content is unchanged but whose time moved (touch, a checkout), and finds it unchanged', async () => {
    const recorded = await records();
    await utimes(join(root, 'dist/a/apps/x.yaml'), new Date(), new Date(Date.now() + 5000));
    expect(verifyOutput(root, scanOutput(root, ['dist']), recorded, SAVED_AFTER_RECORDS).get('dist/a/apps/x.yaml')).toBe(sha256('x: 1\n'));
  });

  it('reads a file recorded in the same tick as the state was saved, where an edit could keep its stat', async () => {
    const recorded = new Map([...(await records())].map(([path, r]) => [path, { ...r, sha: 'recorded' }]));
    const savedAt = recorded.get('dist/a/apps/x.yaml')!.ctimeMs;
    expect(verifyOutput(root, scanOutput(root, ['dist']), recorded, savedAt).get('dist/a/apps/x.yaml')).toBe(sha256('x: 1\n'));
  });

  it('reads a file no record knows', () => {
    expect(verifyOutput(root, scanOutput(root, ['argocd-apps']), new Map(), SAVED_AFTER_RECORDS)).toEqual(new Map([['argocd-apps/a.yaml', sha256('root: a\n')]]));
  });
});

describe('the build state', () => {
  it('is empty before the first build, then read back as written, with the time it was saved', async () => {
    expect(readBuildState(root)).toEqual({ state: { clusters: {} }, savedAtMs: 0 });
    const state = { clusters: { a: { file: 'clusters/a.ts', key: 'k', objects: 1, files: { 'argocd-apps/a.yaml': await recordFile(root, 'argocd-apps/a.yaml', 'h') }, findings: [], validThrough: '2026-12-31' } } };
    await writeBuildState(root, state);
    const read = readBuildState(root);
    expect(read.state).toEqual(state);
    expect(read.savedAtMs).toBeGreaterThan(0);
  });

  it('ignores a state it cannot read, so every file is checked by content', async () => {
    await mkdir(join(root, 'node_modules/.cache/wavesmith'), { recursive: true });
    await writeFile(join(root, 'node_modules/.cache/wavesmith/build-state.json'), '{ "format": 0, "clusters": {} }');
    expect(readBuildState(root).savedAtMs).toBe(0);
    await writeFile(join(root, 'node_modules/.cache/wavesmith/build-state.json'), 'not json');
    expect(readBuildState(root).state).toEqual({ clusters: {} });
  });
});
