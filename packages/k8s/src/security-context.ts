import { unsafeSecurityIssues, type SecuritySpec, type UnsafeOptIn } from '@wavesmith/model';
import type { k8s } from 'cdk8s-plus-28';
import type { WorkloadProblem } from './workload-error.js';

/** Seed 002's user and group; images whose files belong to another user still run as it with fsGroup-owned volumes. */
export const DEFAULT_USER = 1000;

export interface SecurityContexts {
  readonly pod: k8s.PodSecurityContext;
  readonly container: k8s.SecurityContext;
}

/** Problems of `security` that weaken Pod Security "restricted" without an opt-in, and of the opt-in itself. */
export function securityProblems(security: SecuritySpec | undefined, optIn: UnsafeOptIn | undefined): WorkloadProblem[] {
  const problems: WorkloadProblem[] = unsafeSecurityIssues(security, optIn);
  if (optIn !== undefined && optIn.reason.trim().length < 10) {
    problems.push({ field: 'allowUnsafe/reason', value: optIn.reason, allowed: 'why this workload cannot run restricted, in a sentence (at least 10 characters)' });
  }
  return problems;
}

/**
 * The pod and container security contexts of Pod Security "restricted" (seed 002): non-root user
 * 1000, read-only root filesystem, no privilege escalation, every capability dropped, seccomp
 * RuntimeDefault. Overrides are applied as given; callers check them with securityProblems first.
 */
export function securityContexts(security: SecuritySpec = {}): SecurityContexts {
  const runAsUser = security.runAsUser ?? DEFAULT_USER;
  const runAsGroup = security.runAsGroup ?? DEFAULT_USER;
  const runAsNonRoot = security.runAsNonRoot ?? runAsUser !== 0;
  const seccompProfile = { type: security.seccompProfile ?? 'RuntimeDefault' };
  const add = security.addCapabilities ?? [];
  return {
    pod: { runAsNonRoot, runAsUser, runAsGroup, fsGroup: security.fsGroup ?? runAsGroup, seccompProfile },
    container: {
      runAsNonRoot,
      runAsUser,
      runAsGroup,
      allowPrivilegeEscalation: security.allowPrivilegeEscalation ?? false,
      readOnlyRootFilesystem: security.readOnlyRootFilesystem ?? true,
      privileged: false,
      capabilities: { drop: ['ALL'], ...(add.length > 0 ? { add: [...add] } : {}) },
      seccompProfile,
    },
  };
}
