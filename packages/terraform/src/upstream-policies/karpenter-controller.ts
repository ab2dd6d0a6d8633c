import type { UpstreamPolicy } from './upstream-policy.js';

/**
 * Karpenter v1.5.1 (chart 1.5.1): KarpenterControllerPolicy-{cluster} of the getting-started CloudFormation template, placeholders for its !Sub variables.
 * Statements as upstream ships them, as data; placeholders (`{cluster}`) are filled per cluster.
 */
export const KARPENTER_CONTROLLER_POLICY: UpstreamPolicy = {
  source: {
    repository: 'github.com/aws/karpenter-provider-aws',
    tag: 'v1.5.1',
    file: 'website/content/en/preview/getting-started/getting-started-with-karpenter/cloudformation.yaml',
  },
  name: 'KarpenterControllerPolicy-{cluster}',
  statements: [
    {
      Sid: 'AllowScopedEC2InstanceAccessActions',
      Effect: 'Allow',
      Resource: [
        'arn:{partition}:ec2:{region}::image/*',
        'arn:{partition}:ec2:{region}::snapshot/*',
        'arn:{partition}:ec2:{region}:*:security-group/*',
        'arn:{partition}:ec2:{region}:*:subnet/*',
        'arn:{partition}:ec2:{region}:*:capacity-reservation/*',
      ],
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
    },
    {
      Sid: 'AllowScopedEC2LaunchTemplateAccessActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:ec2:{region}:*:launch-template/*',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
      Condition: {
        StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/{cluster}': 'owned' },
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedEC2InstanceActionsWithTags',
      Effect: 'Allow',
      Resource: [
        'arn:{partition}:ec2:{region}:*:fleet/*',
        'arn:{partition}:ec2:{region}:*:instance/*',
        'arn:{partition}:ec2:{region}:*:volume/*',
        'arn:{partition}:ec2:{region}:*:network-interface/*',
        'arn:{partition}:ec2:{region}:*:launch-template/*',
        'arn:{partition}:ec2:{region}:*:spot-instances-request/*',
        'arn:{partition}:ec2:{region}:*:capacity-reservation/*',
      ],
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:RequestTag/eks:eks-cluster-name': '{cluster}',
        },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceCreationTagging',
      Effect: 'Allow',
      Resource: [
        'arn:{partition}:ec2:{region}:*:fleet/*',
        'arn:{partition}:ec2:{region}:*:instance/*',
        'arn:{partition}:ec2:{region}:*:volume/*',
        'arn:{partition}:ec2:{region}:*:network-interface/*',
        'arn:{partition}:ec2:{region}:*:launch-template/*',
        'arn:{partition}:ec2:{region}:*:spot-instances-request/*',
      ],
      Action: 'ec2:CreateTags',
      Condition: {
        StringEquals: {
          'aws:RequestTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:RequestTag/eks:eks-cluster-name': '{cluster}',
          'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
        },
        StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowScopedResourceTagging',
      Effect: 'Allow',
      Resource: 'arn:{partition}:ec2:{region}:*:instance/*',
      Action: 'ec2:CreateTags',
      Condition: {
        StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/{cluster}': 'owned' },
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
        StringEqualsIfExists: { 'aws:RequestTag/eks:eks-cluster-name': '{cluster}' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
      },
    },
    {
      Sid: 'AllowScopedDeletion',
      Effect: 'Allow',
      Resource: ['arn:{partition}:ec2:{region}:*:instance/*', 'arn:{partition}:ec2:{region}:*:launch-template/*'],
      Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Condition: {
        StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/{cluster}': 'owned' },
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
      },
    },
    {
      Sid: 'AllowRegionalReadActions',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'ec2:DescribeCapacityReservations',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      Condition: { StringEquals: { 'aws:RequestedRegion': '{region}' } },
    },
    {
      Sid: 'AllowSSMReadActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:ssm:{region}::parameter/aws/service/*',
      Action: 'ssm:GetParameter',
    },
    { Sid: 'AllowPricingReadActions', Effect: 'Allow', Resource: '*', Action: 'pricing:GetProducts' },
    {
      Sid: 'AllowInterruptionQueueActions',
      Effect: 'Allow',
      Resource: '{queueArn}',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
    },
    {
      Sid: 'AllowPassingInstanceRole',
      Effect: 'Allow',
      Resource: '{nodeRoleArn}',
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    },
    {
      Sid: 'AllowScopedInstanceProfileCreationActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:iam::{account}:instance-profile/*',
      Action: ['iam:CreateInstanceProfile'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:RequestTag/eks:eks-cluster-name': '{cluster}',
          'aws:RequestTag/topology.kubernetes.io/region': '{region}',
        },
        StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileTagActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:iam::{account}:instance-profile/*',
      Action: ['iam:TagInstanceProfile'],
      Condition: {
        StringEquals: {
          'aws:ResourceTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:ResourceTag/topology.kubernetes.io/region': '{region}',
          'aws:RequestTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:RequestTag/eks:eks-cluster-name': '{cluster}',
          'aws:RequestTag/topology.kubernetes.io/region': '{region}',
        },
        StringLike: {
          'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*',
          'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*',
        },
      },
    },
    {
      Sid: 'AllowScopedInstanceProfileActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:iam::{account}:instance-profile/*',
      Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
      Condition: {
        StringEquals: {
          'aws:ResourceTag/kubernetes.io/cluster/{cluster}': 'owned',
          'aws:ResourceTag/topology.kubernetes.io/region': '{region}',
        },
        StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
      },
    },
    {
      Sid: 'AllowInstanceProfileReadActions',
      Effect: 'Allow',
      Resource: 'arn:{partition}:iam::{account}:instance-profile/*',
      Action: 'iam:GetInstanceProfile',
    },
    {
      Sid: 'AllowAPIServerEndpointDiscovery',
      Effect: 'Allow',
      Resource: 'arn:{partition}:eks:{region}:{account}:cluster/{cluster}',
      Action: 'eks:DescribeCluster',
    },
  ],
};
