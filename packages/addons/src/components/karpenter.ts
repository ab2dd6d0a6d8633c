import { EC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { NodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { Type, type Static } from '@sinclair/typebox';
import { DnsLabel, StringEnum, allowed, discoveryTag, karpenterInterruptionQueueName, karpenterNodeRoleName, type ClusterSpec, type KubeObject } from '@wavesmith/model';
import { defineComponent, pinnedChart, plain } from '../component.js';
import { Duration, Replicas } from '../options.js';
import facts from '../facts/karpenter@1.5.1.json' with { type: 'json' };

const NAMESPACE = 'karpenter';
const NODE_CLASS = 'default';
const AMI_FAMILIES = ['al2023', 'bottlerocket'] as const;
/** Karpenter's own spelling of capacity types. */
const CAPACITY_TYPES = ['spot', 'on-demand'] as const;

const KarpenterNodePoolSchema = Type.Object(
  {
    name: DnsLabel,
    instanceFamilies: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*[0-9][a-z0-9-]*$', ...allowed('an EC2 instance family such as m6i or c7g') }), {
      minItems: 1,
      uniqueItems: true,
      default: ['m6i', 'm7i', 'c6i', 'r6i'],
      description: 'EC2 instance families Karpenter may choose from (m6i allows m6i.large, m6i.xlarge, ...).',
    }),
    capacityTypes: Type.Array(StringEnum(CAPACITY_TYPES), { minItems: 1, uniqueItems: true, default: ['spot', 'on-demand'], description: 'Capacity types the pool may launch.' }),
    limits: Type.Object(
      { cpu: Type.Integer({ minimum: 1, maximum: 100000, default: 100 }), memoryGiB: Type.Integer({ minimum: 1, maximum: 1000000, default: 400 }) },
      { additionalProperties: false, default: {}, description: 'Ceiling on the CPUs and memory (GiB) the pool may launch in total.' },
    ),
    consolidateAfter: Duration('1m', 'How long a node may stay empty or underused before Karpenter consolidates it.'),
  },
  { additionalProperties: false },
);
type KarpenterNodePool = Static<typeof KarpenterNodePoolSchema>;

/**
 * Karpenter's controller, then (in a later wave, once its CRDs exist) the EC2NodeClass and
 * NodePools it provisions from (TByte platform, seed 002).
 */
export const karpenter = defineComponent({
  name: 'karpenter',
  description: 'Karpenter node autoscaling, with an EC2NodeClass and NodePools synced once its CRDs exist.',
  tier: 'core',
  namespace: NAMESPACE,
  // Karpenter publishes only to an OCI registry; Argo CD is told so through its repositories.
  chart: pinnedChart('public.ecr.aws/karpenter', facts),
  options: {
    replicas: Replicas(1, 2, 2),
    amiAlias: Type.String({
      pattern: `^(${AMI_FAMILIES.join('|')})@(latest|v[0-9.]+)$`,
      default: 'bottlerocket@latest',
      description: 'AMI alias of the EC2NodeClass; pin a version (al2023@v20250116) to roll AMIs deliberately.',
      ...allowed('an AMI alias such as bottlerocket@latest or al2023@v20250116'),
    }),
    nodePools: Type.Array(KarpenterNodePoolSchema, { minItems: 1, maxItems: 50, default: [{ name: 'default' }], description: 'The NodePools Karpenter provisions from.' }),
  },
  installsCrds: ['karpenter.sh/NodePool', 'karpenter.sh/NodeClaim', 'karpenter.k8s.aws/EC2NodeClass'],
  // The controller acts on EC2 with an IAM role bound to its service account (IRSA), which only EKS provides.
  support: { distributions: ['eks'] },
  rules: (entry, _context, report) => {
    const seen = new Map<string, number>();
    entry.nodePools.forEach((pool, i) => {
      const first = seen.get(pool.name);
      if (first === undefined) seen.set(pool.name, i);
      else report(`/nodePools/${i}/name`, pool.name, `a Karpenter node pool name not already used (/nodePools/${first} is also named "${pool.name}")`);
    });
  },
  provides: () => ({ awsWorkloads: [{ name: 'karpenter', serviceAccounts: [`${NAMESPACE}:karpenter`] }] }),
  plan: (ctx) => {
    const spec = ctx.cluster.spec;
    const controller = ctx.chartPlan({
      values: {
        replicas: ctx.cluster.replicas(ctx.entry.replicas),
        settings: { clusterName: spec.name, interruptionQueue: karpenterInterruptionQueueName(spec) },
        serviceAccount: { annotations: ctx.irsaAnnotations('karpenter') },
      },
    });
    const pools = ctx.manifestPlan({ name: 'karpenter-nodepools', manifests: [nodeClass(spec, ctx.entry.amiAlias), ...ctx.entry.nodePools.map(nodePool)] });
    return [controller, pools];
  },
});

function nodeClass(spec: ClusterSpec, amiAlias: string): KubeObject {
  const tag = discoveryTag(spec);
  return plain(
    new EC2NodeClass({
      metadata: { name: NODE_CLASS },
      spec: {
        role: karpenterNodeRoleName(spec),
        amiSelectorTerms: [{ alias: amiAlias }],
        subnetSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
        securityGroupSelectorTerms: [{ tags: { [tag.key]: tag.value } }],
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      },
    }),
  );
}

function nodePool(pool: KarpenterNodePool): KubeObject {
  return plain(
    new NodePool({
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
    }),
  );
}
