import { describe, expect, it } from 'vitest';
import { valkeyCache } from '../src/valkey-cache.js';
import { network, render } from './helpers.js';

const renderCache = (nodes?: number) =>
  render((stack) => {
    const net = network(stack);
    const cluster = stack.resource('aws_eks_cluster', 'main', { name: 'c' });
    return valkeyCache(stack, {
      name: 'valkey',
      clusterName: 'production-cluster',
      vpcId: net.vpc.id,
      subnetIds: net.privateSubnets.map((s) => s.subnet.id),
      clientSecurityGroupId: cluster.attr('vpc_config[0].cluster_security_group_id'),
      nodes,
    });
  });

describe('valkeyCache', () => {
  it('runs Valkey 8.0 encrypted at rest and in transit, failing over across zones with a replica', () => {
    const { resource, problems } = renderCache();
    expect(resource('aws_elasticache_replication_group').valkey).toMatchObject({
      replication_group_id: 'production-cluster-valkey',
      engine: 'valkey',
      engine_version: '8.0',
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      at_rest_encryption_enabled: true,
      transit_encryption_enabled: true,
    });
    expect(resource('aws_vpc_security_group_ingress_rule').cache_valkey_valkey).toMatchObject({
      from_port: 6379,
      referenced_security_group_id: '${aws_eks_cluster.main.vpc_config[0].cluster_security_group_id}',
    });
    expect(problems).toEqual([]);
  });

  it('turns failover off for a single node', () => {
    const { resource } = renderCache(1);
    expect(resource('aws_elasticache_replication_group').valkey).toMatchObject({ num_cache_clusters: 1, automatic_failover_enabled: false, multi_az_enabled: false });
  });
});
