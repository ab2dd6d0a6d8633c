import { fn, type Ref, type Value } from './expression.js';
import { iamRole, managedPolicyArn } from './iam.js';
import { KARPENTER_CONTROLLER_POLICY } from './upstream-policies/karpenter-controller.js';
import { policyDocument } from './upstream-policies/upstream-policy.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface KarpenterProps {
  readonly clusterName: Ref<'aws_eks_cluster'>;
  /** karpenterNodeRoleName */
  readonly nodeRoleName: string;
  /** karpenterInterruptionQueueName */
  readonly queueName: string;
  readonly region: string;
  readonly accountId: string;
  /** The cluster's name as text: upstream's policy has it in condition keys, which cannot hold references. */
  readonly clusterNameText: string;
  /** Whether Karpenter may launch Spot capacity. @default false */
  readonly spot?: boolean;
}

export interface Karpenter {
  readonly nodeRole: Resource<'aws_iam_role'>;
  readonly queue: Resource<'aws_sqs_queue'>;
  /** The controller's upstream policy, placeholders filled, for the `karpenter` workload role. */
  readonly controllerPolicy: Value;
}

/** EventBridge events that warn of a node going away; Karpenter drains the node when one arrives on its queue. */
const INTERRUPTION_EVENTS: readonly { readonly id: string; readonly source: string; readonly detailType: string }[] = [
  { id: 'scheduled_change', source: 'aws.health', detailType: 'AWS Health Event' },
  { id: 'spot_interruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { id: 'rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { id: 'instance_state_change', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
];

/**
 * What Karpenter needs outside the cluster, as its getting-started CloudFormation template
 * (aws/karpenter-provider-aws v1.5.1) builds it: the role its nodes run as (with an access entry
 * so they can join), the interruption queue fed by EventBridge rules, its controller policy
 * whole, and on an account that never ran Spot the EC2 Spot service-linked role.
 */
export function karpenter(stack: Stack, props: KarpenterProps): Karpenter {
  const node = iamRole(stack, 'karpenter_node', {
    roleName: props.nodeRoleName,
    trustedBy: 'ec2.amazonaws.com',
    // KarpenterNodeRole of the same template.
    managedPolicies: ['AmazonEKS_CNI_Policy', 'AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly', 'AmazonSSMManagedInstanceCore'].map(managedPolicyArn),
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

  const controllerPolicy = policyDocument(KARPENTER_CONTROLLER_POLICY, {
    partition: 'aws',
    region: props.region,
    account: props.accountId,
    cluster: props.clusterNameText,
    queueArn: queue.arn,
    nodeRoleArn: node.role.arn,
  });
  if (props.spot) spotServiceLinkedRole(stack);
  return { nodeRole: node.role, queue, controllerPolicy };
}

/**
 * EC2 creates AWSServiceRoleForEC2Spot the first time an account requests Spot, but only for a
 * caller allowed iam:CreateServiceLinkedRole, which Karpenter's policy is not: its launches fail
 * with AuthFailure.ServiceLinkedRoleCreationNotPermitted (karpenter-provider-aws v1.5.1
 * troubleshooting.md "Missing Service Linked Role"; upstream runs
 * `aws iam create-service-linked-role --aws-service-name spot.amazonaws.com`). The role is one per
 * account, so a second cluster in the account, or an account that already ran Spot, sets
 * create_spot_service_linked_role = false (or imports the role).
 */
function spotServiceLinkedRole(stack: Stack): void {
  const create = stack.variable('create_spot_service_linked_role', {
    type: 'bool',
    description: 'Create the account-wide EC2 Spot service-linked role (false when the account already has AWSServiceRoleForEC2Spot)',
    default: true,
  });
  stack.resource('aws_iam_service_linked_role', 'spot', { count: fn.conditional(create.ref, 1, 0), aws_service_name: 'spot.amazonaws.com' });
}
