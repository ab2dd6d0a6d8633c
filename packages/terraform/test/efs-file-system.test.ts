import { describe, expect, it } from 'vitest';
import { efsFileSystem } from '../src/efs-file-system.js';
import { network, render } from './helpers.js';

describe('efsFileSystem', () => {
  it('renders seed 003: general purpose, bursting, encrypted, a mount target per private subnet on the cluster security group', () => {
    const { resource, problems } = render((stack) => {
      const net = network(stack);
      const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'c' });
      return efsFileSystem(stack, {
        name: 'eks-shared-storage',
        subnetIds: net.privateSubnets.map((s) => s.subnet.id),
        securityGroupId: cluster.attr('vpc_config[0].cluster_security_group_id'),
      });
    });
    expect(resource('aws_efs_file_system').eks_shared_storage).toEqual({
      creation_token: 'eks-shared-storage',
      performance_mode: 'generalPurpose',
      throughput_mode: 'bursting',
      encrypted: true,
      tags: { Name: 'eks-shared-storage' },
    });
    const targets = Object.values(resource('aws_efs_mount_target')) as any[];
    expect(targets.map((t) => t.subnet_id)).toEqual(['${aws_subnet.private_subnet_1a.id}', '${aws_subnet.private_subnet_1b.id}', '${aws_subnet.private_subnet_1c.id}']);
    expect(targets[0].security_groups).toEqual(['${aws_eks_cluster.main.vpc_config[0].cluster_security_group_id}']);
    expect(problems).toEqual([]);
  });
});
