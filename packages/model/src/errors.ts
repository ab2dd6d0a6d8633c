/** One problem with a cluster description: where it is, what was given and what is allowed. */
export interface SpecIssue {
  /** Cluster name, or the file's base name when the name itself is unusable. */
  readonly cluster: string;
  /** Path of the cluster file relative to the repository root, e.g. `clusters/tbyte-dev.ts`. */
  readonly file: string;
  /** JSON Pointer into the cluster spec, e.g. `/network/subnets/2/cidr`; `` for the whole spec. */
  readonly path: string;
  /** The value found there (undefined when it is missing). */
  readonly value: unknown;
  /** What would be accepted, in words. */
  readonly allowed: string;
}

export function formatIssue(issue: SpecIssue): string {
  const where = issue.path === '' ? '(spec)' : issue.path;
  return `${issue.file} [cluster ${issue.cluster}] ${where}: got ${formatValue(issue.value)}; allowed: ${issue.allowed}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Thrown when one or more cluster files are invalid; carries every issue found, not just the first. */
export class ClusterSpecError extends Error {
  constructor(readonly issues: readonly SpecIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in cluster descriptions:\n` +
        issues.map((i) => `  - ${formatIssue(i)}`).join('\n'),
    );
    this.name = 'ClusterSpecError';
  }
}
