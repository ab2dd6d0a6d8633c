import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS, type PortRuleSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { ec2Instance, type UbuntuImage } from './ec2-instance.js';
import { SecurityGroup } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { availabilityZone, tfName } from './names.js';

export interface VpnInstanceProps {
  /** Prefix of names (the cluster name). */
  readonly name: string;
  readonly region: string;
  readonly vpcId: Ref<'aws_vpc'>;
  readonly vpcCidr: string;
  readonly subnetId: Ref<'aws_subnet'>;
  /** Zone letter of the subnet, where the data volume must be created. */
  readonly zone: string;
  readonly adminCidrs: readonly string[];
  readonly keyName: Ref<'aws_key_pair'>;
  readonly ports: readonly PortRuleSpec[];
  /** @default t3.large */
  readonly instanceType?: string;
  /** @default ubuntu-24.04 */
  readonly image?: UbuntuImage;
  /** @default 20 */
  readonly rootVolumeGiB?: number;
  /** 0 for none. @default 20 */
  readonly dataVolumeGiB?: number;
}

/** A VPN server in a public subnet with a fixed Elastic IP, an encrypted data volume and only the listed ports open. */
export function vpnInstance(stack: Stack, props: VpnInstanceProps): Resource<'aws_instance'> {
  const p = withDefaults(CLOUD_DEFAULTS.vpn, props);
  const sources = { admin: props.adminCidrs, network: [props.vpcCidr], anywhere: ['0.0.0.0/0'] } as const;
  const group = new SecurityGroup(stack, 'vpn', {
    name: `${props.name}-vpn`,
    description: `${props.name} VPN server`,
    vpcId: props.vpcId,
    ingress: props.ports.map((rule) => {
      const protocol = rule.protocol ?? 'tcp';
      const range = rule.toPort === undefined ? `${rule.port}` : `${rule.port}_${rule.toPort}`;
      return { name: `${protocol}_${range}`, description: rule.description, protocol, fromPort: rule.port, toPort: rule.toPort, source: { cidrs: sources[rule.from] } };
    }),
  });
  const instance = ec2Instance(stack, 'vpn', {
    name: `${props.name}-vpn`,
    image: p.image,
    instanceType: p.instanceType,
    subnetId: props.subnetId,
    securityGroupIds: [group.id],
    keyName: props.keyName,
    rootVolumeGiB: p.rootVolumeGiB,
    publicIp: true,
    role: 'vpn',
  });
  stack.resource('aws_eip', 'vpn', { domain: 'vpc', instance: instance.id, tags: { Name: `${props.name}-vpn` } });
  if (p.dataVolumeGiB > 0) {
    const volume = stack.resource('aws_ebs_volume', 'vpn_data', {
      availability_zone: availabilityZone(props.region, props.zone),
      size: p.dataVolumeGiB,
      type: 'gp3',
      encrypted: true,
      tags: { Name: `${props.name}-vpn-data` },
    });
    stack.resource('aws_volume_attachment', tfName('vpn_data'), { device_name: '/dev/sdf', volume_id: volume.id, instance_id: instance.id });
  }
  return instance;
}
