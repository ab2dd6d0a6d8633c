import { argocd } from './components/argocd.js';
import { awsLoadBalancerController } from './components/aws-load-balancer-controller.js';
import { certManager } from './components/cert-manager.js';
import { clusterAutoscaler } from './components/cluster-autoscaler.js';
import { ebsCsiDriver } from './components/ebs-csi-driver.js';
import { efsCsiDriver } from './components/efs-csi-driver.js';
import { ingressNginx } from './components/ingress-nginx.js';
import { karpenter } from './components/karpenter.js';
import { keda } from './components/keda.js';
import { kubePrometheusStack } from './components/kube-prometheus-stack.js';
import { loki } from './components/loki.js';
import { mimir } from './components/mimir.js';
import { promtail } from './components/promtail.js';
import { rancher } from './components/rancher.js';
import { secretsStoreCsiDriver } from './components/secrets-store-csi-driver.js';
import { tempo } from './components/tempo.js';
import { vault } from './components/vault.js';

/**
 * The platform catalogue: one line per component. The order is the order in which what the
 * components provide is collected (IAM workloads become Terraform roles in this order), so new
 * components go at the end.
 */
export const CATALOGUE = [
  argocd,
  karpenter,
  awsLoadBalancerController,
  ebsCsiDriver,
  efsCsiDriver,
  clusterAutoscaler,
  loki,
  tempo,
  mimir,
  keda,
  secretsStoreCsiDriver,
  kubePrometheusStack,
  promtail,
  vault,
  certManager,
  ingressNginx,
  rancher,
] as const;

type Catalogue = (typeof CATALOGUE)[number];

/** Each catalogue component's validated entry, by name. */
export type CatalogueEntries = { readonly [C in Catalogue as C['name']]: Parameters<C['planFor']>[0] };

declare module '@wavesmith/model' {
  /** The catalogue's components, so cluster files get typed `platform:` entries. */
  interface PlatformComponents extends CatalogueEntries {}
}
