import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Finding } from '@wavesmith/model/finding';
import { isErrnoError } from './file-system-error.js';
import { sha256 } from './serialize.js';

/**
 * What the last build left in dist/ and argocd-apps/: per cluster, the key of the inputs it was
 * rendered from and, per file, its SHA-256 with the size and times the file had once written. A
 * build compares the files on disk with it by their stat alone, and hashes a file only when its
 * stat differs (or may hide a change, see `verifyOutput`): so an unchanged repository is checked
 * without reading its output, and a file edited by hand is always found.
 * Lives in node_modules/.cache: a fresh clone (and so CI) has none and checks every file.
 */
export interface BuildState {
  readonly clusters: Readonly<Record<string, ClusterRecord>>;
}

export interface ClusterRecord {
  /** The cluster file, relative to the root. */
  readonly file: string;
  /** Key of everything the cluster's output was rendered from (see `renderKey`). */
  readonly key: string;
  readonly objects: number;
  readonly files: Readonly<Record<string, FileRecord>>;
  /** What its checks found that did not stop it (warnings, waived findings), printed again while it is unchanged. */
  readonly findings: readonly Finding[];
  /** The last day (YYYY-MM-DD) its findings hold: the earliest expiry of its waivers; afterwards it is checked anew. */
  readonly validThrough?: string;
}

/** A file as it was written: content hash and the stat that identifies that very write. */
export interface FileRecord {
  readonly sha: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

export const STATE_FILE = 'node_modules/.cache/wavesmith/build-state.json';
/** Bumped when the record's meaning changes, so an older one is ignored. */
const FORMAT = 2;

/** The state the last build saved, and when it saved it (by the file system's clock); empty when there is none. */
export function readBuildState(root: string): { state: BuildState; savedAtMs: number } {
  try {
    const path = join(root, STATE_FILE);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { format?: number } & BuildState;
    if (saved.format === FORMAT) return { state: { clusters: saved.clusters }, savedAtMs: statSync(path).mtimeMs };
  } catch {
    // None yet, or unreadable: every file is checked by content.
  }
  return { state: { clusters: {} }, savedAtMs: 0 };
}

export async function writeBuildState(root: string, state: BuildState): Promise<void> {
  const path = join(root, STATE_FILE);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify({ format: FORMAT, ...state }));
  await rename(`${path}.tmp`, path);
}

/** The output as it is on disk: every file under the output folders, by path relative to the root, with its stat. */
export function scanOutput(root: string, folders: readonly string[]): Map<string, Stats> {
  const files = new Map<string, Stats>();
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(`${root}/${rel}`, { withFileTypes: true });
    } catch (error) {
      if (isErrnoError(error) && error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, statSync(`${root}/${path}`));
    }
  };
  for (const folder of folders) walk(folder);
  return files;
}

/**
 * The content hash of every file on disk: the recorded one when the file's stat is the one
 * recorded, otherwise read and hashed. A record whose times are not before the state was saved
 * is "racy" (as git calls it): a change within the same tick of the file system's clock would
 * keep the stat, so such a file is hashed too.
 */
export function verifyOutput(root: string, disk: ReadonlyMap<string, Stats>, records: ReadonlyMap<string, FileRecord>, savedAtMs: number): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const [path, stats] of disk) {
    const record = records.get(path);
    const same = record !== undefined && statMatches(record, stats) && Math.max(record.mtimeMs, record.ctimeMs) < savedAtMs;
    hashes.set(path, same ? record.sha : sha256(readFileSync(join(root, path), 'utf8')));
  }
  return hashes;
}

/** Whether a file's stat is the one recorded: then it is that very write, unless the record is racy (see verifyOutput). */
export function statMatches(record: FileRecord, stats: Stats | undefined): boolean {
  return stats !== undefined && record.size === stats.size && record.mtimeMs === stats.mtimeMs && record.ctimeMs === stats.ctimeMs && record.ino === stats.ino;
}

/** The record of a file just written or verified. */
export async function recordFile(root: string, path: string, sha: string): Promise<FileRecord> {
  const { size, mtimeMs, ctimeMs, ino } = await stat(join(root, path));
  return { sha, size, mtimeMs, ctimeMs, ino };
}
