import { describe, expect, it } from 'vitest';
import { vpnInstance } from '../src/vpn-instance.js';
import { ingressLines, network, render } from './helpers.js';

const renderVpn = () =>
  render((stack) => {
    const net = network(stack);
    const key = stack.resource('aws_key_pair', 'admin', { key_name: 'k', public_key: 'ssh-ed25519 AAAA' });
    return vpnInstance(stack, {
      name: 'production-cluster',
      region: 'us-east-1',
      vpcId: net.vpc.id,
      vpcCidr: '10.1.0.0/16',
      subnetId: net.publicSubnets[0]!.subnet.id,
      zone: 'a',
      adminCidrs: ['203.0.113.0/24'],
      keyName: key.attr('key_name'),
      ports: [
        { port: 22, from: 'admin', description: 'SSH' },
        { port: 1194, protocol: 'udp', from: 'anywhere', description: 'OpenVPN' },
        { port: 80, from: 'anywhere', description: 'HTTP' },
        { port: 443, from: 'anywhere', description: 'HTTPS' },
        { port: 50000, from: 'network', description: 'Jenkins agent JNLP' },
        { port: 5000, from: 'network', description: 'Docker registry' },
      ],
    });
  });

describe('vpnInstance', () => {
  it('renders seed 003: t3.large Ubuntu 24.04 in the public subnet with an Elastic IP and a 20 GB encrypted gp3 root', () => {
    const { resource, data, problems } = renderVpn();
    expect(resource('aws_instance').vpn).toMatchObject({
      instance_type: 't3.large',
      ami: '${data.aws_ami.ubuntu_24_04.id}',
      subnet_id: '${aws_subnet.public_subnet_1a.id}',
      root_block_device: { volume_size: 20, volume_type: 'gp3', encrypted: true },
    });
    expect(data('aws_ami').ubuntu_24_04.filter[0].values).toEqual(['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*']);
    expect(resource('aws_eip').vpn).toMatchObject({ domain: 'vpc', instance: '${aws_instance.vpn.id}' });
    expect(problems).toEqual([]);
  });

  it('attaches an extra 20 GB encrypted gp3 volume in the instance zone', () => {
    const { resource } = renderVpn();
    expect(resource('aws_ebs_volume').vpn_data).toMatchObject({ availability_zone: 'us-east-1a', size: 20, type: 'gp3', encrypted: true });
    expect(resource('aws_volume_attachment').vpn_data).toMatchObject({ volume_id: '${aws_ebs_volume.vpn_data.id}', instance_id: '${aws_instance.vpn.id}' });
  });

  it('opens SSH to admins, the VPN and web ports to anyone, JNLP and the registry to the VPC', () => {
    const { resource } = renderVpn();
    expect(ingressLines(resource, 'vpn')).toEqual([
      'tcp 22 from 203.0.113.0/24',
      'udp 1194 from 0.0.0.0/0',
      'tcp 80 from 0.0.0.0/0',
      'tcp 443 from 0.0.0.0/0',
      'tcp 50000 from 10.1.0.0/16',
      'tcp 5000 from 10.1.0.0/16',
    ]);
  });
});
