import type { Ref } from './expression.js';
import { iamRole, managedPolicyArn, type PolicyStatement } from './iam.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface KarpenterProps {
  readonly clusterName: Ref<'aws_eks_cluster'>;
  readonly clusterArn: Ref<'aws_eks_cluster'>;
  /** karpenterNodeRoleName */
  readonly nodeRoleName: string;
  /** karpenterInterruptionQueueName */
  readonly queueName: string;
  readonly region: string;
}

export interface Karpenter {
  readonly nodeRole: Resource<'aws_iam_role'>;
  readonly queue: Resource<'aws_sqs_queue'>;
  /** The controller's permissions, to be granted to the `karpenter` workload role. */
  readonly controllerStatements: readonly PolicyStatement[];
}

/** EventBridge events that warn of a node going away; Karpenter drains the node when one arrives on its queue. */
const INTERRUPTION_EVENTS: readonly { readonly id: string; readonly source: string; readonly detailType: string }[] = [
  { id: 'scheduled_change', source: 'aws.health', detailType: 'AWS Health Event' },
  { id: 'spot_interruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { id: 'rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { id: 'instance_state_change', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
];

/**
 * What Karpenter needs outside the cluster: the role its nodes run as (with an access entry so
 * they can join), the interruption queue fed by EventBridge rules, and its controller policy.
 */
export function karpenter(stack: Stack, props: KarpenterProps): Karpenter {
  const node = iamRole(stack, 'karpenter_node', {
    roleName: props.nodeRoleName,
    trustedBy: 'ec2.amazonaws.com',
    managedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMManagedInstanceCore'].map(managedPolicyArn),
  });
  stack.resource('aws_eks_access_entry', 'karpenter_node', { cluster_name: props.clusterName, principal_arn: node.role.arn, type: 'EC2_LINUX' });

  const queue = stack.resource('aws_sqs_queue', 'karpenter', { name: props.queueName, message_retention_seconds: 300, sqs_managed_sse_enabled: true });
  const queuePolicy = stack.data('aws_iam_policy_document', 'karpenter_queue', {
    statement: [
      {
        sid: 'EventBridge',
        effect: 'Allow',
        actions: ['sqs:SendMessage'],
        resources: [queue.arn],
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com', 'sqs.amazonaws.com'] }],
      },
      {
        sid: 'DenyHTTP',
        effect: 'Deny',
        actions: ['sqs:*'],
        resources: [queue.arn],
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ],
  });
  stack.resource('aws_sqs_queue_policy', 'karpenter', { queue_url: queue.attr('url'), policy: queuePolicy.attr('json') });
  for (const event of INTERRUPTION_EVENTS) {
    const rule = stack.resource('aws_cloudwatch_event_rule', tfName('karpenter', event.id), {
      name: `${props.queueName}-${event.id.replace(/_/g, '-')}`,
      event_pattern: JSON.stringify({ source: [event.source], 'detail-type': [event.detailType] }),
    });
    stack.resource('aws_cloudwatch_event_target', tfName('karpenter', event.id), { rule: rule.attr('name'), target_id: 'karpenter', arn: queue.arn });
  }

  const controllerStatements: PolicyStatement[] = [
    {
      sid: 'LaunchNodes',
      actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate', 'ec2:CreateTags'],
      resources: ['*'],
    },
    {
      sid: 'RemoveOwnNodes',
      actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      resources: ['*'],
      conditions: [{ test: 'StringLike', variable: 'aws:ResourceTag/karpenter.sh/nodepool', values: ['*'] }],
    },
    {
      sid: 'Discover',
      actions: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
        'pricing:GetProducts',
      ],
      resources: ['*'],
    },
    { sid: 'ReadAmiParameters', actions: ['ssm:GetParameter'], resources: [`arn:aws:ssm:${props.region}::parameter/aws/service/*`] },
    {
      sid: 'PassNodeRole',
      actions: ['iam:PassRole'],
      resources: [node.role.arn],
      conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
    },
    {
      sid: 'InstanceProfiles',
      actions: [
        'iam:CreateInstanceProfile',
        'iam:TagInstanceProfile',
        'iam:AddRoleToInstanceProfile',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:GetInstanceProfile',
        'iam:ListInstanceProfiles',
      ],
      resources: ['*'],
    },
    { sid: 'Interruptions', actions: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], resources: [queue.arn] },
    { sid: 'DescribeCluster', actions: ['eks:DescribeCluster'], resources: [props.clusterArn] },
  ];
  return { nodeRole: node.role, queue, controllerStatements };
}
