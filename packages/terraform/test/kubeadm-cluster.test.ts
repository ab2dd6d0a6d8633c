import { describe, expect, it } from 'vitest';
import { kubeadmCluster, kubeadmSecurityGroups } from '../src/kubeadm-cluster.js';
import type { NodeWorkloadGrants } from '../src/node-workload-grants.js';
import type { Stack } from '../src/stack.js';
import { ebsAndBucketGrants, hopLimits, ingressLines, network, render } from './helpers.js';

const renderKubeadm = (workloads?: (stack: Stack) => NodeWorkloadGrants) =>
  render((stack) => {
    const net = network(stack, '10.0.0.0/16', [
      { name: 'public', cidr: '10.0.0.0/24', role: 'public', zone: 'a' },
      { name: 'private-1', cidr: '10.0.1.0/24', role: 'private', zone: 'a' },
      { name: 'private-2', cidr: '10.0.2.0/24', role: 'private', zone: 'b' },
      { name: 'private-3', cidr: '10.0.3.0/24', role: 'private', zone: 'c' },
    ]);
    const key = stack.resource('aws_key_pair', 'admin', { key_name: 'lab', public_key: 'ssh-ed25519 AAAA' });
    return kubeadmCluster(stack, {
      name: 'kubeadm-lab',
      region: 'us-east-1',
      kubernetesVersion: '1.31.14',
      podCidr: '10.244.0.0/16',
      network: net,
      groups: kubeadmSecurityGroups(stack, { name: 'kubeadm-lab', vpcId: net.vpc.id, adminCidrs: ['203.0.113.10/32'] }),
      keyName: key.attr('key_name'),
      workloads: workloads?.(stack),
      controlPlane: { name: 'control-plane', role: 'control-plane', instanceTypes: ['t3.medium'], image: 'ubuntu-22.04', minSize: 1, maxSize: 1, diskGiB: 30, subnetRole: 'public' },
      workers: [{ name: 'workers', instanceTypes: ['t3.small'], image: 'ubuntu-22.04', minSize: 3, maxSize: 3, diskGiB: 30 }],
    });
  });

describe('kubeadmCluster', () => {
  it('gives the control plane exactly the seed 004 rules: SSH from the admin, API, kubelet and etcd from workers, VXLAN', () => {
    const { resource, problems } = renderKubeadm();
    const workers = '${aws_security_group.workers.id}';
    expect(ingressLines(resource, 'control_plane')).toEqual([
      'tcp 22 from 203.0.113.10/32',
      `tcp 6443 from ${workers}`,
      `tcp 10250 from ${workers}`,
      `tcp 2379-2380 from ${workers}`,
      `udp 4789 from ${workers}`,
    ]);
    expect(problems).toEqual([]);
  });

  it('gives workers SSH from the admin, and kubelet, NodePorts and VXLAN from all nodes', () => {
    const { resource } = renderKubeadm();
    const cp = '${aws_security_group.control_plane.id}';
    const self = '${aws_security_group.workers.id}';
    expect(ingressLines(resource, 'workers')).toEqual([
      'tcp 22 from 203.0.113.10/32',
      `tcp 10250 from ${cp}`,
      `tcp 10250 from ${self}`,
      `tcp 30000-32767 from ${cp}`,
      `tcp 30000-32767 from ${self}`,
      `udp 4789 from ${cp}`,
      `udp 4789 from ${self}`,
    ]);
  });

  it('places the t3.medium control plane in the public subnet and three t3.small workers in the private ones', () => {
    const { resource } = renderKubeadm();
    const instances = resource('aws_instance');
    expect(instances.control_plane_1).toMatchObject({ instance_type: 't3.medium', subnet_id: '${aws_subnet.public.id}', associate_public_ip_address: true });
    expect(['workers_1', 'workers_2', 'workers_3'].map((w) => [instances[w].instance_type, instances[w].subnet_id])).toEqual([
      ['t3.small', '${aws_subnet.private_1.id}'],
      ['t3.small', '${aws_subnet.private_2.id}'],
      ['t3.small', '${aws_subnet.private_3.id}'],
    ]);
  });

  it("gives the workers' role the workloads' grants and their pods IMDSv2 (hop limit 2), never the control plane, which holds the CA key", () => {
    const { resource, data, problems } = renderKubeadm((stack) => ebsAndBucketGrants(stack, { bucket: true, clusterName: 'kubeadm-lab' }));
    expect(hopLimits(resource)).toEqual({ control_plane_1: 1, workers_1: 2, workers_2: 2, workers_3: 2 });
    expect(resource('aws_iam_policy').nodes_ebs_csi_driver.name).toBe('kubeadm-lab-nodes-ebs-csi-driver');
    expect(Object.keys(resource('aws_iam_role_policy_attachment')).filter((k) => k.includes('nodes_'))).toEqual(['kubeadm_worker_nodes_ebs_csi_driver']);
    expect(data('aws_iam_policy_document').kubeadm_control_plane.statement.map((s: any) => s.sid)).toEqual(['ReadClusterCa', 'DecryptClusterCa']);
    expect(data('aws_iam_policy_document').kubeadm_worker.statement.map((s: any) => s.sid)).toEqual(['ReadDiscovery', 'DecryptDiscovery', 'UploadsListUploads', 'UploadsObjectsUploads']);
    expect(problems).toEqual([]);
  });
});
