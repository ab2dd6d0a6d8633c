import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import type { Ref } from './expression.js';
import { SecurityGroup, type SecurityGroupRef } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface ValkeyCacheProps {
  /** Cache name in the spec; the replication group is `<cluster>-<name>`. */
  readonly name: string;
  readonly clusterName: string;
  readonly vpcId: Ref<'aws_vpc'>;
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  readonly clientSecurityGroupId: SecurityGroupRef;
  /** @default 8.0 */
  readonly engineVersion?: string;
  /** @default cache.t4g.small */
  readonly nodeType?: string;
  /** Primary plus replicas. @default 2 */
  readonly nodes?: number;
}

/** An ElastiCache Valkey replication group, encrypted at rest and in transit; with replicas it fails over across zones. */
export function valkeyCache(stack: Stack, props: ValkeyCacheProps): Resource<'aws_elasticache_replication_group'> {
  const p = withDefaults(CLOUD_DEFAULTS.cache, props);
  const id = tfName(props.name);
  const groupId = `${props.clusterName}-${props.name}`;
  const subnets = stack.resource('aws_elasticache_subnet_group', id, { name: groupId, subnet_ids: props.subnetIds });
  const sg = new SecurityGroup(stack, tfName('cache', props.name), {
    name: `${groupId}-cache`,
    description: `${groupId} Valkey from the cluster nodes`,
    vpcId: props.vpcId,
    ingress: [{ name: 'valkey', description: 'Valkey from the cluster nodes', fromPort: 6379, source: { securityGroup: props.clientSecurityGroupId } }],
    egressAnywhere: false,
  });
  const replicated = p.nodes > 1;
  return stack.resource('aws_elasticache_replication_group', id, {
    replication_group_id: groupId,
    description: `${groupId} Valkey`,
    engine: 'valkey',
    engine_version: p.engineVersion,
    node_type: p.nodeType,
    num_cache_clusters: p.nodes,
    port: 6379,
    automatic_failover_enabled: replicated,
    multi_az_enabled: replicated,
    at_rest_encryption_enabled: true,
    transit_encryption_enabled: true,
    subnet_group_name: subnets.attr('name'),
    security_group_ids: [sg.id],
    snapshot_retention_limit: 1,
  });
}
