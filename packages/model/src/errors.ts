import { formatFinding, type Finding } from './finding.js';

/** Thrown when one or more cluster files are invalid; carries every finding, not just the first. */
export class ClusterSpecError extends Error {
  constructor(readonly findings: readonly Finding[]) {
    super(
      `${findings.length} problem${findings.length === 1 ? '' : 's'} in cluster descriptions:\n` + findings.map((f) => `  - ${formatFinding(f)}`).join('\n'),
    );
    this.name = 'ClusterSpecError';
  }
}
