import { BuildCheckError, FileSystemError, ForeignJournalError, isErrnoError, MissingRenderError, OutputLockedError, StaleBuildError } from '@wavesmith/compiler';
import { DiffError } from '@wavesmith/diff';
import { ClusterSpecError } from '@wavesmith/model';
import { textReport } from './findings-format.js';
import { UsageError } from './usage.js';

/** Exit codes of the CLI, by kind of failure. */
export const EXIT = { ok: 0, input: 1, usage: 2, environment: 3, internal: 4 } as const;

export interface Failure {
  readonly message: string;
  readonly code: (typeof EXIT)[keyof typeof EXIT];
}

/**
 * Tells any error in words and picks the exit code: bad input and failed checks (1), wrong usage
 * (2), an environment that cannot build: an output that could not be locked, written or recovered
 * (3: another build, permissions, a full disk, a transaction folder someone edited), packages
 * compiled from older sources, a merge without its shards' renderings; and anything else, which
 * is a bug of ours (4).
 */
export function describeFailure(error: unknown, root: string): Failure {
  if (error instanceof UsageError) return { message: `${error.message}\n\n${error.help}`, code: EXIT.usage };
  if (error instanceof ClusterSpecError) return { message: `${error.message}\nNothing was written.`, code: EXIT.input };
  if (error instanceof BuildCheckError) {
    return { message: `${error.message}:\n${textReport(error.findings, error.clusters)}\nNothing was written.`, code: EXIT.input };
  }
  if (error instanceof DiffError) return { message: error.message, code: EXIT.input };
  if (error instanceof OutputLockedError) return { message: `${error.message}. Nothing was written.`, code: EXIT.environment };
  if (error instanceof FileSystemError || error instanceof ForeignJournalError || error instanceof StaleBuildError || error instanceof MissingRenderError) {
    return { message: error.message, code: EXIT.environment };
  }
  if (isErrnoError(error)) return { message: FileSystemError.from(error, root).message, code: EXIT.environment };
  const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  return { message: `internal error: ${reason}. This is a bug in Wavesmith; run again with --debug for the stack trace and report it`, code: EXIT.internal };
}
