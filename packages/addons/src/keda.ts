import type { ComponentPlan } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

/** KEDA: event-driven pod autoscaling (ScaledObjects of the business apps). */
export function keda(ctx: AddonContext): ComponentPlan {
  const options = ctx.options('keda');
  const replicas = ctx.replicas(options);
  return chartPlan({
    name: 'keda',
    tier: 'core',
    namespace: 'keda',
    chart: CHARTS.keda,
    values: { operator: { replicaCount: replicas }, metricsServer: { replicaCount: replicas } },
    overrides: options.values,
    installsCrds: ['keda.sh/ScaledObject', 'keda.sh/ScaledJob', 'keda.sh/TriggerAuthentication', 'keda.sh/ClusterTriggerAuthentication'],
  });
}
