import { APPLICATION_CRD, APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA } from '@wavesmith/argocd';
import { defineComponent, pinnedChart, isOciChart } from '../component.js';
import { Replicas } from '../options.js';
import facts from '../facts/argo-cd@8.5.0.json' with { type: 'json' };

/**
 * Argo CD managing itself, first of all waves. Its argocd-cm carries the health check for child
 * Applications, without which sync waves gate nothing, and registers every OCI chart registry
 * the other components pull from.
 */
export const argocd = defineComponent({
  name: 'argocd',
  description: 'Argo CD, managing itself in the first sync wave, with the Application health check that makes sync waves wait.',
  tier: 'core',
  namespace: 'argocd',
  chart: pinnedChart('https://argoproj.github.io/argo-helm', facts),
  options: { replicas: Replicas(1, 2, 2) },
  installsCrds: [APPLICATION_CRD, 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet'],
  support: { mandatory: 'Argo CD manages itself as the first sync wave and syncs every other component' },
  planLast: true,
  plan: (ctx, others) => {
    const replicas = ctx.cluster.replicas(ctx.entry.replicas);
    const ociRepos = [...new Set(others.flatMap((p) => (p.chart && isOciChart(p.chart) ? [p.chart.repoURL] : [])))].sort();
    const repositories = Object.fromEntries(
      ociRepos.map((url) => [url.slice(url.lastIndexOf('/') + 1), { name: url.slice(url.lastIndexOf('/') + 1), type: 'helm', url, enableOCI: 'true' }]),
    );
    return ctx.chartPlan({
      values: {
        configs: { cm: { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA }, repositories },
        server: { replicas },
        repoServer: { replicas },
      },
    });
  },
});
