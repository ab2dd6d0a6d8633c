import { describe, expect, it } from 'vitest';
import { rdsPostgres } from '../src/rds-postgres.js';
import { network, render } from './helpers.js';

const renderDb = (protect: boolean) =>
  render((stack) => {
    const net = network(stack, '10.0.0.0/16', [
      { name: 'public-a', cidr: '10.0.0.0/20', role: 'public', zone: 'a' },
      { name: 'private-a', cidr: '10.0.64.0/19', role: 'private', zone: 'a' },
      { name: 'private-b', cidr: '10.0.96.0/19', role: 'private', zone: 'b' },
    ]);
    const nodes = stack.resource('aws_security_group', 'nodes', { vpc_id: net.vpc.id });
    return rdsPostgres(stack, {
      name: 'tbyte',
      clusterName: 'tbyte-prod',
      secretName: 'tbyte-prod/tbyte/credentials',
      vpcId: net.vpc.id,
      subnetIds: net.privateSubnets.map((s) => s.subnet.id),
      clientSecurityGroupId: nodes.id,
      protect,
    });
  });

describe('rdsPostgres', () => {
  it('runs an encrypted multi-AZ PostgreSQL in the private subnets, not publicly accessible', () => {
    const { resource, problems } = renderDb(true);
    expect(resource('aws_db_instance').tbyte).toMatchObject({
      identifier: 'tbyte-prod-tbyte',
      engine: 'postgres',
      engine_version: '16.4',
      instance_class: 'db.t4g.medium',
      storage_encrypted: true,
      multi_az: true,
      publicly_accessible: false,
      deletion_protection: true,
      final_snapshot_identifier: 'tbyte-prod-tbyte-final',
      password: '${random_password.tbyte.result}',
    });
    expect(resource('aws_db_subnet_group').tbyte.subnet_ids).toEqual(['${aws_subnet.private_a.id}', '${aws_subnet.private_b.id}']);
    expect(problems).toEqual([]);
  });

  it('admits PostgreSQL only from the nodes', () => {
    const { resource } = renderDb(true);
    expect(resource('aws_vpc_security_group_ingress_rule').db_tbyte_postgres).toMatchObject({ from_port: 5432, to_port: 5432, referenced_security_group_id: '${aws_security_group.nodes.id}' });
    expect(resource('aws_vpc_security_group_egress_rule')).toEqual({});
  });

  it('stores the credentials in Secrets Manager under the shared secret name', () => {
    const { resource, result } = renderDb(false);
    expect(resource('aws_secretsmanager_secret').tbyte.name).toBe('tbyte-prod/tbyte/credentials');
    expect(resource('aws_secretsmanager_secret_version').tbyte.secret_string).toContain('"username" = "tbyte", "password" = random_password.tbyte.result');
    expect(resource('aws_db_instance').tbyte).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(result.readSecret[0]?.actions).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
  });
});
