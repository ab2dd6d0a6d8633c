import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import type { Ref } from './expression.js';
import type { SecurityGroupRef } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface EfsFileSystemProps {
  /** Name tag (`eks-shared-storage`). */
  readonly name: string;
  /** One mount target per subnet (the private ones). */
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  /** Security group of the mount targets; the EKS cluster group lets every node mount them. */
  readonly securityGroupId: SecurityGroupRef;
  /** @default generalPurpose */
  readonly performanceMode?: 'generalPurpose' | 'maxIO';
  /** @default bursting */
  readonly throughputMode?: 'bursting' | 'elastic';
}

/** An encrypted EFS file system with a mount target in every given subnet. */
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
  props.subnetIds.forEach((subnetId, i) => {
    stack.resource('aws_efs_mount_target', tfName(props.name, String(i)), { file_system_id: fs.id, subnet_id: subnetId, security_groups: [props.securityGroupId] });
  });
  return fs;
}
