import type { NodePoolSpec } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { ec2Instance, type UbuntuImage } from './ec2-instance.js';
import type { AwsNetwork, NetworkSubnet } from './aws-network.js';
import type { InstanceProfile } from './instance-profile.js';
import { hostAddress } from './names.js';
import type { NodeWorkloadGrants } from './node-workload-grants.js';
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
  readonly instanceProfile: InstanceProfile;
  /** The cloud-config of the pool's n-th instance (from 0). */
  readonly userData: (index: number) => string;
  /** Give the first instance the pool's fixed address (firstNodeAddress): other nodes register there. @default false */
  readonly fixedFirstAddress?: boolean;
  /** The workloads' grants, when the pool's role carries them: its workload pods then reach that role. @default none */
  readonly workloads?: NodeWorkloadGrants;
}

/** The instances of one node pool. */
export interface PoolInstances {
  readonly pool: NodePoolSpec;
  readonly instances: readonly Resource<'aws_instance'>[];
}

/** Whether ordinary pods schedule on a pool: none does on a pool with a NoSchedule or NoExecute taint. */
export function runsWorkloads(pool: NodePoolSpec): boolean {
  return !(pool.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule');
}

/** Offset of the fixed address in the first subnet: past the 4 addresses AWS reserves at the start of every subnet. */
const FIXED_ADDRESS_OFFSET = 10;

function poolSubnets(network: AwsNetwork, pool: NodePoolSpec): readonly NetworkSubnet[] {
  const role = pool.subnetRole ?? 'private';
  const subnets = role === 'public' ? network.publicSubnets : network.privateSubnets;
  if (subnets.length === 0) throw new Error(`node pool "${pool.name}": subnetRole "${role}" but the network has no ${role} subnet`);
  return subnets;
}

/** The private address of a pool's first instance when it is fixed: the 10th of its first subnet. */
export function firstNodeAddress(network: AwsNetwork, pool: NodePoolSpec): string {
  return hostAddress(poolSubnets(network, pool)[0]!.spec.cidr, FIXED_ADDRESS_OFFSET);
}

/**
 * The instances of one pool of a self-managed cluster: `minSize` of them (EC2 clusters do not
 * autoscale), spread round-robin over the subnets of the pool's subnet role, each booting from
 * its own cloud-config with the pool's instance profile.
 */
export function ec2Nodes(stack: Stack, props: Ec2NodesProps): readonly Resource<'aws_instance'>[] {
  const { pool } = props;
  const subnets = poolSubnets(props.network, pool);
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
      publicIp: (pool.subnetRole ?? 'private') === 'public',
      role: props.role,
      userData: props.userData(i),
      instanceProfile: props.instanceProfile.name,
      privateIp: props.fixedFirstAddress && i === 0 ? firstNodeAddress(props.network, pool) : undefined,
      after: props.instanceProfile.grants,
      metadataHopLimit: props.workloads?.hopLimit(pool),
    });
  });
}
