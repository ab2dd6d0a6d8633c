import type { ArgoCdBootstrap } from '../src/argocd-bootstrap.js';

/** The `argocd` component as the compiler hands it over: the chart with its values, and the root Application. */
export const ARGOCD: ArgoCdBootstrap = {
  chart: {
    repoURL: 'https://argoproj.github.io/argo-helm',
    chart: 'argo-cd',
    version: '8.5.0',
    releaseName: 'argocd',
    values: { configs: { cm: { 'resource.customizations.health.argoproj.io_Application': 'hs = {}\nreturn hs\n' } }, server: { replicas: 2 } },
  },
  namespace: 'argocd',
  rootApplication: {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'vet-root', namespace: 'argocd', labels: { 'app.kubernetes.io/part-of': 'vet' } },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
      source: { repoURL: 'https://example.com/fleet.git', targetRevision: 'main', path: 'dist/vet/argocd' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  },
};
