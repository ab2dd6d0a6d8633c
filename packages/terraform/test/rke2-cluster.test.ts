import { describe, expect, it } from 'vitest';
import type { NodePoolSpec } from '@wavesmith/model';
import { rke2Cluster } from '../src/rke2-cluster.js';
import { ingressLines, network, render, SEED_001_SUBNETS } from './helpers.js';

const pool = (name: string, count: number, role?: 'control-plane'): NodePoolSpec => ({
  name,
  role,
  instanceTypes: ['t3.large'],
  image: 'ubuntu-22.04',
  minSize: count,
  maxSize: count,
  diskGiB: 50,
});

const renderRke2 = () =>
  render((stack) => {
    const net = network(stack, '10.0.0.0/16', SEED_001_SUBNETS);
    const key = stack.resource('aws_key_pair', 'admin', { key_name: 'vet-admin', public_key: 'ssh-ed25519 AAAA' });
    return rke2Cluster(stack, {
      name: 'vet',
      region: 'us-east-1',
      network: net,
      adminCidrs: ['203.0.113.0/24'],
      keyName: key.attr('key_name'),
      servers: pool('server', 3, 'control-plane'),
      agents: [pool('agent', 3)],
      version: 'v1.27.16+rke2r2',
      cni: 'calico',
    });
  });

describe('rke2Cluster', () => {
  it('opens 6443, 9345 and 22 to the admin range only, and everything between nodes', () => {
    const { resource, problems } = renderRke2();
    expect(ingressLines(resource, 'rke2_nodes')).toEqual([
      '-1 all from ${aws_security_group.rke2_nodes.id}',
      'tcp 6443 from 203.0.113.0/24',
      'tcp 9345 from 203.0.113.0/24',
      'tcp 22 from 203.0.113.0/24',
    ]);
    expect(problems).toEqual([]);
  });

  it('runs seed 001 prod: 3 servers and 3 agents on Ubuntu 22.04 with encrypted 50 GB gp3 roots, spread over the private subnets', () => {
    const { resource, data } = renderRke2();
    const instances = resource('aws_instance');
    expect(Object.keys(instances)).toEqual(['server_1', 'server_2', 'server_3', 'agent_1', 'agent_2', 'agent_3']);
    expect(instances.server_2).toMatchObject({
      ami: '${data.aws_ami.ubuntu_22_04.id}',
      instance_type: 't3.large',
      subnet_id: '${aws_subnet.private_b.id}',
      associate_public_ip_address: false,
      root_block_device: { volume_size: 50, volume_type: 'gp3', encrypted: true },
      metadata_options: { http_tokens: 'required' },
      tags: { Name: 'vet-server-2', Role: 'server' },
      iam_instance_profile: '${aws_iam_instance_profile.rke2_server.name}',
      lifecycle: { ignore_changes: ['ami', 'user_data'] },
    });
    expect(data('aws_ami').ubuntu_22_04.filter[0].values).toEqual(['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*']);
  });
});
