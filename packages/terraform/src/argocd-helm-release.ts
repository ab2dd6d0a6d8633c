import type { KubeObject } from '@wavesmith/model';
import { stringify } from 'yaml';
import { chartReference, type ArgoCdBootstrap } from './argocd-bootstrap.js';
import { ARGOCD_APPS_CHART } from './bootstrap-sources.js';
import type { Declared, Stack } from './stack.js';

/** Fields of an Application the argocd-apps chart templates (argoproj/argo-helm argocd-apps-2.0.5 templates/applications.yaml). */
const TEMPLATED_SPEC = ['project', 'source', 'sources', 'destination', 'syncPolicy', 'revisionHistoryLimit', 'ignoreDifferences', 'info', 'sourceHydrator'];
const TEMPLATED_METADATA = ['name', 'namespace', 'labels', 'annotations', 'finalizers'];

/** The argocd-apps values that render exactly this Application; a field the chart would drop is an error. */
export function argocdAppsValues(application: KubeObject): Record<string, unknown> {
  const spec = (application.spec ?? {}) as Record<string, unknown>;
  const dropped = [
    ...Object.keys(application.metadata).filter((k) => !TEMPLATED_METADATA.includes(k)).map((k) => `metadata.${k}`),
    ...Object.keys(spec).filter((k) => !TEMPLATED_SPEC.includes(k)).map((k) => `spec.${k}`),
  ];
  if (dropped.length > 0) throw new Error(`Application ${application.metadata.name}: the argocd-apps chart does not render ${dropped.join(', ')}`);
  const { name, namespace, labels, annotations, finalizers } = application.metadata;
  return { applications: { [name]: { namespace, additionalLabels: labels, additionalAnnotations: annotations, finalizers, ...spec } } };
}

export interface ArgoCdReleaseProps {
  readonly argocd: ArgoCdBootstrap;
  /** What Argo CD's pods need first: nodes, CoreDNS, the CNI. */
  readonly after: readonly Declared[];
}

/**
 * Argo CD on a managed cluster (EKS, AKS), installed by Terraform's helm provider: the `argocd`
 * component's chart and values under its Application's release name, created once and then
 * left to that Application (`ignore_changes = all`; see ArgoCdBootstrap), and the root
 * Application as its own small release (argo-helm's argocd-apps chart), which Terraform keeps
 * up to date.
 */
export function argocdHelmRelease(stack: Stack, props: ArgoCdReleaseProps): void {
  const { chart, namespace, rootApplication } = props.argocd;
  const ref = chartReference(chart);
  const argocd = stack.resource(
    'helm_release',
    'argocd',
    {
      name: chart.releaseName,
      repository: ref.repository,
      chart: ref.chart,
      version: chart.version,
      namespace,
      create_namespace: true,
      values: [stringify(chart.values, { lineWidth: 0 })],
      wait: true,
      timeout: 1200,
    },
    { dependsOn: props.after, ignoreChanges: 'all' },
  );
  stack.resource(
    'helm_release',
    'argocd_root',
    {
      // Not the name of any Application, so no tracking label or annotation ever points one at it.
      name: 'wavesmith-root',
      repository: ARGOCD_APPS_CHART.repoURL,
      chart: ARGOCD_APPS_CHART.chart,
      version: ARGOCD_APPS_CHART.version,
      namespace,
      values: [stringify(argocdAppsValues(rootApplication), { lineWidth: 0 })],
    },
    { dependsOn: [argocd] },
  );
}
