import { k8s } from 'cdk8s-plus-28';

/** What a probe checks: an HTTP GET on the container's port, or a command in the container. */
export type ProbeAction = { readonly path: string; readonly port: number } | { readonly command: readonly string[] };

export interface ProbeSpec {
  readonly action: ProbeAction;
  /** @default 0 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
}

/** Liveness, readiness and startup probes; every workload has all three. */
export interface ProbeSet {
  readonly liveness: ProbeSpec;
  readonly readiness: ProbeSpec;
  readonly startup: ProbeSpec;
}

/** HTTP paths of the three probes. */
export interface ProbePaths {
  readonly liveness: string;
  readonly readiness: string;
  readonly startup: string;
}

/** Seed 002's endpoints. */
export const DEFAULT_PROBE_PATHS: ProbePaths = { liveness: '/health', readiness: '/ready', startup: '/startup' };

/**
 * Seed 002's probe timing around any action: liveness after 30s, readiness after 5s, and a
 * startup probe allowing 30 failures (5 minutes) before liveness takes over.
 */
export function probeSet(action: (kind: keyof ProbeSet) => ProbeAction): ProbeSet {
  return {
    liveness: { action: action('liveness'), initialDelaySeconds: 30 },
    readiness: { action: action('readiness'), initialDelaySeconds: 5 },
    startup: { action: action('startup'), failureThreshold: 30 },
  };
}

export function httpProbes(port: number, paths: ProbePaths = DEFAULT_PROBE_PATHS): ProbeSet {
  return probeSet((kind) => ({ path: paths[kind], port }));
}

export function commandProbes(command: readonly string[]): ProbeSet {
  return probeSet(() => ({ command }));
}

export function renderProbe(probe: ProbeSpec): k8s.Probe {
  const { action } = probe;
  return {
    ...('path' in action
      ? { httpGet: { path: action.path, port: k8s.IntOrString.fromNumber(action.port), scheme: 'HTTP' } }
      : { exec: { command: [...action.command] } }),
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 5,
    failureThreshold: probe.failureThreshold ?? 3,
    successThreshold: 1,
  };
}
