import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { specMessage, type Finding, type SourceLocation } from './finding.js';
import { closest } from './suggest.js';

/** The cluster files a command works on, and the findings about clusters/ itself. */
export interface ClusterFiles {
  /** Paths relative to the repository root, in name order. */
  readonly files: readonly string[];
  /** A linked or unreadable file, an unknown --cluster: errors by the cluster they concern. */
  readonly findings: readonly Finding[];
}

/**
 * The cluster files to work on: all of them, or those named by `only` (an unknown name is a
 * finding listing the known ones, with the nearest as a suggestion).
 */
export async function selectClusterFiles(root: string, only?: string | readonly string[]): Promise<ClusterFiles> {
  const scan = await scanClusterFiles(root);
  if (only === undefined) return scan;
  const known = [...scan.files, ...scan.findings.map((f) => f.source!.file)].map(clusterOf).sort();
  const wanted = [...new Set([only].flat())];
  const unknown = wanted.filter((name) => !known.includes(name));
  const findings = [
    ...scan.findings.filter((f) => wanted.includes(f.cluster)),
    ...unknown.map((name) => {
      const hint = closest(name, known);
      return fileFinding('cluster-unknown', name, 'clusters/', name, `${hint ? `did you mean "${hint}"? ` : ''}one of the clusters in clusters/: ${known.join(', ')}`);
    }),
  ];
  return { files: scan.files.filter((f) => wanted.includes(clusterOf(f))), findings };
}

/** A finding about a cluster file as a whole; the rules of loading are errors no waiver covers. */
export function fileFinding(rule: string, cluster: string, file: string, value: unknown, allowed: string, source: SourceLocation = { file }): Finding {
  return { rule, severity: 'error', cluster, path: '', value, allowed, message: specMessage(value, allowed), source };
}

const clusterOf = (file: string): string => file.slice('clusters/'.length, -'.ts'.length);

/**
 * The cluster files of clusters/, and a finding for each `*.ts` entry that is not a readable
 * regular file: a link or an unreadable file is an error, never a cluster silently left out
 * (and its output pruned).
 */
async function scanClusterFiles(root: string): Promise<ClusterFiles> {
  const entries = await readdir(join(root, 'clusters'), { withFileTypes: true });
  const files: string[] = [];
  const findings: Finding[] = [];
  for (const e of entries.filter((e) => e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = `clusters/${e.name}`;
    const name = clusterOf(file);
    if (e.isSymbolicLink()) {
      findings.push(fileFinding('cluster-file-link', name, file, 'a symbolic link', 'a regular file: a linked cluster file would build from a file outside clusters/'));
    } else if (e.isFile()) {
      const readable = await access(join(root, file), constants.R_OK).then(
        () => true,
        () => false,
      );
      if (readable) files.push(file);
      else findings.push(fileFinding('cluster-file-unreadable', name, file, 'a file without read permission', 'a readable file: its cluster would be left out and its output pruned'));
    }
  }
  return { files, findings };
}
