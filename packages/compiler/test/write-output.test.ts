import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSystemError } from '../src/file-system-error.js';
import { acquireOutputLock, LOCK_FILE, OutputLockedError, type LockOwner } from '../src/output-lock.js';
import { readTree, recoverOutput, writeOutput, type FileChange, type WriteStep } from '../src/write-output.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-write-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const FULL = ['dist/', 'argocd-apps/'];
const plan = (files: Record<string, string>, scopes = FULL) => ({ files: new Map(Object.entries(files)), scopes });

async function seed(files: Record<string, string>, into = root): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(into, path)), { recursive: true });
    await writeFile(join(into, path), content);
  }
}

const tree = async () => Object.fromEntries(await readTree(root));

/** Cluster a changes, b is removed, c is added: every kind of step, in both output folders. */
const OLD = {
  'argocd-apps/a.yaml': 'old root a',
  'argocd-apps/b.yaml': 'root b',
  'dist/a/x.yaml': 'old x',
  'dist/a/gone.yaml': 'gone',
  'dist/a/same.yaml': 'same',
  'dist/b/only.yaml': 'b',
};
const NEW = {
  'argocd-apps/a.yaml': 'new root a',
  'argocd-apps/c.yaml': 'root c',
  'dist/a/x.yaml': 'new x',
  'dist/a/y.yaml': 'new y',
  'dist/a/same.yaml': 'same',
  'dist/c/z.yaml': 'z',
};
const PATHS = [...new Set([...Object.keys(OLD), ...Object.keys(NEW)])];

/** The output folders as a reader sees them at this instant (synchronously, so also from inside a step). */
function treeNow(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string): void => {
    if (!existsSync(join(root, rel))) return;
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      if (entry.isDirectory()) walk(`${rel}/${entry.name}`);
      else files[`${rel}/${entry.name}`] = readFileSync(join(root, rel, entry.name), 'utf8');
    }
  };
  walk('argocd-apps');
  walk('dist');
  return files;
}

/**
 * What a reader of the repository may see at any instant: both output folders, every file old
 * or new (nothing else), and no dist/ file ahead of argocd-apps/.
 */
function expectConsistent(): void {
  expect([existsSync(join(root, 'dist')), existsSync(join(root, 'argocd-apps'))]).toEqual([true, true]);
  const now = treeNow();
  for (const path of Object.keys(now)) expect(PATHS).toContain(path);
  const isNew = (p: string) => now[p] === NEW[p as keyof typeof NEW];
  const isOld = (p: string) => now[p] === OLD[p as keyof typeof OLD];
  for (const p of PATHS) expect(isNew(p) || isOld(p), `${p} is "${now[p]}"`).toBe(true);
  const distAhead = PATHS.filter((p) => p.startsWith('dist/') && isNew(p) && !isOld(p));
  const appsBehind = PATHS.filter((p) => p.startsWith('argocd-apps/') && !isNew(p));
  if (distAhead.length > 0) expect(appsBehind, `new ${distAhead.join(', ')} beside old argocd-apps/`).toEqual([]);
}

class Crash extends Error {}
const crashAt = (at: WriteStep) => (step: WriteStep) => {
  if (step === at) throw new Crash(step);
};

/** An error as Node raises it when the system refuses a call. */
const refused = (code: string) => Object.assign(new Error(`${code}: refused`), { code });

async function stepsOfWrite(): Promise<WriteStep[]> {
  const steps: WriteStep[] = [];
  await seed(OLD);
  await writeOutput(root, plan(NEW), { afterStep: (step) => steps.push(step) });
  await rm(root, { recursive: true, force: true });
  await mkdir(root);
  return steps;
}

