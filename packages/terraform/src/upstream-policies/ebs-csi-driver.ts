import type { UpstreamPolicy } from './upstream-policy.js';

/**
 * AWS EBS CSI driver v1.42.0 (seed 003: add-on v1.42.0-eksbuild.1): the example policy AWS also publishes as the managed AmazonEBSCSIDriverPolicy (docs/install.md).
 * Statements as upstream ships them, as data; placeholders (`{cluster}`) are filled per cluster.
 */
export const EBS_CSI_DRIVER_POLICY: UpstreamPolicy = {
  source: {
    repository: 'github.com/kubernetes-sigs/aws-ebs-csi-driver',
    tag: 'v1.42.0',
    file: 'docs/example-iam-policy.json',
  },
  name: 'example-iam-policy',
  statements: [
    {
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInstances',
        'ec2:DescribeSnapshots',
        'ec2:DescribeTags',
        'ec2:DescribeVolumes',
        'ec2:DescribeVolumesModifications',
      ],
      Resource: '*',
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshot', 'ec2:ModifyVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
    },
    {
      Effect: 'Allow',
      Action: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      Resource: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:instance/*'],
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateVolume', 'ec2:EnableFastSnapshotRestores'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:snapshot/*'],
      Condition: { StringEquals: { 'ec2:CreateAction': ['CreateVolume', 'CreateSnapshot'] } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteTags'],
      Resource: ['arn:aws:ec2:*:*:volume/*', 'arn:aws:ec2:*:*:snapshot/*'],
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { StringLike: { 'aws:RequestTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { StringLike: { 'aws:RequestTag/CSIVolumeName': '*' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { StringLike: { 'ec2:ResourceTag/CSIVolumeName': '*' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { StringLike: { 'ec2:ResourceTag/kubernetes.io/created-for/pvc/name': '*' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshot'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
      Condition: { StringLike: { 'aws:RequestTag/CSIVolumeSnapshotName': '*' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshot'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
      Condition: { StringLike: { 'aws:RequestTag/ebs.csi.aws.com/cluster': 'true' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
      Condition: { StringLike: { 'ec2:ResourceTag/CSIVolumeSnapshotName': '*' } },
    },
    {
      Effect: 'Allow',
      Action: ['ec2:DeleteSnapshot'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
      Condition: { StringLike: { 'ec2:ResourceTag/ebs.csi.aws.com/cluster': 'true' } },
    },
  ],
};
