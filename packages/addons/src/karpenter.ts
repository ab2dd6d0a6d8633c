import type { ComponentPlan } from '@wavesmith/model';
import { discoveryTag, karpenterInterruptionQueueName, karpenterNodeRoleName, type AddonOptions, type KubeObject } from '@wavesmith/model';
import { CHARTS } from './charts.js';
import { chartPlan, manifestPlan, type AddonContext } from './plan.js';

const NAMESPACE = 'karpenter';
const NODE_CLASS = 'default';

/**
 * Karpenter's controller, then (in a later wave, once its CRDs exist) the EC2NodeClass and
 * NodePools it provisions from.
 */
export function karpenter(ctx: AddonContext): ComponentPlan[] {
  const options = ctx.options('karpenter');
  const controller = chartPlan({
    name: 'karpenter',
    tier: 'core',
    namespace: NAMESPACE,
    chart: CHARTS.karpenter,
    values: {
      replicas: ctx.replicas(options),
      settings: { clusterName: ctx.spec.name, interruptionQueue: karpenterInterruptionQueueName(ctx.spec) },
      serviceAccount: { annotations: ctx.irsaAnnotations('karpenter') },
    },
    overrides: options.values,
    installsCrds: ['karpenter.sh/NodePool', 'karpenter.sh/NodeClaim', 'karpenter.k8s.aws/EC2NodeClass'],
  });
  const pools = manifestPlan({
    name: 'karpenter-nodepools',
    tier: 'core',
    namespace: NAMESPACE,
    manifests: [nodeClass(ctx, options.amiAlias), ...options.nodePools.map(nodePool)],
  });
  return [controller, pools];
}

function nodeClass(ctx: AddonContext, amiAlias: string): KubeObject {
  const tag = discoveryTag(ctx.spec);
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: NODE_CLASS },
    spec: {
      role: karpenterNodeRoleName(ctx.spec),
      amiSelectorTerms: [{ alias: amiAlias }],
      subnetSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
      securityGroupSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
    },
  };
}

function nodePool(pool: AddonOptions<'karpenter'>['nodePools'][number]): KubeObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: pool.name },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: NODE_CLASS },
          requirements: [
            { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: [...pool.instanceFamilies] },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...pool.capacityTypes] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
          ],
        },
      },
      limits: { cpu: String(pool.limits.cpu), memory: `${pool.limits.memoryGiB}Gi` },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: pool.consolidateAfter },
    },
  };
}
