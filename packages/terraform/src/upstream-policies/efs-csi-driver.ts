import type { UpstreamPolicy } from './upstream-policy.js';

/**
 * AWS EFS CSI driver v2.1.7 (chart 3.1.8): the policy its docs give for IRSA (docs/README.md "Set up driver permission").
 * Statements as upstream ships them, as data; placeholders (`{cluster}`) are filled per cluster.
 */
export const EFS_CSI_DRIVER_POLICY: UpstreamPolicy = {
  source: {
    repository: 'github.com/kubernetes-sigs/aws-efs-csi-driver',
    tag: 'v2.1.7',
    file: 'docs/iam-policy-example.json',
  },
  name: 'iam-policy-example',
  statements: [
    {
      Effect: 'Allow',
      Action: [
        'elasticfilesystem:DescribeAccessPoints',
        'elasticfilesystem:DescribeFileSystems',
        'elasticfilesystem:DescribeMountTargets',
        'ec2:DescribeAvailabilityZones',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: ['elasticfilesystem:CreateAccessPoint'],
      Resource: '*',
      Condition: { StringLike: { 'aws:RequestTag/efs.csi.aws.com/cluster': 'true' } },
    },
    {
      Effect: 'Allow',
      Action: ['elasticfilesystem:TagResource'],
      Resource: '*',
      Condition: { StringLike: { 'aws:ResourceTag/efs.csi.aws.com/cluster': 'true' } },
    },
    {
      Effect: 'Allow',
      Action: 'elasticfilesystem:DeleteAccessPoint',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/efs.csi.aws.com/cluster': 'true' } },
    },
  ],
};
