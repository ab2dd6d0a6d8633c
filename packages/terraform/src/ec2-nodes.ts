import type { NodePoolSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { ec2Instance, type UbuntuImage } from './ec2-instance.js';
import type { AwsNetwork } from './aws-network.js';
import type { SecurityGroupRef } from './security-group.js';
import type { Resource, Stack } from './stack.js';

export interface Ec2NodesProps {
  /** Prefix of Name tags (the cluster name). */
  readonly name: string;
  readonly pool: NodePoolSpec;
  readonly network: AwsNetwork;
  readonly securityGroupIds: readonly SecurityGroupRef[];
  readonly keyName: Ref<'aws_key_pair'>;
  /** Role tag of the instances. */
  readonly role: string;
}

/**
 * The instances of one pool of a self-managed cluster: `minSize` of them (EC2 clusters do not
 * autoscale), spread round-robin over the subnets of the pool's subnet role.
 */
export function ec2Nodes(stack: Stack, props: Ec2NodesProps): readonly Resource<'aws_instance'>[] {
  const { pool } = props;
  const role = pool.subnetRole ?? 'private';
  const subnets = role === 'public' ? props.network.publicSubnets : props.network.privateSubnets;
  if (subnets.length === 0) throw new Error(`node pool "${pool.name}": subnetRole "${role}" but the network has no ${role} subnet`);
  const instanceType = pool.instanceTypes[0]!;
  return Array.from({ length: pool.minSize }, (_, i) => {
    const subnet = subnets[i % subnets.length]!;
    return ec2Instance(stack, `${pool.name}-${i + 1}`, {
      name: `${props.name}-${pool.name}-${i + 1}`,
      image: pool.image as UbuntuImage,
      instanceType,
      subnetId: subnet.subnet.id,
      securityGroupIds: props.securityGroupIds,
      keyName: props.keyName,
      rootVolumeGiB: pool.diskGiB,
      publicIp: role === 'public',
      role: props.role,
    });
  });
}
