import { describe, expect, it } from 'vitest';
import { awsNetwork } from '../src/aws-network.js';
import { render, SEED_001_SUBNETS, SEED_003_SUBNETS } from './helpers.js';

describe('awsNetwork', () => {
  it('builds the seed 003 VPC with DNS, tagged subnets in three zones and one NAT gateway', () => {
    const { resource, problems } = render((stack) =>
      awsNetwork(stack, {
        name: 'production-cluster',
        region: 'us-east-1',
        cidr: '10.1.0.0/16',
        subnets: SEED_003_SUBNETS,
        natGateways: 'single',
        privateSubnetTags: { 'karpenter.sh/discovery': 'production-cluster' },
      }),
    );
    expect(resource('aws_vpc').main).toMatchObject({ cidr_block: '10.1.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
    expect(resource('aws_subnet').public_subnet_1c).toMatchObject({
      cidr_block: '10.1.80.0/20',
      availability_zone: 'us-east-1c',
      map_public_ip_on_launch: true,
      tags: { 'kubernetes.io/role/elb': '1' },
    });
    expect(resource('aws_subnet').private_subnet_1b).toMatchObject({
      cidr_block: '10.1.48.0/20',
      availability_zone: 'us-east-1b',
      map_public_ip_on_launch: false,
      tags: { 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': 'production-cluster' },
    });
    expect(Object.keys(resource('aws_nat_gateway'))).toEqual(['main']);
    expect(resource('aws_nat_gateway').main.subnet_id).toBe('${aws_subnet.public_subnet_1a.id}');
    expect(resource('aws_eip').nat_main).toMatchObject({ domain: 'vpc' });
    expect(resource('aws_route').private_main_internet).toMatchObject({ destination_cidr_block: '0.0.0.0/0', nat_gateway_id: '${aws_nat_gateway.main.id}' });
    expect(resource('aws_route').public_internet.gateway_id).toBe('${aws_internet_gateway.main.id}');
    const privateTables = ['private_subnet_1a', 'private_subnet_1b', 'private_subnet_1c'].map((s) => resource('aws_route_table_association')[s].route_table_id);
    expect(new Set(privateTables)).toEqual(new Set(['${aws_route_table.private_main.id}']));
    expect(problems).toEqual([]);
  });

  it('gives each zone its own NAT gateway and route table when asked for one per zone', () => {
    const { resource, problems } = render((stack) => awsNetwork(stack, { name: 'vet', region: 'us-east-1', cidr: '10.0.0.0/16', subnets: SEED_001_SUBNETS, natGateways: 'one-per-az' }));
    expect(resource('aws_nat_gateway')).toMatchObject({ a: { subnet_id: '${aws_subnet.public_a.id}' }, b: { subnet_id: '${aws_subnet.public_b.id}' } });
    expect(resource('aws_route_table_association').private_b.route_table_id).toBe('${aws_route_table.private_b.id}');
    expect(problems).toEqual([]);
  });

  it('fails for a private subnet whose zone has no public subnet for its NAT gateway, naming the subnet and range', () => {
    const subnets = [...SEED_001_SUBNETS, { name: 'private-c', cidr: '10.0.12.0/24', role: 'private' as const, zone: 'c' as const }];
    expect(() => render((stack) => awsNetwork(stack, { name: 'vet', region: 'us-east-1', cidr: '10.0.0.0/16', subnets, natGateways: 'one-per-az' }))).toThrow(
      'private subnet "private-c" (10.0.12.0/24) is in zone c, which has no public subnet for its NAT gateway',
    );
  });
});
