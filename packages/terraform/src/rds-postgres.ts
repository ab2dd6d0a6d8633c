import { withDefaults } from './defaults.js';
import { CLOUD_DEFAULTS } from '@wavesmith/model';
import { databaseCredentials } from './database-credentials.js';
import type { Ref } from './expression.js';
import type { PolicyStatement } from './iam.js';
import { SecurityGroup, type SecurityGroupRef } from './security-group.js';
import type { Resource, Stack } from './stack.js';
import { tfName } from './names.js';

export interface RdsPostgresProps {
  /** Database name in the cluster's spec (`app`); the instance is `<cluster>-<name>`. */
  readonly name: string;
  readonly clusterName: string;
  /** Secrets Manager name of the credentials (databaseSecretName). */
  readonly secretName: string;
  readonly vpcId: Ref<'aws_vpc'>;
  /** Private subnets in at least two zones. */
  readonly subnetIds: readonly Ref<'aws_subnet'>[];
  /** Security group of the clients (the cluster's nodes). */
  readonly clientSecurityGroupId: SecurityGroupRef;
  /** Deletion protection and a final snapshot. */
  readonly protect: boolean;
  /** @default 16.4 */
  readonly engineVersion?: string;
  /** @default db.t4g.medium */
  readonly instanceClass?: string;
  /** @default 20 */
  readonly allocatedStorageGiB?: number;
  /** @default true */
  readonly multiAz?: boolean;
  /** @default 7 */
  readonly backupRetentionDays?: number;
}

export interface RdsPostgres {
  readonly instance: Resource<'aws_db_instance'>;
  readonly secret: Resource<'aws_secretsmanager_secret'>;
  /** Read access to the credentials secret, for a workload role. */
  readonly readSecret: readonly PolicyStatement[];
}

/**
 * An encrypted PostgreSQL instance in the private subnets, reachable on 5432 from the nodes
 * only, with its connection credentials in Secrets Manager under the shared secret name.
 */
export function rdsPostgres(stack: Stack, props: RdsPostgresProps): RdsPostgres {
  const p = withDefaults(CLOUD_DEFAULTS.database, props);
  const id = tfName(props.name);
  const identifier = `${props.clusterName}-${props.name}`;
  const subnets = stack.resource('aws_db_subnet_group', id, { name: identifier, subnet_ids: props.subnetIds });
  const sg = new SecurityGroup(stack, tfName('db', props.name), {
    name: `${identifier}-db`,
    description: `${identifier} PostgreSQL from the cluster nodes`,
    vpcId: props.vpcId,
    ingress: [{ name: 'postgres', description: 'PostgreSQL from the cluster nodes', fromPort: 5432, source: { securityGroup: props.clientSecurityGroupId } }],
    egressAnywhere: false,
  });
  const password = stack.resource('random_password', id, { length: 32, special: false });
  const username = props.name.replace(/-/g, '_');
  const instance = stack.resource('aws_db_instance', id, {
    identifier,
    engine: 'postgres',
    engine_version: p.engineVersion,
    instance_class: p.instanceClass,
    allocated_storage: p.allocatedStorageGiB,
    storage_type: 'gp3',
    storage_encrypted: true,
    multi_az: p.multiAz,
    db_name: username,
    username,
    password: password.attr('result'),
    db_subnet_group_name: subnets.attr('name'),
    vpc_security_group_ids: [sg.id],
    publicly_accessible: false,
    backup_retention_period: p.backupRetentionDays,
    copy_tags_to_snapshot: true,
    auto_minor_version_upgrade: true,
    deletion_protection: props.protect,
    skip_final_snapshot: !props.protect,
    final_snapshot_identifier: props.protect ? `${identifier}-final` : undefined,
  });
  const credentials = databaseCredentials(stack, {
    name: props.name,
    secretName: props.secretName,
    description: `Credentials of ${identifier}`,
    value: { engine: 'postgres', host: instance.attr('address'), port: instance.attr('port'), dbname: username, username, password: password.attr('result') },
  });
  return { instance, ...credentials };
}
