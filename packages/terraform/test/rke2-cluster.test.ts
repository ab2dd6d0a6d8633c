import { describe, expect, it } from 'vitest';
import type { NodePoolSpec } from '@wavesmith/model';
import { NodeWorkloadGrants } from '../src/node-workload-grants.js';
import { rke2Cluster, rke2NodeGroup } from '../src/rke2-cluster.js';
import type { Stack } from '../src/stack.js';
import { WorkloadAccess } from '../src/workload-roles.js';
import { ebsAndBucketGrants, hopLimits, ingressLines, network, render, SEED_001_SUBNETS } from './helpers.js';

const pool = (name: string, count: number, role?: 'control-plane'): NodePoolSpec => ({
  name,
  role,
  instanceTypes: ['t3.large'],
  image: 'ubuntu-22.04',
  minSize: count,
  maxSize: count,
  diskGiB: 50,
});

const renderRke2 = (options: { workloads?: (stack: Stack) => NodeWorkloadGrants; servers?: NodePoolSpec } = {}) =>
  render((stack) => {
    const net = network(stack, '10.0.0.0/16', SEED_001_SUBNETS);
    const key = stack.resource('aws_key_pair', 'admin', { key_name: 'vet-admin', public_key: 'ssh-ed25519 AAAA' });
    return rke2Cluster(stack, {
      name: 'vet',
      region: 'us-east-1',
      network: net,
      nodes: rke2NodeGroup(stack, { name: 'vet', vpcId: net.vpc.id, adminCidrs: ['203.0.113.0/24'] }),
      keyName: key.attr('key_name'),
      servers: options.servers ?? pool('server', 3, 'control-plane'),
      agents: [pool('agent', 3)],
      version: 'v1.27.16+rke2r2',
      cni: 'calico',
      workloads: options.workloads?.(stack),
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
      metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
      tags: { Name: 'vet-server-2', Role: 'server' },
      iam_instance_profile: '${aws_iam_instance_profile.rke2_server.name}',
      lifecycle: { ignore_changes: ['ami', 'user_data'] },
    });
    expect(data('aws_ami').ubuntu_22_04.filter[0].values).toEqual(['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*']);
  });

  it('keeps IMDSv2 tokens on the nodes themselves (hop limit 1) when no workload is granted anything', () => {
    const { resource } = renderRke2({ workloads: (stack) => new NodeWorkloadGrants(stack, { clusterName: 'vet', access: new WorkloadAccess(['loki']) }) });
    expect(new Set(Object.values(hopLimits(resource)))).toEqual(new Set([1]));
    expect(resource('aws_iam_policy')).toEqual({});
  });

  it("gives servers' and agents' roles the workloads' grants and lets their pods reach them through IMDSv2 (hop limit 2)", () => {
    const { resource, data, problems } = renderRke2({ workloads: (stack) => ebsAndBucketGrants(stack, { bucket: true }) });
    expect(hopLimits(resource)).toEqual({ server_1: 2, server_2: 2, server_3: 2, agent_1: 2, agent_2: 2, agent_3: 2 });
    const attachments = resource('aws_iam_role_policy_attachment');
    for (const role of ['rke2_server', 'rke2_agent']) {
      expect(attachments[`${role}_nodes_ebs_csi_driver`]).toEqual({ role: `\${aws_iam_role.${role}.name}`, policy_arn: '${aws_iam_policy.nodes_ebs_csi_driver.arn}' });
      expect(data('aws_iam_policy_document')[role].statement.map((s: any) => s.sid)).toEqual(expect.arrayContaining(['UploadsListUploads', 'UploadsObjectsUploads']));
    }
    expect(resource('aws_instance').agent_1.depends_on).toContain('aws_iam_role_policy_attachment.rke2_agent_nodes_ebs_csi_driver');
    expect(problems).toEqual([]);
  });

  it('keeps the workloads off the role of servers tainted against them, whose hop limit stays 1', () => {
    const servers = { ...pool('server', 3, 'control-plane'), taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoExecute' as const }] };
    const { resource, data } = renderRke2({ servers, workloads: (stack) => ebsAndBucketGrants(stack, { bucket: true }) });
    expect(hopLimits(resource)).toEqual({ server_1: 1, server_2: 1, server_3: 1, agent_1: 2, agent_2: 2, agent_3: 2 });
    expect(Object.keys(resource('aws_iam_role_policy_attachment')).filter((k) => k.includes('nodes_'))).toEqual(['rke2_agent_nodes_ebs_csi_driver']);
    expect(data('aws_iam_policy_document').rke2_server.statement.map((s: any) => s.sid)).toEqual(['ReadJoinTokens', 'DecryptJoinTokens']);
  });
});
