import { describe, expect, it } from 'vitest';
import { fn } from '../src/expression.js';
import { karpenter } from '../src/karpenter.js';
import { KARPENTER_CONTROLLER_POLICY } from '../src/upstream-policies/karpenter-controller.js';
import { render } from './helpers.js';

const renderKarpenter = (spot = true) =>
  render((stack) => {
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'tbyte-dev' });
    return karpenter(stack, {
      clusterName: cluster.attr('name'),
      clusterNameText: 'tbyte-dev',
      accountId: '111122223333',
      nodeRoleName: 'tbyte-dev-karpenter-node',
      queueName: 'tbyte-dev-karpenter',
      region: 'us-east-1',
      spot,
    });
  });

/** The controller policy as the JSON IAM receives once Terraform has filled in the two ARNs. */
function controllerPolicy(result: ReturnType<typeof renderKarpenter>['result']): any {
  const { resource } = render((s) => {
    s.resource('aws_iam_policy', 'p', { policy: fn.jsonencode(result.controllerPolicy) });
  });
  return resource('aws_iam_policy').p.policy;
}

describe('karpenter', () => {
  it("creates the node role of upstream's template with an EC2_LINUX access entry so that its nodes can join", () => {
    const { resource, problems } = renderKarpenter();
    expect(resource('aws_iam_role').karpenter_node.name).toBe('tbyte-dev-karpenter-node');
    expect(Object.keys(resource('aws_iam_role_policy_attachment'))).toEqual([
      'karpenter_node_AmazonEKS_CNI_Policy',
      'karpenter_node_AmazonEKSWorkerNodePolicy',
      'karpenter_node_AmazonEC2ContainerRegistryPullOnly',
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

  it("grants the controller upstream's 16 statements whole, with the cluster, region, account, queue and node role filled in", () => {
    const policy: string = controllerPolicy(renderKarpenter().result);
    expect(KARPENTER_CONTROLLER_POLICY.statements).toHaveLength(16);
    for (const s of KARPENTER_CONTROLLER_POLICY.statements) expect(policy).toContain(`"Sid" = "${s.Sid}"`);
    expect(policy).not.toMatch(/\{(cluster|region|account|partition|queueArn|nodeRoleArn)\}/);
    expect(policy).toContain('"aws:RequestTag/kubernetes.io/cluster/tbyte-dev" = "owned"');
    expect(policy).toContain('"Resource" = aws_iam_role.karpenter_node.arn');
    expect(policy).toContain('"Resource" = aws_sqs_queue.karpenter.arn');
    expect(policy).toContain('arn:aws:ec2:us-east-1::image/*');
  });

  it("creates the account's EC2 Spot service-linked role when Karpenter may launch Spot, switchable for accounts that have it", () => {
    const { resource, doc } = renderKarpenter(true);
    expect(resource('aws_iam_service_linked_role').spot).toEqual({ count: '${var.create_spot_service_linked_role ? 1 : 0}', aws_service_name: 'spot.amazonaws.com' });
    expect(doc.variable.create_spot_service_linked_role).toMatchObject({ type: 'bool', default: true });
    expect(renderKarpenter(false).resource('aws_iam_service_linked_role')).toEqual({});
  });
});
