import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { SecurityGroup, type SecurityGroupRef } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

/** NFS, the only port a mount target serves (aws-efs-csi-driver v2.1.7 docs/efs-create-filesystem.md). */
const NFS_PORT = 2049;

export interface EfsFileSystemProps {
  /** Name tag (`eks-shared-storage`). */
  readonly name: string;
  readonly clusterName: string;
  readonly vpcId: Ref<'aws_vpc'>;
  /** One mount target per subnet (the private ones). */
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  /** Security group of the clients (the cluster's nodes; on EKS the cluster security group). */
  readonly clientSecurityGroupId: SecurityGroupRef;
  /** @default generalPurpose */
  readonly performanceMode?: 'generalPurpose' | 'maxIO';
  /** @default bursting */
  readonly throughputMode?: 'bursting' | 'elastic';
}

/**
 * An encrypted EFS file system with a mount target in every given subnet, in a security group
 * of its own that admits NFS from the cluster's nodes and nothing else. Seed 003 has the mount
 * targets use the EKS cluster security group, which admits its members on every port through
 * its self rule (EKS user guide, sec-group-reqs); naming the nodes' group as the source keeps
 * that access without leaning on a self rule, which kubeadm's worker group does not have.
 */
export function efsFileSystem(stack: Stack, props: EfsFileSystemProps): Resource<'aws_efs_file_system'> {
  const p = withDefaults(CLOUD_DEFAULTS.fileSystem, props);
  const id = tfName(props.name);
  const fs = stack.resource('aws_efs_file_system', id, {
    creation_token: props.name,
    performance_mode: p.performanceMode,
    throughput_mode: p.throughputMode,
    encrypted: true,
    tags: { Name: props.name },
  });
  const group = new SecurityGroup(stack, tfName('efs', props.name), {
    name: `${props.clusterName}-${props.name}-efs`,
    description: `${props.clusterName} ${props.name} EFS mount targets`,
    vpcId: props.vpcId,
    ingress: [{ name: 'nfs', description: 'NFS from the cluster nodes', fromPort: NFS_PORT, source: { securityGroup: props.clientSecurityGroupId } }],
    egressAnywhere: false,
  });
  props.subnetIds.forEach((subnetId, i) => {
    stack.resource('aws_efs_mount_target', tfName(props.name, String(i)), { file_system_id: fs.id, subnet_id: subnetId, security_groups: [group.id] });
  });
  return fs;
}
