import { type ComponentPlan, type CustomComponentSpec } from '@wavesmith/model';

/**
 * The plan of a component the catalogue does not have: its pinned chart and/or its objects, with
 * what the cluster file says about its tier, namespace, CRDs and needs. Argo CD treats it like
 * any other component.
 */
export function customComponentPlan(entry: CustomComponentSpec): ComponentPlan {
  return {
    name: entry.name,
    tier: entry.tier,
    namespace: entry.namespace,
    ...(entry.helm
      ? {
          chart: {
            repoURL: entry.helm.repoURL,
            chart: entry.helm.chart,
            version: entry.helm.version,
            releaseName: entry.helm.releaseName ?? entry.name,
            values: entry.values ?? {},
          },
        }
      : {}),
    manifests: entry.manifests ?? [],
    installsCrds: entry.installsCrds ?? [],
    usesCrds: entry.usesCrds ?? [],
    needs: entry.needs ?? [],
    ...(entry.serverSideApply ? { serverSideApply: true } : {}),
  };
}
