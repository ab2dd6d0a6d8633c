import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireOutputLock, LOCK_FILE, OutputLockedError, processStart, type LockOwner } from '../src/output-lock.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wavesmith-lock-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const holder = async (): Promise<LockOwner> => JSON.parse(await readlink(join(root, LOCK_FILE))) as LockOwner;

/** A pid no process has any more: that of a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/** Plants a lock as another process would have left it. */
async function plant(owner: Partial<LockOwner>, file = LOCK_FILE): Promise<void> {
  const record = { pid: deadPid(), host: hostname(), command: 'wavesmith build', since: '2025-01-01T00:00:00.000Z', id: 'planted', ...owner };
  await symlink(JSON.stringify(record), join(root, file));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

describe('acquireOutputLock', () => {
  it('records who holds it: this process, when it started and what it is doing', async () => {
    const lock = await acquireOutputLock(root, { command: 'wavesmith build --cluster a' });
    const stat = readFileSync('/proc/self/stat', 'utf8');
    expect(await holder()).toEqual({
      pid: process.pid,
      start: stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19],
      host: hostname(),
      command: 'wavesmith build --cluster a',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      id: lock.owner.id,
    });
    await lock.release();
    expect(existsSync(join(root, LOCK_FILE))).toBe(false);
  });

  it('lets a second build wait until the first releases it, telling it who holds it', async () => {
    const first = await acquireOutputLock(root, { command: 'first' });
    const told: LockOwner[] = [];
    const second = acquireOutputLock(root, { command: 'second', onWait: (owner) => told.push(owner) });
    await until(() => told.length > 0);
    expect(told).toEqual([first.owner]);
    await first.release();
    const lock = await second;
    expect((await holder()).command).toBe('second');
    await lock.release();
  });

  it('fails after the wait, naming the live build that holds it and what to do', async () => {
    const lock = await acquireOutputLock(root, { command: 'wavesmith build --cluster a' });
    const error = await acquireOutputLock(root, { waitMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputLockedError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^another build holds \\.wavesmith-lock: process ${process.pid} \\(wavesmith build --cluster a\\), since ${lock.owner.since}; waited 0 s\\. ` +
          `Let it finish \\(or stop process ${process.pid}\\) and run again, or wait longer with --wait SECONDS$`,
      ),
    );
    await lock.release();
  });

  it('takes over a lock whose process is gone', async () => {
    await plant({});
    const lock = await acquireOutputLock(root, { waitMs: 0 });
    expect((await holder()).id).toBe(lock.owner.id);
    await lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started later', async () => {
    await plant({ pid: process.pid, start: String(Number(processStart(process.pid)) - 1) });
    const lock = await acquireOutputLock(root, { waitMs: 0 });
    expect((await holder()).id).toBe(lock.owner.id);
    await lock.release();
  });

  it('keeps out of a lock of another live process that started when the lock says', async () => {
    const child = spawn('sleep', ['30']);
    try {
      await until(() => processStart(child.pid!) !== undefined);
      await plant({ pid: child.pid!, start: processStart(child.pid!)! });
      await expect(acquireOutputLock(root, { waitMs: 0 })).rejects.toThrow(`another build holds .wavesmith-lock: process ${child.pid} (wavesmith build)`);
    } finally {
      child.kill();
    }
  });

  it('does not judge a lock taken on another machine, and says when to delete it', async () => {
    await plant({ pid: process.pid, host: 'build-agent-7' });
    await expect(acquireOutputLock(root, { waitMs: 0 })).rejects.toThrow(
      `process ${process.pid} on build-agent-7 (wavesmith build)` + ', since 2025-01-01T00:00:00.000Z; waited 0 s. ' +
        `Let it finish (or stop process ${process.pid}) and run again, or wait longer with --wait SECONDS; ` +
        'if no build is running on build-agent-7, delete .wavesmith-lock',
    );
  });

  it('refuses at once a lock file it did not write', async () => {
    await writeFile(join(root, LOCK_FILE), 'locked\n');
    await expect(acquireOutputLock(root)).rejects.toThrow('.wavesmith-lock exists but is not a lock Wavesmith wrote; if no build is running, delete it and run again');
  });

  it('takes over past a waiter that died while taking over, and removes what it left', async () => {
    await plant({ id: 'stale' });
    await plant({ id: 'dead-remover' }, `${LOCK_FILE}.takeover-stale`);
    const lock = await acquireOutputLock(root, { waitMs: 0 });
    expect(await readdir(root)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('releases only its own lock', async () => {
    const first = await acquireOutputLock(root);
    await first.release();
    const second = await acquireOutputLock(root);
    await first.release();
    expect((await holder()).id).toBe(second.owner.id);
    await second.release();
  });

  it('lets exactly one of many waiters in this process take a stale lock, then each in turn', async () => {
    await plant({});
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const lock = await acquireOutputLock(root, { waitMs: 10_000 });
        most = Math.max(most, ++inside);
        await sleep(5);
        inside--;
        await lock.release();
      }),
    );
    expect(most).toBe(1);
    expect(await readdir(root)).toEqual([]);
  });

  it('lets exactly one of several processes take a stale lock, then each in turn', async () => {
    await plant({});
    const log = join(root, 'log');
    const go = join(root, 'go');
    await writeFile(log, '');
    const worker = fileURLToPath(new URL('fixtures/lock-worker.ts', import.meta.url));
    const repo = fileURLToPath(new URL('../../..', import.meta.url));
    const children: ChildProcess[] = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', worker, root, go, log], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] }),
    );
    const exited = Promise.all(children.map((c) => new Promise<number | null>((done) => c.on('exit', done))));
    await until(() => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('ready')).length === 4);
    await writeFile(go, '');
    expect(await exited).toEqual([0, 0, 0, 0]);
    const turns = (await readFile(log, 'utf8')).split('\n').filter((l) => l.startsWith('enter') || l.startsWith('leave'));
    const pids = children.map((c) => String(c.pid));
    expect(turns).toHaveLength(8);
    for (let i = 0; i < turns.length; i += 2) {
      const [entered, left] = [turns[i]!.split(' '), turns[i + 1]!.split(' ')];
      expect([entered[0], left[0], left[1]]).toEqual(['enter', 'leave', entered[1]]);
      expect(pids).toContain(entered[1]);
    }
    expect((await readdir(root)).sort()).toEqual(['go', 'log']);
  });
});
