import { factsSyncOptions, type ComponentPlan, type CustomComponentSpec, type Distribution } from '@wavesmith/model';

/**
 * The plan of a component the catalogue does not have: its pinned chart and/or its objects, with
 * what the cluster file says about its tier, namespace, CRDs and needs. Argo CD treats it like
 * any other component; a chart given with its facts gets the sync options they ask for, as the
 * catalogue's charts do.
 */
export function customComponentPlan(entry: CustomComponentSpec, distribution: Distribution): ComponentPlan {
  const release = entry.helm?.releaseName ?? entry.name;
  const values = entry.values ?? {};
  const sync = entry.helm && entry.facts ? factsSyncOptions(entry.facts, release, values, distribution) : {};
  return {
    name: entry.name,
    tier: entry.tier,
    namespace: entry.namespace,
    ...(entry.helm
      ? { chart: { repoURL: entry.helm.repoURL, chart: entry.helm.chart, version: entry.helm.version, releaseName: release, values, ...(entry.facts ? { facts: entry.facts } : {}) } }
      : {}),
    manifests: entry.manifests ?? [],
    installsCrds: entry.installsCrds ?? [],
    usesCrds: entry.usesCrds ?? [],
    needs: entry.needs ?? [],
    ...sync,
    ...(entry.serverSideApply ? { serverSideApply: true } : {}),
  };
}
