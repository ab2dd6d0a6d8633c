import type { ClusterContext } from '@wavesmith/model';

const SERVICE_MONITOR = 'monitoring.coreos.com/ServiceMonitor';

/** Where log and trace stores keep their data: a volume, or S3 reached with an IRSA role. */
export const STORAGE_BACKENDS = ['filesystem', 's3'] as const;

/**
 * Charts render their ServiceMonitors only when a Prometheus is on the cluster to use them: a
 * ServiceMonitor without its CRD would fail the sync.
 */
export function serviceMonitoring(cluster: ClusterContext): { enabled: boolean; usesCrds: string[] } {
  const enabled = cluster.services.metricsQuery !== undefined;
  return { enabled, usesCrds: enabled ? [SERVICE_MONITOR] : [] };
}
