import type { AddonName, ClusterSpec, ComponentPlan } from '@wavesmith/model';
import { argocd } from './argocd.js';
import { awsLoadBalancerController, clusterAutoscaler, ebsCsiDriver, efsCsiDriver } from './aws.js';
import { certManager, ingressNginx, rancher } from './ingress.js';
import { karpenter } from './karpenter.js';
import { keda } from './keda.js';
import { kubePrometheusStack, loki, mimir, promtail, tempo } from './observability.js';
import { AddonContext } from './plan.js';
import { secretsStore } from './secrets-store.js';
import { vault } from './vault.js';

type Addon = (ctx: AddonContext) => ComponentPlan | ComponentPlan[];

/** The plans of each catalogue entry but Argo CD, which is built last from the others. */
const CATALOGUE: { readonly [N in Exclude<AddonName, 'argocd'>]: Addon } = {
  karpenter,
  keda,
  'secrets-store-csi-driver': secretsStore,
  'kube-prometheus-stack': kubePrometheusStack,
  loki,
  promtail,
  tempo,
  mimir,
  vault,
  'cert-manager': certManager,
  'ingress-nginx': ingressNginx,
  'aws-load-balancer-controller': awsLoadBalancerController,
  'cluster-autoscaler': clusterAutoscaler,
  'ebs-csi-driver': ebsCsiDriver,
  'efs-csi-driver': efsCsiDriver,
  rancher,
};

/**
 * The Argo CD components of a validated cluster's `platform:` list, sorted by name. A component
 * may become several plans (a controller, then objects using its CRDs in a later wave).
 */
export function platformComponents(spec: ClusterSpec): ComponentPlan[] {
  const ctx = new AddonContext(spec);
  const plans = spec.platform.flatMap((entry) => (entry.name === 'argocd' ? [] : [CATALOGUE[entry.name](ctx)].flat()));
  if (ctx.has('argocd')) plans.push(argocd(ctx, plans));
  return plans.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
