import { relative } from 'node:path';

/** What an operating-system error code means, in the words a user reads. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EIO: 'input/output error on the device',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where a file is needed',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'it is on another file system',
  EBUSY: 'it is in use',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** A Node error raised by a file-system call: it carries the error code and usually the path. */
export function isErrnoError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * A file-system call that failed, told as what was being done to which path (relative to the
 * repository root), why, and what became of the output.
 */
export class FileSystemError extends Error {
  readonly code: string;
  override readonly cause: NodeJS.ErrnoException & { code: string };

  constructor(
    /** What was being done, as a verb phrase: `write`, `create the folder`, `read`. */
    readonly action: string,
    /** The path, relative to the repository root where it is inside it. */
    readonly path: string,
    cause: NodeJS.ErrnoException & { code: string },
    /** What the failure left behind, e.g. "dist/ and argocd-apps/ were left as they were". */
    readonly outcome?: string,
  ) {
    super(`cannot ${action} ${path}: ${REASONS[cause.code] ?? cause.message} (${cause.code})${outcome ? `; ${outcome}` : ''}`, { cause });
    this.name = 'FileSystemError';
    this.code = cause.code;
    this.cause = cause;
  }

  /** The same failure, saying what it left behind. */
  withOutcome(outcome: string): FileSystemError {
    return new FileSystemError(this.action, this.path, this.cause, outcome);
  }

  /** Describes a raw Node error by its system call and path, relative to `root`. */
  static from(error: NodeJS.ErrnoException & { code: string }, root: string): FileSystemError {
    const path = error.path === undefined ? '(unknown path)' : relative(root, error.path) || '.';
    return new FileSystemError(SYSCALL_ACTIONS[error.syscall ?? ''] ?? error.syscall ?? 'use', path.startsWith('..') ? error.path! : path, error);
  }
}

const SYSCALL_ACTIONS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  scandir: 'list the folder',
  mkdir: 'create the folder',
  rmdir: 'remove the folder',
  unlink: 'remove',
  rename: 'move',
  link: 'link',
  symlink: 'create',
  readlink: 'read',
  stat: 'read',
  lstat: 'read',
  copyfile: 'copy',
  fsync: 'flush to disk',
};
