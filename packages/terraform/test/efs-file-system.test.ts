import { describe, expect, it } from 'vitest';
import { efsFileSystem } from '../src/efs-file-system.js';
import { ingressLines, network, render } from './helpers.js';

const renderEfs = () =>
  render((stack) => {
    const net = network(stack);
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'c' });
    return efsFileSystem(stack, {
      name: 'eks-shared-storage',
      clusterName: 'production-cluster',
      vpcId: net.vpc.id,
      subnetIds: net.privateSubnets.map((s) => s.subnet.id),
      clientSecurityGroupId: cluster.attr('vpc_config[0].cluster_security_group_id'),
    });
  });

describe('efsFileSystem', () => {
  it('renders seed 003: general purpose, bursting, encrypted, a mount target per private subnet', () => {
    const { resource, problems } = renderEfs();
    expect(resource('aws_efs_file_system').eks_shared_storage).toEqual({
      creation_token: 'eks-shared-storage',
      performance_mode: 'generalPurpose',
      throughput_mode: 'bursting',
      encrypted: true,
      tags: { Name: 'eks-shared-storage' },
    });
    const targets = Object.values(resource('aws_efs_mount_target')) as any[];
    expect(targets.map((t) => t.subnet_id)).toEqual(['${aws_subnet.private_subnet_1a.id}', '${aws_subnet.private_subnet_1b.id}', '${aws_subnet.private_subnet_1c.id}']);
    expect(problems).toEqual([]);
  });

  it('puts the mount targets in a group of their own that admits NFS (2049) from the nodes and nothing else', () => {
    const { resource } = renderEfs();
    for (const target of Object.values(resource('aws_efs_mount_target')) as any[]) expect(target.security_groups).toEqual(['${aws_security_group.efs_eks_shared_storage.id}']);
    expect(resource('aws_security_group').efs_eks_shared_storage).toMatchObject({ name: 'production-cluster-eks-shared-storage-efs', vpc_id: '${aws_vpc.main.id}' });
    expect(ingressLines(resource, 'efs_eks_shared_storage')).toEqual(['tcp 2049 from ${aws_eks_cluster.main.vpc_config[0].cluster_security_group_id}']);
    expect(Object.values(resource('aws_vpc_security_group_egress_rule')).filter((r: any) => r.security_group_id.includes('efs_'))).toEqual([]);
  });
});
