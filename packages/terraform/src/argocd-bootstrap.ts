import type { HelmChart, KubeObject } from '@wavesmith/model';

/**
 * What the infrastructure needs to install Argo CD before anything syncs, handed in by the
 * compiler (this package never reads the addons catalogue): the `argocd` platform component's
 * chart, exactly as its wave-0 Application syncs it (repository, version, release name and
 * values, the Application health check in argocd-cm included), and the cluster's root
 * Application (`argocd-apps/<cluster>.yaml`).
 *
 * Who owns what afterwards, on every distribution:
 * - the argo-cd release is installed once, under the release name and namespace of the `argocd`
 *   Application; from its first sync that Application owns every object (Argo CD 3.x tracks
 *   them by annotation and adopts what the install created, since the rendered chart is the
 *   same). The installer never upgrades it again: Terraform ignores later changes to its
 *   helm_release (EKS, AKS), and a node's first-boot script runs once (RKE2, kubeadm). A chart
 *   bump therefore reaches the cluster through Argo CD only, and nothing reverts it.
 * - the root Application is not in any path Argo CD syncs and carries no tracking annotation, so
 *   no Application prunes it. Terraform keeps it as its own Helm release on EKS and AKS (so a
 *   changed targetRevision is applied); on RKE2 and kubeadm it is applied once, and a change is
 *   `kubectl apply -f argocd-apps/<cluster>.yaml`.
 */
export interface ArgoCdBootstrap {
  /** The `argocd` component's chart with its values. */
  readonly chart: HelmChart;
  /** Namespace of the `argocd` Application's destination. */
  readonly namespace: string;
  /** argocd-apps/<cluster>.yaml */
  readonly rootApplication: KubeObject;
}

/** Charts served from an OCI registry have no scheme in their repoURL (as in the addons catalogue). */
export function chartReference(chart: Pick<HelmChart, 'repoURL' | 'chart'>): { readonly chart: string; readonly repository?: string } {
  return chart.repoURL.includes('://') ? { chart: chart.chart, repository: chart.repoURL } : { chart: `oci://${chart.repoURL}/${chart.chart}` };
}
