/** Labels of a workload's objects and the subset its selectors match on. */
export interface WorkloadLabels {
  /** `app: <name>` only: selectors are immutable, so they carry nothing that may change. */
  readonly selector: Readonly<Record<string, string>>;
  /** Selector plus the recommended `app.kubernetes.io/*` labels. */
  readonly all: Readonly<Record<string, string>>;
}

/** What a workload is within its app, as the `app.kubernetes.io/component` label says. */
export type WorkloadRole = 'web' | 'database' | 'job';

export function workloadLabels(name: string, partOf: string, role: WorkloadRole): WorkloadLabels {
  const selector = { app: name };
  return {
    selector,
    all: {
      ...selector,
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': partOf,
      'app.kubernetes.io/component': role,
      'app.kubernetes.io/managed-by': 'wavesmith',
    },
  };
}
