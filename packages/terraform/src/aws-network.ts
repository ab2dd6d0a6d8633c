import type { NetworkSpec, SubnetSpec } from '@wavesmith/model';
import type { Resource, Stack } from './stack.js';
import { availabilityZone, tfName } from './names.js';

export type NatGatewayMode = NonNullable<NetworkSpec['natGateways']>;

export interface AwsNetworkProps {
  /** Prefix of Name tags (the cluster name). */
  readonly name: string;
  readonly region: string;
  readonly cidr: string;
  /** Public and private subnets, each with a zone letter. */
  readonly subnets: readonly SubnetSpec[];
  /** @default 'one-per-az' */
  readonly natGateways?: NatGatewayMode;
  /** Extra tags for private subnets, such as Karpenter's discovery tag. @default none */
  readonly privateSubnetTags?: Readonly<Record<string, string>>;
}

export interface NetworkSubnet {
  readonly spec: SubnetSpec;
  readonly subnet: Resource<'aws_subnet'>;
}

export interface AwsNetwork {
  readonly vpc: Resource<'aws_vpc'>;
  readonly publicSubnets: readonly NetworkSubnet[];
  readonly privateSubnets: readonly NetworkSubnet[];
}

/**
 * A VPC with public subnets behind an internet gateway and private subnets behind NAT
 * gateways (one per zone, or a single one), tagged for the AWS load balancer controller.
 * Routes are separate aws_route resources: inline `route` blocks are attributes-as-blocks,
 * which Terraform's JSON syntax reads as whole objects that must set every field.
 */
export function awsNetwork(stack: Stack, props: AwsNetworkProps): AwsNetwork {
  const nat = props.natGateways ?? 'one-per-az';
  const vpc = stack.resource('aws_vpc', 'main', {
    cidr_block: props.cidr,
    enable_dns_support: true,
    enable_dns_hostnames: true,
    tags: { Name: `${props.name}-vpc` },
  });
  const subnet = (spec: SubnetSpec, tags: Record<string, string>): NetworkSubnet => {
    if (spec.zone === undefined) throw new Error(`subnet "${spec.name}" (${spec.cidr}) has no zone; AWS subnets live in one availability zone`);
    const isPublic = spec.role === 'public';
    return {
      spec,
      subnet: stack.resource('aws_subnet', tfName(spec.name), {
        vpc_id: vpc.id,
        cidr_block: spec.cidr,
        availability_zone: availabilityZone(props.region, spec.zone),
        map_public_ip_on_launch: isPublic,
        tags: { Name: `${props.name}-${spec.name}`, ...tags },
      }),
    };
  };
  const publicSubnets = props.subnets.filter((s) => s.role === 'public').map((s) => subnet(s, { 'kubernetes.io/role/elb': '1' }));
  const privateSubnets = props.subnets
    .filter((s) => s.role === 'private')
    .map((s) => subnet(s, { 'kubernetes.io/role/internal-elb': '1', ...props.privateSubnetTags }));

  if (publicSubnets.length > 0) {
    const igw = stack.resource('aws_internet_gateway', 'main', { vpc_id: vpc.id, tags: { Name: `${props.name}-igw` } });
    const routes = stack.resource('aws_route_table', 'public', { vpc_id: vpc.id, tags: { Name: `${props.name}-public` } });
    stack.resource('aws_route', 'public_internet', { route_table_id: routes.id, destination_cidr_block: '0.0.0.0/0', gateway_id: igw.id });
    for (const s of publicSubnets) {
      stack.resource('aws_route_table_association', tfName(s.spec.name), { subnet_id: s.subnet.id, route_table_id: routes.id });
    }
  }
  privateRoutes(stack, props.name, vpc, publicSubnets, privateSubnets, nat);
  return { vpc, publicSubnets, privateSubnets };
}

/** One NAT gateway (with its Elastic IP) per zone that has private subnets, or one for all; each private subnet routes through its zone's gateway. */
function privateRoutes(
  stack: Stack,
  name: string,
  vpc: Resource<'aws_vpc'>,
  publicSubnets: readonly NetworkSubnet[],
  privateSubnets: readonly NetworkSubnet[],
  nat: NatGatewayMode,
): void {
  if (privateSubnets.length === 0) return;
  const gatewayZones = nat === 'one-per-az' ? [...new Set(privateSubnets.map((s) => s.spec.zone!))].sort() : nat === 'single' ? [publicSubnets[0]?.spec.zone ?? ''] : [];
  const tables = new Map<string, Resource<'aws_route_table'>>();
  for (const zone of gatewayZones) {
    const host = nat === 'single' ? publicSubnets[0] : publicSubnets.find((s) => s.spec.zone === zone);
    if (!host && nat === 'single') throw new Error('natGateways "single" needs a public subnet to place the NAT gateway in; the network has none');
    if (!host) {
      const orphan = privateSubnets.find((s) => s.spec.zone === zone) ?? privateSubnets[0]!;
      throw new Error(`private subnet "${orphan.spec.name}" (${orphan.spec.cidr}) is in zone ${orphan.spec.zone}, which has no public subnet for its NAT gateway`);
    }
    const id = nat === 'single' ? 'main' : zone;
    const eip = stack.resource('aws_eip', tfName('nat', id), { domain: 'vpc', tags: { Name: `${name}-nat-${id}` } });
    const gateway = stack.resource('aws_nat_gateway', tfName(id), {
      allocation_id: eip.id,
      subnet_id: host.subnet.id,
      tags: { Name: `${name}-nat-${id}` },
    });
    const table = stack.resource('aws_route_table', tfName('private', id), { vpc_id: vpc.id, tags: { Name: `${name}-private-${id}` } });
    stack.resource('aws_route', tfName('private', id, 'internet'), { route_table_id: table.id, destination_cidr_block: '0.0.0.0/0', nat_gateway_id: gateway.id });
    tables.set(zone, table);
  }
  const isolated = nat === 'none' ? stack.resource('aws_route_table', 'private', { vpc_id: vpc.id, tags: { Name: `${name}-private` } }) : undefined;
  for (const s of privateSubnets) {
    const table = isolated ?? tables.get(nat === 'single' ? gatewayZones[0]! : s.spec.zone!)!;
    stack.resource('aws_route_table_association', tfName(s.spec.name), { subnet_id: s.subnet.id, route_table_id: table.id });
  }
}
