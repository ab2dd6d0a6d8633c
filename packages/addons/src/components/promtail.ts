import { defineComponent, pinnedChart } from '../component.js';
import { serviceMonitoring } from '../monitoring.js';
import facts from '../facts/promtail@6.16.6.json' with { type: 'json' };

/** Promtail on every node, shipping pod logs to the cluster's log store (seeds 000, 002). */
export const promtail = defineComponent({
  name: 'promtail',
  description: 'Promtail on every node, shipping pod logs to the log store of the cluster.',
  tier: 'platform',
  namespace: 'monitoring',
  chart: pinnedChart('https://grafana.github.io/helm-charts', facts),
  options: {},
  rules: (entry, context, report) => {
    if (context.services.logsPush === undefined) report('/name', entry.name, 'promtail together with a log store that takes pushes (the catalogue\'s loki)');
  },
  plan: (ctx) => {
    const push = ctx.cluster.services.logsPush;
    const monitor = serviceMonitoring(ctx.cluster);
    return ctx.chartPlan({
      values: { config: { clients: [{ url: push }] }, serviceMonitor: { enabled: monitor.enabled } },
      usesCrds: monitor.usesCrds,
      // The log store must run before the first log is pushed.
      needs: ctx.cluster.serviceProviders.logsPush === undefined ? [] : [ctx.cluster.serviceProviders.logsPush],
    });
  },
});
