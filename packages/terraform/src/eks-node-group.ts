import type { NodePoolSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { Declared, Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface EksNodeGroupProps {
  readonly clusterName: Ref<'aws_eks_cluster'>;
  readonly nodeRoleArn: Ref<'aws_iam_role'>;
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  readonly pool: NodePoolSpec;
  /** The node role's policy attachments: nodes cannot join before them. @default none */
  readonly after?: readonly Declared[];
}

const TAINT_EFFECTS = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;

/** Graviton families carry a `g` after the generation digit (m7g, t4g, c7gn). */
const ARM_INSTANCE = /^[a-z]+[0-9]+g[a-z]*\./;

/** EKS AMI type for a pool's image and CPU architecture. */
export function amiType(pool: NodePoolSpec): string {
  const arm = pool.instanceTypes.every((t) => ARM_INSTANCE.test(t));
  if (!arm && pool.instanceTypes.some((t) => ARM_INSTANCE.test(t))) {
    throw new Error(`node pool "${pool.name}": instanceTypes ${pool.instanceTypes.join(', ')} mix ARM and x86 types; one pool runs one AMI`);
  }
  switch (pool.image) {
    case 'bottlerocket':
      return arm ? 'BOTTLEROCKET_ARM_64' : 'BOTTLEROCKET_x86_64';
    case 'al2023':
      return arm ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
    default:
      throw new Error(`node pool "${pool.name}": image "${pool.image}" has no EKS AMI type; use al2023 or bottlerocket`);
  }
}

/** Bottlerocket keeps containers on its second (data) volume; AL2023 on the root volume. */
function dataDevice(pool: NodePoolSpec): string {
  return pool.image === 'bottlerocket' ? '/dev/xvdb' : '/dev/xvda';
}

/**
 * A managed node group with a launch template, which is what lets the node disk be encrypted
 * gp3 and IMDSv2 be required. Desired size is ignored after creation: the cluster autoscaler
 * or Karpenter own it from then on.
 */
export function eksNodeGroup(stack: Stack, props: EksNodeGroupProps): Resource<'aws_eks_node_group'> {
  const { pool } = props;
  const id = tfName(pool.name);
  const template = stack.resource('aws_launch_template', id, {
    name_prefix: `${pool.name}-`,
    update_default_version: true,
    block_device_mappings: [
      { device_name: dataDevice(pool), ebs: { volume_size: pool.diskGiB, volume_type: 'gp3', encrypted: true, delete_on_termination: true } },
    ],
    // Hop limit 2 lets pods reach IMDSv2 through the node's network namespace.
    metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 2 },
  });
  return stack.resource(
    'aws_eks_node_group',
    id,
    {
      cluster_name: props.clusterName,
      node_group_name: pool.name,
      node_role_arn: props.nodeRoleArn,
      subnet_ids: props.subnetIds,
      instance_types: pool.instanceTypes,
      ami_type: amiType(pool),
      capacity_type: pool.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
      scaling_config: { desired_size: pool.desiredSize ?? pool.minSize, min_size: pool.minSize, max_size: pool.maxSize },
      update_config: { max_unavailable: pool.maxUnavailable ?? 1 },
      launch_template: { id: template.id, version: template.attr('latest_version') },
      labels: pool.labels,
      taint: pool.taints?.length ? pool.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] })) : undefined,
    },
    { dependsOn: props.after, ignoreChanges: ['scaling_config[0].desired_size'] },
  );
}
