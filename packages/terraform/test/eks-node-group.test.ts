import type { NodePoolSpec } from '@wavesmith/model';
import { describe, expect, it } from 'vitest';
import { amiType, eksNodeGroup } from '../src/eks-node-group.js';
import { network, render } from './helpers.js';

const WORKER_NODES: NodePoolSpec = {
  name: 'worker-nodes',
  instanceTypes: ['t3.xlarge', 'm6i.large'],
  image: 'bottlerocket',
  capacityType: 'on-demand',
  minSize: 3,
  desiredSize: 3,
  maxSize: 6,
  diskGiB: 200,
  maxUnavailable: 1,
  labels: { environment: 'production', workload: 'application' },
};

function renderPool(pool: NodePoolSpec) {
  return render((stack) => {
    const net = network(stack);
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'c' });
    const role = stack.resource('aws_iam_role', 'node', { name: 'node' });
    return eksNodeGroup(stack, { clusterName: cluster.attr('name'), nodeRoleArn: role.arn, subnetIds: net.privateSubnets.map((s) => s.subnet.id), pool, after: [role] });
  });
}

describe('eksNodeGroup', () => {
  it('renders seed 003 worker-nodes: Bottlerocket, on-demand, 3/3/6, one unavailable, labels, desired size left to the autoscaler', () => {
    const { resource, problems } = renderPool(WORKER_NODES);
    expect(resource('aws_eks_node_group').worker_nodes).toMatchObject({
      node_group_name: 'worker-nodes',
      instance_types: ['t3.xlarge', 'm6i.large'],
      ami_type: 'BOTTLEROCKET_x86_64',
      capacity_type: 'ON_DEMAND',
      scaling_config: { desired_size: 3, min_size: 3, max_size: 6 },
      update_config: { max_unavailable: 1 },
      labels: { environment: 'production', workload: 'application' },
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
      depends_on: ['aws_iam_role.node'],
    });
    expect(problems).toEqual([]);
  });

  it('puts the 200 GB disk on Bottlerocket\'s data volume, encrypted gp3, with IMDSv2 required', () => {
    const { resource } = renderPool(WORKER_NODES);
    expect(resource('aws_launch_template').worker_nodes).toMatchObject({
      block_device_mappings: [{ device_name: '/dev/xvdb', ebs: { volume_size: 200, volume_type: 'gp3', encrypted: true } }],
      metadata_options: { http_tokens: 'required' },
    });
  });

  it('maps spot capacity and taints to the EKS API values', () => {
    const { resource } = renderPool({ ...WORKER_NODES, image: 'al2023', capacityType: 'spot', taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] });
    expect(resource('aws_eks_node_group').worker_nodes).toMatchObject({
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'SPOT',
      taint: [{ key: 'dedicated', value: 'batch', effect: 'NO_SCHEDULE' }],
    });
    expect(resource('aws_launch_template').worker_nodes.block_device_mappings[0].device_name).toBe('/dev/xvda');
  });

  it('picks ARM AMI types for Graviton pools and rejects mixed architectures', () => {
    expect(amiType({ ...WORKER_NODES, instanceTypes: ['m7g.large', 't4g.medium'] })).toBe('BOTTLEROCKET_ARM_64');
    expect(() => amiType({ ...WORKER_NODES, instanceTypes: ['m7g.large', 'm6i.large'] })).toThrow('mix ARM and x86 types');
    expect(() => amiType({ ...WORKER_NODES, image: 'ubuntu-22.04' })).toThrow('image "ubuntu-22.04" has no EKS AMI type');
  });
});
