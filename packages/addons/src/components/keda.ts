import { defineComponent, pinnedChart } from '../component.js';
import { Replicas } from '../options.js';
import facts from '../facts/keda@2.16.1.json' with { type: 'json' };

/** KEDA: event-driven pod autoscaling (the ScaledObjects of the business apps, TByte platform seed 002). */
export const keda = defineComponent({
  name: 'keda',
  description: 'KEDA event-driven pod autoscaling: ScaledObjects on CPU, memory and Prometheus queries.',
  tier: 'core',
  namespace: 'keda',
  chart: pinnedChart('https://kedacore.github.io/charts', facts),
  options: { replicas: Replicas(1, 2, 2) },
  installsCrds: ['keda.sh/ScaledObject', 'keda.sh/ScaledJob', 'keda.sh/TriggerAuthentication', 'keda.sh/ClusterTriggerAuthentication'],
  plan: (ctx) => {
    const replicas = ctx.cluster.replicas(ctx.entry.replicas);
    return ctx.chartPlan({ values: { operator: { replicaCount: replicas }, metricsServer: { replicaCount: replicas } } });
  },
});
