/** A Helm chart at one exact version, as published by its maintainers. */
export interface ChartRef {
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
}

/**
 * Every chart the catalogue installs, pinned. Karpenter publishes only to an OCI registry:
 * its repoURL has no scheme, and Argo CD is told it is OCI through `configs.repositories`.
 */
export const CHARTS = {
  argocd: { repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '8.5.0' },
  karpenter: { repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: '1.5.1' },
  keda: { repoURL: 'https://kedacore.github.io/charts', chart: 'keda', version: '2.16.1' },
  secretsStoreCsiDriver: {
    repoURL: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts',
    chart: 'secrets-store-csi-driver',
    version: '1.4.7',
  },
  secretsStoreProviderAws: {
    repoURL: 'https://aws.github.io/secrets-store-csi-driver-provider-aws',
    chart: 'secrets-store-csi-driver-provider-aws',
    version: '0.3.11',
  },
  kubePrometheusStack: { repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '72.6.2' },
  loki: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'loki', version: '6.23.0' },
  promtail: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'promtail', version: '6.16.6' },
  tempo: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'tempo', version: '1.10.1' },
  mimir: { repoURL: 'https://grafana.github.io/helm-charts', chart: 'mimir-distributed', version: '5.4.1' },
  // The Vault chart also ships the Vault CSI provider (csi.enabled).
  vault: { repoURL: 'https://helm.releases.hashicorp.com', chart: 'vault', version: '0.29.1' },
  certManager: { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.13.3' },
  ingressNginx: { repoURL: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.9.0' },
  awsLoadBalancerController: { repoURL: 'https://aws.github.io/eks-charts', chart: 'aws-load-balancer-controller', version: '1.12.0' },
  clusterAutoscaler: { repoURL: 'https://kubernetes.github.io/autoscaler', chart: 'cluster-autoscaler', version: '9.45.0' },
  efsCsiDriver: { repoURL: 'https://kubernetes-sigs.github.io/aws-efs-csi-driver', chart: 'aws-efs-csi-driver', version: '3.1.8' },
  rancher: { repoURL: 'https://releases.rancher.com/server-charts/latest', chart: 'rancher', version: '2.7.9' },
} as const satisfies Readonly<Record<string, ChartRef>>;

/** Charts served from an OCI registry rather than an index.yaml repository. */
export function isOciChart(chart: Pick<ChartRef, 'repoURL'>): boolean {
  return !chart.repoURL.includes('://');
}
