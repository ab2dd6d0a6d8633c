import { describe, expect, it } from 'vitest';
import { karpenter } from '../src/karpenter.js';
import { render } from './helpers.js';

const renderKarpenter = () =>
  render((stack) => {
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'tbyte-dev' });
    return karpenter(stack, { clusterName: cluster.attr('name'), clusterArn: cluster.arn, nodeRoleName: 'tbyte-dev-karpenter-node', queueName: 'tbyte-dev-karpenter', region: 'us-east-1' });
  });

describe('karpenter', () => {
  it('creates the node role with an EC2_LINUX access entry so that its nodes can join', () => {
    const { resource, problems } = renderKarpenter();
    expect(resource('aws_iam_role').karpenter_node.name).toBe('tbyte-dev-karpenter-node');
    expect(Object.keys(resource('aws_iam_role_policy_attachment'))).toEqual([
      'karpenter_node_AmazonEKSWorkerNodePolicy',
      'karpenter_node_AmazonEKS_CNI_Policy',
      'karpenter_node_AmazonEC2ContainerRegistryReadOnly',
      'karpenter_node_AmazonSSMManagedInstanceCore',
    ]);
    expect(resource('aws_eks_access_entry').karpenter_node).toMatchObject({ principal_arn: '${aws_iam_role.karpenter_node.arn}', type: 'EC2_LINUX' });
    expect(problems).toEqual([]);
  });

  it('feeds the four interruption events into an encrypted queue', () => {
    const { resource } = renderKarpenter();
    expect(resource('aws_sqs_queue').karpenter).toEqual({ name: 'tbyte-dev-karpenter', message_retention_seconds: 300, sqs_managed_sse_enabled: true });
    const patterns = Object.values(resource('aws_cloudwatch_event_rule')).map((r: any) => JSON.parse(r.event_pattern)['detail-type'][0]);
    expect(patterns).toEqual(['AWS Health Event', 'EC2 Spot Instance Interruption Warning', 'EC2 Instance Rebalance Recommendation', 'EC2 Instance State-change Notification']);
    for (const target of Object.values(resource('aws_cloudwatch_event_target'))) expect((target as any).arn).toBe('${aws_sqs_queue.karpenter.arn}');
  });

  it('lets the controller pass only its node role, and only to EC2', () => {
    const { result } = renderKarpenter();
    const pass = result.controllerStatements.find((s) => s.sid === 'PassNodeRole');
    expect(pass?.resources.map((r) => (r as { hcl: string }).hcl)).toEqual(['aws_iam_role.karpenter_node.arn']);
    expect(pass?.conditions).toEqual([{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }]);
  });
});
