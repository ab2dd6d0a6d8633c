import type { UpstreamPolicy } from './upstream-policy.js';

/**
 * Cluster Autoscaler 1.33.0 (chart 9.47.0): "Full Cluster Autoscaler Features Policy (Recommended)", the one auto-discovery of node groups needs
 * (the same statements at cluster-autoscaler-1.32.0: the README's only change between the tags is elsewhere).
 * Statements as upstream ships them, as data; placeholders (`{cluster}`) are filled per cluster.
 */
export const CLUSTER_AUTOSCALER_POLICY: UpstreamPolicy = {
  source: {
    repository: 'github.com/kubernetes/autoscaler',
    tag: 'cluster-autoscaler-1.33.0',
    file: 'cluster-autoscaler/cloudprovider/aws/README.md',
  },
  name: 'full-cluster-autoscaler-features',
  statements: [
    {
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
        'eks:DescribeNodegroup',
      ],
      Resource: ['*'],
    },
    {
      Effect: 'Allow',
      Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      Resource: ['*'],
    },
  ],
};
