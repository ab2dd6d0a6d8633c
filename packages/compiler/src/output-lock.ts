import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readlink, symlink, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FileSystemError, isErrnoError } from './file-system-error.js';

/**
 * The lock a build holds on dist/ and argocd-apps/ from reading them to its last write, so two
 * builds at once never lose each other's files. It is a symbolic link whose target is the
 * owner's record: creating a link is atomic and fails when one exists, and the record is read in
 * one call, so no one ever sees a lock without its owner.
 */
export const LOCK_FILE = '.wavesmith-lock';

/** Who holds a lock. */
export interface LockOwner {
  readonly pid: number;
  /**
   * When the process started (clock ticks after boot, field 22 of /proc/<pid>/stat), so a pid
   * reused by another process is told apart; absent where there is no /proc.
   */
  readonly start?: string;
  readonly host: string;
  /** What the process is doing, e.g. `wavesmith build --cluster tbyte-dev`. */
  readonly command: string;
  /** When the lock was taken, ISO 8601. */
  readonly since: string;
  /** Unique to this taking of the lock. */
  readonly id: string;
}

export interface LockOptions {
  /** How long to wait for another build to finish before giving up, in milliseconds. @default 60000 */
  readonly waitMs?: number;
  /** Told once, when the lock is held by another build and this one starts to wait. */
  readonly onWait?: (owner: LockOwner) => void;
  /** What the lock says this process is doing, shown to anyone who waits for it. @default the process's command line */
  readonly command?: string;
}

export interface OutputLock {
  readonly owner: LockOwner;
  /** Gives the lock up; later calls do nothing. */
  release(): Promise<void>;
}