describe('writeOutput', () => {
  it('writes new files, keeps unchanged ones and prunes the rest, reporting each', async () => {
    await seed(OLD);
    const result = await writeOutput(root, plan(NEW));
    expect(result).toEqual({
      written: ['argocd-apps/a.yaml', 'argocd-apps/c.yaml', 'dist/a/x.yaml', 'dist/a/y.yaml', 'dist/c/z.yaml'],
      unchanged: ['dist/a/same.yaml'],
      pruned: ['argocd-apps/b.yaml', 'dist/a/gone.yaml', 'dist/b/only.yaml'],
    });
    expect(await tree()).toEqual(NEW);
    expect(existsSync(join(root, 'dist/b')), 'the emptied folder of a removed cluster').toBe(false);
    expect((await readdir(root)).sort()).toEqual(['argocd-apps', 'dist']);
  });

  it('leaves files outside its scopes alone and prunes inside them exactly', async () => {
    await seed({ 'dist/a/x.yaml': 'a', 'dist/b/x.yaml': 'b', 'argocd-apps/b.yaml': 'b root', 'clusters/keep.ts': 'source' });
    await writeOutput(root, plan({ 'dist/b/y.yaml': 'b2', 'argocd-apps/b.yaml': 'b root' }, ['dist/b/', 'argocd-apps/b.yaml']));
    expect(await tree()).toEqual({ 'dist/a/x.yaml': 'a', 'dist/b/y.yaml': 'b2', 'argocd-apps/b.yaml': 'b root' });
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

  it('commits argocd-apps/ first, then dist/, each file by one step, then removes emptied folders', async () => {
    expect(await stepsOfWrite()).toEqual([
      'staged',
      'committed',
      'put:argocd-apps/a.yaml',
      'put:argocd-apps/c.yaml',
      'deleted:argocd-apps/b.yaml',
      'put:dist/a/x.yaml',
      'put:dist/a/y.yaml',
      'put:dist/c/z.yaml',
      'deleted:dist/a/gone.yaml',
      'deleted:dist/b/only.yaml',
      'pruned-folders',
    ]);
  });

  it('shows a reader both folders, every file old or new, and never dist/ ahead of argocd-apps/, after every step', async () => {
    await seed(OLD);
    const seen: WriteStep[] = [];
    await writeOutput(root, plan(NEW), {
      afterStep: (step) => {
        seen.push(step);
        expectConsistent();
      },
    });
    expect(seen).toHaveLength(11);
  });
});

describe('a build that dies while writing', () => {
  it('leaves a state every reader can use and the next run completes, after every step of the commit', async () => {
    const steps = await stepsOfWrite();
    for (const step of steps) {
      await rm(root, { recursive: true, force: true });
      await mkdir(root);
      await seed(OLD);
      await expect(writeOutput(root, plan(NEW), { afterStep: crashAt(step) })).rejects.toBeInstanceOf(Crash);
      expectConsistent();
      if (step === 'staged') expect(await tree(), 'before the commit point').toEqual(OLD);
      // Before the commit point the old output stands; after it the new one is completed.
      expect(await recoverOutput(root)).toBe(step === 'staged' ? 'rolled-back' : 'rolled-forward');
      expect(await tree(), `crash after ${step}`).toEqual(step === 'staged' ? OLD : NEW);
      expect((await readdir(root)).sort(), `crash after ${step}`).toEqual(['argocd-apps', 'dist']);
    }
  });

  it('recovers from a process really killed after every step, taking over the lock it left', async () => {
    const steps = await stepsOfWrite();
    const worker = fileURLToPath(new URL('fixtures/crash-worker.ts', import.meta.url));
    const repo = fileURLToPath(new URL('../../..', import.meta.url));
    const planFile = join(root, 'plan.json');
    await writeFile(planFile, JSON.stringify(NEW));
    const roots = await Promise.all(steps.map(() => mkdtemp(join(tmpdir(), 'wavesmith-killed-'))));
    const kills = steps.map(async (step, i) => {
      await seed(OLD, roots[i]);
      const child = spawn(process.execPath, ['--import', 'tsx', worker, roots[i]!, step, planFile], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
      return new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    });
    expect(await Promise.all(kills)).toEqual(steps.map(() => 'SIGKILL'));
    try {
      for (const [i, step] of steps.entries()) {
        root = roots[i]!;
        const left = JSON.parse(await readlink(join(root, LOCK_FILE))) as LockOwner;
        expect(left.pid, `lock left after ${step}`).not.toBe(process.pid);
        expectConsistent();
        expect(await recoverOutput(root), `killed after ${step}`).toBe(step === 'staged' ? 'rolled-back' : 'rolled-forward');
        expect(await tree(), `killed after ${step}`).toEqual(step === 'staged' ? OLD : NEW);
        expect((await readdir(root)).sort(), `killed after ${step}`).toEqual(['argocd-apps', 'dist']);
      }
    } finally {
      await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
    }
  }, 300_000);

  it('completes a write whose completion also died, at every pair of steps', async () => {
    const steps = (await stepsOfWrite()).filter((s) => s !== 'staged');
    for (const [i, first] of steps.entries()) {
      for (const second of steps.slice(i + 1).filter((s) => s !== 'committed')) {
        await rm(root, { recursive: true, force: true });
        await mkdir(root);
        await seed(OLD);
        await expect(writeOutput(root, plan(NEW), { afterStep: crashAt(first) })).rejects.toBeInstanceOf(Crash);
        await expect(recoverOutput(root, { afterStep: crashAt(second) })).rejects.toBeInstanceOf(Crash);
        expectConsistent();
        expect(await recoverOutput(root)).toBe('rolled-forward');
        expect(await tree(), `crashes after ${first}, then ${second}`).toEqual(NEW);
      }
    }
  });

  it('finishes an interrupted write before making the next one', async () => {
    await seed(OLD);
    await expect(writeOutput(root, plan(NEW), { afterStep: crashAt('put:dist/a/x.yaml') })).rejects.toBeInstanceOf(Crash);
    const result = await writeOutput(root, plan({ ...NEW, 'dist/a/w.yaml': 'w' }));
    expect(result.written).toEqual(['dist/a/w.yaml']);
    expect(await tree()).toEqual({ ...NEW, 'dist/a/w.yaml': 'w' });
  });

  it('leaves an interrupted write to the live build that holds the lock', async () => {
    await seed(OLD);
    await expect(writeOutput(root, plan(NEW), { afterStep: crashAt('committed') })).rejects.toBeInstanceOf(Crash);
    const lock = await acquireOutputLock(root);
    expect(await recoverOutput(root)).toBe('busy');
    expect(await tree()).toEqual(OLD);
    expect(await recoverOutput(root, { lock })).toBe('rolled-forward');
    await lock.release();
    expect(await tree()).toEqual(NEW);
  });

  it('fails on a journal it did not write, saying how to get out', async () => {
    await seed(OLD);
    await expect(writeOutput(root, plan(NEW), { afterStep: crashAt('committed') })).rejects.toBeInstanceOf(Crash);
    await writeFile(join(root, '.wavesmith-tx/JOURNAL'), '{"operations":[{"op":"put","path":"../etc/passwd","existed":false}]}');
    await expect(recoverOutput(root)).rejects.toThrow(
      '.wavesmith-tx/JOURNAL is not a journal Wavesmith wrote; restore dist/ and argocd-apps/ with git and delete .wavesmith-tx/',
    );
    expect(await tree()).toEqual(OLD);
  });
});

describe('a file system that refuses a write', () => {
  const refuse = (action: string, path: string, code: string) => (change: FileChange) => {
    if (change.action === action && change.path === path) throw refused(code);
  };

  it('names the path when the disk is full while staging, and leaves the output as it was', async () => {
    await seed(OLD);
    const error = await writeOutput(root, plan(NEW), { beforeChange: refuse('write', '.wavesmith-tx/new/dist/a/y.yaml', 'ENOSPC') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileSystemError);
    expect((error as Error).message).toBe(
      'cannot write .wavesmith-tx/new/dist/a/y.yaml: no space left on the device (ENOSPC); argocd-apps/ and dist/ are as they were',
    );
    expect(await tree()).toEqual(OLD);
    expect((await readdir(root)).sort()).toEqual(['argocd-apps', 'dist']);
  });

  it('names the folder when the repository is read-only', async () => {
    await seed(OLD);
    await expect(writeOutput(root, plan(NEW), { beforeChange: refuse('create the folder', '.wavesmith-tx', 'EROFS') })).rejects.toThrow(
      'cannot create the folder .wavesmith-tx: the file system is read-only (EROFS); argocd-apps/ and dist/ are as they were',
    );
    expect(await tree()).toEqual(OLD);
  });

  it('undoes the files already replaced when permission is denied halfway through the commit', async () => {
    await seed(OLD);
    const beforeChange = (change: FileChange) => {
      expectConsistent(); // also at each step of undoing
      refuse('replace', 'dist/a/y.yaml', 'EACCES')(change);
    };
    await expect(writeOutput(root, plan(NEW), { beforeChange })).rejects.toThrow(
      'cannot replace dist/a/y.yaml: permission denied (EACCES); argocd-apps/ and dist/ are as they were',
    );
    expect(await tree()).toEqual(OLD);
    expect(existsSync(join(root, 'dist/c')), 'the folder the write created').toBe(false);
    expect((await readdir(root)).sort()).toEqual(['argocd-apps', 'dist']);
  });

  it('undoes only the steps it took when a read-only folder refuses every change in it', async () => {
    await seed(OLD);
    const readOnly = (change: FileChange) => {
      if (change.path.startsWith('dist/a/') && change.action !== 'flush to disk') throw refused('EROFS');
    };
    await expect(writeOutput(root, plan(NEW), { beforeChange: readOnly })).rejects.toThrow(
      'cannot replace dist/a/x.yaml: the file system is read-only (EROFS); argocd-apps/ and dist/ are as they were',
    );
    expect(await tree()).toEqual(OLD);
  });

  it('leaves the old output, or the new one, whichever change is refused', async () => {
    await seed(OLD);
    const changes: FileChange[] = [];
    await writeOutput(root, plan(NEW), { beforeChange: (c) => changes.push(c) });
    expect(changes.length).toBeGreaterThan(20);
    for (const change of changes) {
      await rm(root, { recursive: true, force: true });
      await mkdir(root);
      await seed(OLD);
      const error = await writeOutput(root, plan(NEW), { beforeChange: refuse(change.action, change.path, 'EIO') }).catch((e: unknown) => e);
      const what = `refused: ${change.action} ${change.path}`;
      expect(error, what).toBeInstanceOf(FileSystemError);
      expect((error as Error).message, what).toContain(`cannot ${change.action} ${change.path}: input/output error on the device (EIO)`);
      expectConsistent();
      // Refused before the journal is gone, the write is undone (or, when undoing is refused too,
      // the next run undoes it); refused while clearing up, the write is complete.
      const message = (error as Error).message;
      const outcome = message.endsWith('are as they were') ? OLD : message.endsWith('the next build finishes undoing it') ? undefined : NEW;
      if (outcome) expect(await tree(), what).toEqual(outcome);
      await recoverOutput(root);
      expect(await tree(), what).toEqual(outcome ?? OLD);
      expect((await readdir(root)).sort(), what).toEqual(['argocd-apps', 'dist']);
    }
  });

  it('reports an undo that failed too, and the next run finishes undoing', async () => {
    await seed(OLD);
    let refusals = 0;
    const error = await writeOutput(root, plan(NEW), {
      beforeChange: (c) => {
        if ((c.action === 'replace' && c.path === 'dist/a/x.yaml') || (c.action === 'restore' && c.path === 'argocd-apps/a.yaml')) {
          refusals++;
          throw refused('EACCES');
        }
      },
    }).catch((e: unknown) => e);
    expect(refusals).toBe(2);
    expect((error as Error).message).toBe(
      'cannot replace dist/a/x.yaml: permission denied (EACCES); undoing the write failed too ' +
        '(cannot restore argocd-apps/a.yaml: permission denied (EACCES)); the next build finishes undoing it',
    );
    expectConsistent();
    expect(await recoverOutput(root)).toBe('rolled-back');
    expect(await tree()).toEqual(OLD);
  });
});

describe('writing while another build holds the lock', () => {
  it('waits for it and fails naming it when it does not finish in time', async () => {
    await seed(OLD);
    const lock = await acquireOutputLock(root, { command: 'wavesmith build --cluster a' });
    const error = await writeOutput(root, plan(NEW), { waitMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputLockedError);
    expect((error as Error).message).toContain(`another build holds ${LOCK_FILE}: process ${process.pid} (wavesmith build --cluster a)`);
    expect(await tree()).toEqual(OLD);
    await lock.release();
    await writeOutput(root, plan(NEW), { waitMs: 0 });
    expect(await tree()).toEqual(NEW);
  });
});
