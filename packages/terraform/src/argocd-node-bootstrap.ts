import { stringify } from 'yaml';
import type { ArgoCdBootstrap } from './argocd-bootstrap.js';
import type { BootStep } from './cloud-config.js';
import { helmInstall } from './helm-cli.js';

/** The cluster's admin kubeconfig and kubectl on a control plane node. */
export interface NodeKubeAccess {
  readonly kubeconfig: string;
  readonly kubectl: string;
}

const VALUES = '/etc/wavesmith/argocd-values.yaml';
const ROOT = '/etc/wavesmith/root-application.yaml';

/**
 * Argo CD installed from the first control plane node once the API answers: the `argocd`
 * component's chart and values (its Application health check included) under the Application's
 * release name, then the root Application. It runs once, with the node's first boot (see
 * ArgoCdBootstrap for who owns what afterwards); helm waits up to 30 minutes for schedulable
 * nodes, as workers join while it runs.
 */
export function argocdNodeBootstrap(argocd: ArgoCdBootstrap, access: NodeKubeAccess): BootStep {
  return {
    name: 'argocd',
    files: [
      { path: VALUES, content: stringify(argocd.chart.values, { lineWidth: 0 }) },
      { path: ROOT, content: stringify(argocd.rootApplication, { lineWidth: 0 }) },
    ],
    commands: [
      helmInstall({ chart: argocd.chart, namespace: argocd.namespace, valuesFile: VALUES, kubeconfig: access.kubeconfig, timeout: '30m' }),
      [access.kubectl, 'apply', '--kubeconfig', access.kubeconfig, '-f', ROOT],
    ],
  };
}
