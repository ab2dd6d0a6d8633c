/** One rejected setting of a workload: where, what was given, what is allowed. */
export interface WorkloadProblem {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** Thrown when a workload's props are unsafe or malformed; lists every problem of that workload at once. */
export class WorkloadError extends Error {
  constructor(
    readonly workload: string,
    readonly problems: readonly WorkloadProblem[],
  ) {
    super(
      problems
        .map((p) => `workload "${workload}": ${p.field} = ${JSON.stringify(p.value) ?? 'nothing'} is not allowed; allowed: ${p.allowed}`)
        .join('\n'),
    );
    this.name = 'WorkloadError';
  }
}

/** Throws a WorkloadError when there is any problem. */
export function assertNoProblems(workload: string, problems: readonly WorkloadProblem[]): void {
  if (problems.length > 0) throw new WorkloadError(workload, problems);
}