/** Thrown when another build held the lock for longer than this one would wait. */
export class OutputLockedError extends Error {
  constructor(
    /** The holder, or undefined when the lock file is not one Wavesmith wrote. */
    readonly owner: LockOwner | undefined,
    readonly waitedMs: number,
  ) {
    super(
      owner === undefined
        ? `${LOCK_FILE} exists but is not a lock Wavesmith wrote; if no build is running, delete it and run again`
        : `another build holds ${LOCK_FILE}: process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`} (${owner.command}), since ${owner.since}; ` +
            `waited ${Math.round(waitedMs / 1000)} s. Let it finish (or stop process ${owner.pid}) and run again, or wait longer with --wait SECONDS` +
            (owner.host === hostname() ? '' : `; if no build is running on ${owner.host}, delete ${LOCK_FILE}`),
    );
    this.name = 'OutputLockedError';
  }
}

const POLL_MS = 100;

/**
 * Takes the output lock of the repository at `root`, waiting while a live build holds it. A lock
 * left by a process that is gone, or whose pid now belongs to a process started later, is stale
 * and taken over (see `removeStale`).
 */
export async function acquireOutputLock(root: string, options: LockOptions = {}): Promise<OutputLock> {
  const path = join(root, LOCK_FILE);
  const waitMs = options.waitMs ?? 60_000;
  const started = Date.now();
  const command = options.command ?? [basename(process.argv[1] ?? 'node'), ...process.argv.slice(2)].join(' ');
  let told = false;
  for (;;) {
    const me = ownRecord(command);
    if (await create(path, me)) {
      await sweepGuards(root);
      return lockHandle(path, me);
    }
    const owner = await read(path);
    if (owner === 'absent') continue; // released between our attempt and the read
    if (owner === 'foreign') throw new OutputLockedError(undefined, Date.now() - started);
    const stale = isStale(owner);
    if (stale && (await removeStale(path, owner, command))) continue;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new OutputLockedError(owner, waited);
    if (!told && !stale) options.onWait?.(owner);
    told ||= !stale;
    await sleep(Math.min(POLL_MS, waitMs - waited));
  }
}

/** Runs `work` holding the output lock and releases it afterwards, also when `work` fails. */
export async function withOutputLock<T>(root: string, options: LockOptions, work: (lock: OutputLock) => Promise<T>): Promise<T> {
  const lock = await acquireOutputLock(root, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

/** Whether the process that wrote a lock record is gone, or its pid now names another process. */
export function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false; // another machine's processes cannot be seen from here
  if (!processExists(owner.pid)) return true;
  const start = processStart(owner.pid);
  return owner.start !== undefined && start !== undefined && start !== owner.start;
}

/**
 * Removes a stale lock so that, of several builds that found it stale at once, exactly one
 * removes it and none removes a lock someone took since. Removing is only done while holding a
 * guard named after the stale lock's id, created as exclusively as the lock itself: whoever holds
 * the guard re-reads the lock and removes it only if it is still the stale one. Nobody else can
 * change it meanwhile: its owner is gone, a new lock cannot be created while it exists, and any
 * other remover would need the same guard. A guard left by a remover that died is stale in turn
 * and removed the same way. Says whether it removed anything (the lock, or a guard in its way).
 */
async function removeStale(path: string, stale: LockOwner, command: string): Promise<boolean> {
  const guard = `${path}.takeover-${stale.id}`;
  if (await create(guard, ownRecord(command))) {
    try {
      const now = await read(path);
      if (now !== 'absent' && now !== 'foreign' && now.id === stale.id) await removeFile(path);
    } finally {
      await removeFile(guard);
    }
    return true;
  }
  // Another waiter holds the guard: it is removing the lock right now, or it died doing so.
  const holder = await read(guard);
  return holder !== 'absent' && holder !== 'foreign' && isStale(holder) && (await removeStale(guard, holder, command));
}

/** Removes guards left by removers that died, once it is safe: the lock they guarded is gone, as this process holds it. */
async function sweepGuards(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    if (!name.startsWith(`${LOCK_FILE}.takeover-`)) continue;
    const holder = await read(join(root, name));
    if (holder === 'foreign' || (holder !== 'absent' && isStale(holder))) await removeFile(join(root, name));
  }
}

function lockHandle(path: string, owner: LockOwner): OutputLock {
  let held = true;
  return {
    owner,
    async release() {
      if (!held) return;
      held = false;
      const now = await read(path);
      if (now !== 'absent' && now !== 'foreign' && now.id === owner.id) await removeFile(path);
    },
  };
}

function ownRecord(command: string): LockOwner {
  const start = processStart(process.pid);
  return {
    pid: process.pid,
    ...(start === undefined ? {} : { start }),
    host: hostname(),
    command,
    since: new Date().toISOString(),
    id: randomBytes(8).toString('hex'),
  };
}

/** Creates `path` holding `record` unless something exists there; says whether it did. */
async function create(path: string, record: LockOwner): Promise<boolean> {
  try {
    await symlink(JSON.stringify(record), path);
    return true;
  } catch (error) {
    if (isErrnoError(error) && error.code === 'EEXIST') return false;
    if (isErrnoError(error)) throw new FileSystemError('create the lock', basename(path), error, 'nothing was written');
    throw error;
  }
}

async function read(path: string): Promise<LockOwner | 'absent' | 'foreign'> {
  let text: string;
  try {
    text = await readlink(path);
  } catch (error) {
    if (isErrnoError(error) && error.code === 'ENOENT') return 'absent';
    if (isErrnoError(error) && error.code === 'EINVAL') return 'foreign'; // not a symbolic link
    throw error;
  }
  try {
    const record = JSON.parse(text) as Partial<LockOwner>;
    const valid =
      Number.isInteger(record.pid) && record.pid! > 0 && typeof record.id === 'string' && typeof record.host === 'string' && typeof record.command === 'string';
    return valid ? (record as LockOwner) : 'foreign';
  } catch {
    return 'foreign';
  }
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!(isErrnoError(error) && error.code === 'ENOENT')) throw error;
  });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrnoError(error) && error.code === 'EPERM'; // exists, owned by another user
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name, which may itself hold spaces and parentheses. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
