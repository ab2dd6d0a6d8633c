import { APPLICATION_CRD, APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA } from '@wavesmith/argocd';
import type { ComponentPlan } from '@wavesmith/model';
import { CHARTS, isOciChart } from './charts.js';
import { chartPlan, type AddonContext } from './plan.js';

/**
 * Argo CD managing itself, first of all waves. Its argocd-cm carries the health check for child
 * Applications, without which sync waves gate nothing, and registers every OCI chart registry
 * the other components pull from.
 */
export function argocd(ctx: AddonContext, others: readonly ComponentPlan[]): ComponentPlan {
  const options = ctx.options('argocd');
  const replicas = ctx.replicas(options);
  const ociRepos = [...new Set(others.flatMap((p) => (p.chart && isOciChart(p.chart) ? [p.chart.repoURL] : [])))].sort();
  const repositories = Object.fromEntries(
    ociRepos.map((url) => [url.slice(url.lastIndexOf('/') + 1), { name: url.slice(url.lastIndexOf('/') + 1), type: 'helm', url, enableOCI: 'true' }]),
  );
  return chartPlan({
    name: 'argocd',
    tier: 'core',
    namespace: 'argocd',
    chart: CHARTS.argocd,
    values: {
      configs: { cm: { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA }, repositories },
      server: { replicas },
      repoServer: { replicas },
    },
    overrides: options.values,
    installsCrds: [APPLICATION_CRD, 'argoproj.io/AppProject', 'argoproj.io/ApplicationSet'],
  });
}
